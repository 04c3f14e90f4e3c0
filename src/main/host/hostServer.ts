import { randomBytes, timingSafeEqual } from 'node:crypto'
import fastifyStatic from '@fastify/static'
import Fastify from 'fastify'
import { WebSocketServer, type WebSocket } from 'ws'
import { WsClientFrame, type WsServerFrame } from '../../shared/api/console'
import { schemaError } from '../../shared/api/errors'
import type { ConsoleService } from '../services/consoleService'

export interface ConsoleHost {
  /** the address to open in a browser, carrying the one-time token */
  url: string
  origin: string
  token: string
  close(): Promise<void>
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * The plain-Node host of the main-process services: serves the built renderer and carries the
 * console API over a WebSocket on 127.0.0.1 only, admitting a connection only with the random
 * token and from the host's own origin.
 */
export async function startConsoleHost(opts: {
  service: ConsoleService
  rendererDir: string
  port?: number
}): Promise<ConsoleHost> {
  const token = randomBytes(24).toString('base64url')
  const app = Fastify({ logger: false })
  // frame-ancestors only works as a header (browsers ignore it in the page's meta CSP)
  app.addHook('onSend', async (_req, reply) => {
    void reply.header('content-security-policy', "frame-ancestors 'none'").header('x-content-type-options', 'nosniff')
  })
  await app.register(fastifyStatic, { root: opts.rendererDir })
  const address = await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 })
  const origin = address.replace('localhost', '127.0.0.1')

  // a work-order attachment (≤ 5 MB) travels base64-encoded in one console call
  const wss = new WebSocketServer({ noServer: true, maxPayload: 8_000_000 })
  const clients = new Set<WebSocket>()
  app.server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin)
    const ok =
      url.pathname === '/console' && req.headers.origin === origin && sameToken(url.searchParams.get('t') ?? '', token)
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws))
  })

  const send = (ws: WebSocket, frame: WsServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame))
  }
  const onEvent = (event: string, payload: unknown) => {
    for (const ws of clients) send(ws, { event, payload })
  }
  opts.service.on('event', onEvent)

  wss.on('connection', (ws) => {
    clients.add(ws)
    ws.on('close', () => clients.delete(ws))
    ws.on('message', (data) => {
      let json: unknown
      try {
        json = JSON.parse(String(data))
      } catch {
        return ws.close(1003, 'frames must be JSON')
      }
      const frame = WsClientFrame.safeParse(json)
      if (!frame.success) {
        const id = (json as { id?: unknown })?.id
        if (typeof id === 'number') send(ws, { id, reply: { ok: false, error: schemaError('frame', frame.error) } })
        return
      }
      void opts.service
        .dispatch(frame.data.method, frame.data.payload)
        .then((reply) => send(ws, { id: frame.data.id, reply }))
    })
  })

  return {
    url: `${origin}/?t=${token}`,
    origin,
    token,
    close: async () => {
      opts.service.off('event', onEvent)
      for (const ws of clients) ws.terminate()
      wss.close()
      await app.close()
    },
  }
}
