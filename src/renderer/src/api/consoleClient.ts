import { ApiFailure, type ApiError } from '../../../shared/api/errors'
import {
  consoleEvents,
  consoleMethods,
  WsServerFrame,
  type ConsoleBridge,
  type ConsoleEvent,
  type ConsoleEventPayload,
  type ConsoleMethod,
  type ConsoleReply,
  type ConsoleRequest,
  type ConsoleResponse,
} from '../../../shared/api/console'

declare global {
  interface Window {
    /** set by the Electron preload; absent when the console runs in a browser against the host */
    consoleApi?: ConsoleBridge
  }
}

const TOKEN_KEY = 'console-host-token'

/**
 * The loopback WebSocket bridge to the plain-Node host. The host's URL carries a one-time
 * `?t=` token; it is kept in sessionStorage and removed from the address bar.
 */
function createWsBridge(): ConsoleBridge {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('t')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('t')
    history.replaceState(null, '', url.toString())
  }
  const token = sessionStorage.getItem(TOKEN_KEY) ?? ''
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const pending = new Map<number, (r: ConsoleReply) => void>()
  let nextId = 1
  let socket: WebSocket | null = null
  let opening: Promise<WebSocket> | null = null

  const open = (): Promise<WebSocket> => {
    if (socket && socket.readyState === WebSocket.OPEN) return Promise.resolve(socket)
    opening ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://${location.host}/console?t=${encodeURIComponent(token)}`)
      ws.onopen = () => {
        socket = ws
        opening = null
        resolve(ws)
      }
      ws.onerror = () => {
        opening = null
        reject(new Error('console host is not reachable'))
      }
      ws.onclose = () => {
        socket = null
        for (const [id, done] of pending) {
          done({ ok: false, error: { code: 'NETWORK', message: 'console host connection closed' } })
          pending.delete(id)
        }
      }
      ws.onmessage = (msg) => {
        const frame = WsServerFrame.safeParse(JSON.parse(String(msg.data)))
        if (!frame.success) return
        if ('id' in frame.data) {
          pending.get(frame.data.id)?.(frame.data.reply)
          pending.delete(frame.data.id)
        } else {
          const { event, payload } = frame.data
          listeners.get(event)?.forEach((l) => l(payload))
        }
      }
    })
    return opening
  }

  return {
    async invoke(method, payload) {
      try {
        const ws = await open()
        const id = nextId++
        return await new Promise<ConsoleReply>((resolve) => {
          pending.set(id, resolve)
          ws.send(JSON.stringify({ id, method, payload }))
        })
      } catch (err) {
        return { ok: false, error: { code: 'NETWORK', message: (err as Error).message } }
      }
    },
    on(event, listener) {
      void open().catch(() => undefined)
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener)
      return () => set.delete(listener)
    },
  }
}

let bridge: ConsoleBridge | undefined
const getBridge = (): ConsoleBridge => (bridge ??= window.consoleApi ?? createWsBridge())

export function consoleShell(): 'electron' | 'browser-host' {
  return window.consoleApi ? 'electron' : 'browser-host'
}

/** Calls one console API method; rejects with ApiFailure carrying the typed error. */
export async function callConsole<M extends ConsoleMethod>(
  method: M,
  payload: ConsoleRequest<M>,
): Promise<ConsoleResponse<M>> {
  const reply = await getBridge().invoke(method, payload)
  if (!reply.ok) throw new ApiFailure(reply.error)
  return consoleMethods[method].response.parse(reply.result) as ConsoleResponse<M>
}

export function onConsoleEvent<E extends ConsoleEvent>(
  event: E,
  listener: (payload: ConsoleEventPayload<E>) => void,
): () => void {
  return getBridge().on(event, (raw) => {
    const parsed = consoleEvents[event].safeParse(raw)
    if (parsed.success) listener(parsed.data as ConsoleEventPayload<E>)
  })
}

export function errorOf(err: unknown): ApiError {
  return err instanceof ApiFailure ? err.error : { code: 'INTERNAL', message: String(err) }
}
