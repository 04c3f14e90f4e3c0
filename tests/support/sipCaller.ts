import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { join, normalize } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { ROOT } from './stack'

const SIPJS_LIB = join(ROOT, 'node_modules/sip.js/lib')
const PAGE = `<!doctype html><meta charset="utf-8"><title>caller</title>
<script type="module">import * as SIP from '/sipjs/index.js'; window.SIP = SIP; window.sipReady = true</script>`

/**
 * A far-end phone: sip.js (the same package the console uses) in its own Chromium page. It
 * calls, answers calls to it, records DTMF sent by SIP INFO, and follows a REFER (transfer).
 */
export interface SipCaller {
  /** sends the INVITE; resolves once the call is sent, not answered */
  call(target: string): Promise<void>
  /** whether any INVITE has reached this phone so far */
  wasInvited(): Promise<boolean>
  /** answers the ringing INVITE */
  answer(): Promise<void>
  /** a header of the last INVITE this phone received, or null */
  receivedHeader(name: string): Promise<string | null>
  /** the current session's state: Initial, Establishing, Established, Terminated */
  state(): Promise<string>
  /** how many sessions this phone has had: a followed transfer starts a new one */
  sessions(): Promise<number>
  /** inbound RTP packets seen by the current session so far */
  packetsReceived(): Promise<number>
  /** DTMF digits received in SIP INFO (application/dtmf-relay), in order */
  digits(): Promise<string>
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
      w.digits = ''
      w.sessionCount = 0
      const AUDIO = { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } }
      // what a desk phone does with calls: keep the session, record INFO digits, follow transfers
      w.adopt = (session: any) => {
        w.session = session
        w.sessionCount += 1
        session.delegate = {
          onInfo: (info: any) => {
            const m = /Signal=\s*([0-9*#A-D])/.exec(info.request.body ?? '')
            if (m) w.digits += m[1]
            void info.accept()
          },
          // RFC 3261 §19.1.5: headers of the Refer-To URI go into the new INVITE (sip.js's default
          // REFER handling drops them); Replaces is added by makeInviter itself
          onRefer: (referral: any) => {
            const headers: Record<string, string[]> = referral.referTo.uri.headers ?? {}
            const extraHeaders = Object.entries(headers)
              .filter(([name]) => /^x-/i.test(name))
              .map(([name, values]) => `${name}: ${values[0]}`)
            void referral.accept().then(() => {
              const inviter = referral.makeInviter({ ...AUDIO, extraHeaders })
              w.adopt(inviter)
              return inviter.invite()
            })
          },
        }
      }
      ua.delegate = {
        onInvite: (invitation: any) => {
          w.lastInvite = invitation.request
          w.adopt(invitation)
        },
      }
      w.AUDIO = AUDIO
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
        const inviter = new w.SIP.Inviter(w.ua, w.SIP.UserAgent.makeURI(target), w.AUDIO)
        w.adopt(inviter)
        await inviter.invite()
      }, target),
    wasInvited: () => page.evaluate(() => (window as any).lastInvite !== undefined),
    answer: () =>
      page.evaluate(async () => {
        const w = window as any
        await w.session.accept(w.AUDIO)
      }),
    receivedHeader: (name) => page.evaluate((name) => (window as any).lastInvite?.getHeader(name) ?? null, name),
    state: () => page.evaluate(() => String((window as any).session?.state)),
    sessions: () => page.evaluate(() => Number((window as any).sessionCount)),
    digits: () => page.evaluate(() => String((window as any).digits)),
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
