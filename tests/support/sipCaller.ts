import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { join, normalize } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ROOT } from './stack'

const SIPJS_LIB = join(ROOT, 'node_modules/sip.js/lib')
const PAGE = `<!doctype html><meta charset="utf-8"><title>caller</title>
<script type="module">import * as SIP from '/sipjs/index.js'; window.SIP = SIP; window.sipReady = true</script>`

/** A far-end phone: sip.js (the same package the console uses) in its own Chromium page. */
export interface SipCaller {
  /** sends the INVITE; resolves once the call is sent, not answered */
  call(target: string): Promise<void>
  /** the caller's session state: Initial, Establishing, Established, Terminated */
  state(): Promise<string>
  /** inbound RTP packets seen by the caller so far */
  packetsReceived(): Promise<number>
  hangUp(): Promise<void>
  close(): Promise<void>
}

/** Serves sip.js's ES modules as they are (no bundling: the package has no dependencies). */
function serveSipJs(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (path === '/') {
      res.setHeader('content-type', 'text/html; charset=utf-8')
      res.end(PAGE)
      return
    }
    const file = normalize(join(SIPJS_LIB, path.replace(/^\/sipjs\//, '')))
    if (!path.startsWith('/sipjs/') || !file.startsWith(SIPJS_LIB)) {
      res.statusCode = 404
      res.end()
      return
    }
    readFile(file).then(
      (body) => {
        res.setHeader('content-type', 'text/javascript')
        res.end(body)
      },
      () => {
        res.statusCode = 404
        res.end()
      },
    )
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      resolve({ server, url: `http://127.0.0.1:${port}/` })
    }),
  )
}

/** Registers `user` with Kamailio from a fresh page and returns the phone. */
export async function startSipCaller(
  browser: Browser,
  wsUrl: string,
  user: string,
  password: string,
): Promise<SipCaller> {
  const { server, url } = await serveSipJs()
  const page: Page = await (await browser.newContext()).newPage()
  await page.goto(url)
  await page.waitForFunction(() => (window as unknown as { sipReady?: boolean }).sipReady === true)
  await page.evaluate(
    async ({ wsUrl, user, password }) => {
      // runs in the page: window.SIP is sip.js
      const w = window as any
      const SIP = w.SIP
      const ua = new SIP.UserAgent({
        uri: SIP.UserAgent.makeURI(`sip:${user}@127.0.0.1`),
        authorizationUsername: user,
        authorizationPassword: password,
        transportOptions: { server: wsUrl },
        sessionDescriptionHandlerFactoryOptions: {
          iceGatheringTimeout: 500,
          peerConnectionConfiguration: { iceServers: [] },
        },
        logLevel: 'error',
      })
      await ua.start()
      await new SIP.Registerer(ua).register()
      w.ua = ua
    },
    { wsUrl, user, password },
  )
  return {
    call: (target) =>
      page.evaluate(async (target) => {
        const w = window as any
        const inviter = new w.SIP.Inviter(w.ua, w.SIP.UserAgent.makeURI(target), {
          sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
        })
        w.session = inviter
        await inviter.invite()
      }, target),
    state: () => page.evaluate(() => String((window as any).session?.state)),
    packetsReceived: () =>
      page.evaluate(async () => {
        const w = window as any
        const pc: RTCPeerConnection | undefined = w.session?.sessionDescriptionHandler?.peerConnection
        if (!pc) return 0
        let packets = 0
        ;(await pc.getStats()).forEach((s: { type: string; packetsReceived?: number }) => {
          if (s.type === 'inbound-rtp') packets += s.packetsReceived ?? 0
        })
        return packets
      }),
    hangUp: () =>
      page.evaluate(async () => {
        const w = window as any
        if (w.session?.state === 'Established') await w.session.bye()
      }),
    close: async () => {
      await page.context().close()
      await new Promise((r) => server.close(r))
    },
  }
}
