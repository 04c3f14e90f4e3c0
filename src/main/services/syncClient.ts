import { EventEmitter } from 'node:events'
import { io, type Socket } from 'socket.io-client'
import type { z } from 'zod'
import { ApiError, ApiFailure } from '../../shared/api/errors'
import { httpRoutes, type HttpRouteName } from '../../shared/api/http'
import { ackSchema, clientEvents, serverEvents, type ClientEventName } from '../../shared/api/socket'
import type { SyncStatus } from '../../shared/api/console'
import type { PresenceEntry } from '../../shared/domain/presence'
import type { LiveChange } from '../../shared/sync/feed'
import type { TokenGrant } from '../../shared/domain/user'
import type { SlaNotification } from '../../shared/workOrders/createWorkOrder'

type Part<N extends HttpRouteName, K extends 'body' | 'params' | 'query'> = (typeof httpRoutes)[N] extends {
  [P in K]: infer S extends z.ZodType
}
  ? z.input<S>
  : undefined
type Body<N extends HttpRouteName> = Part<N, 'body'>
type Result<N extends HttpRouteName> = z.output<(typeof httpRoutes)[N]['response']>

const ACK_TIMEOUT_MS = 8000

export interface SyncClientEvents {
  status: [SyncStatus]
  'presence:update': [PresenceEntry]
  'feed:changes': [LiveChange[]]
  'notify:sla': [SlaNotification[]]
}

/**
 * The seat's connection to the sync server: typed HTTP calls from the shared route table and one
 * socket.io connection (WebSocket only, so no sticky sessions are needed) authenticated with the
 * current access token on every (re)connect.
 */
export class SyncClient extends EventEmitter<SyncClientEvents> {
  private socket: Socket | null = null
  private status: SyncStatus = { connected: false, lastError: null }

  constructor(
    readonly serverUrl: string,
    private readonly accessToken: () => string | null,
    /** sent with every request so the server's audit log can say which seat acted */
    private readonly seatId: string,
  ) {
    super()
  }

  async http<N extends HttpRouteName>(
    name: N,
    body?: Body<N>,
    parts: { params?: Part<N, 'params'>; query?: Part<N, 'query'> } = {},
  ): Promise<Result<N>> {
    const route = httpRoutes[name]
    const token = this.accessToken()
    const params = (parts.params ?? {}) as Record<string, string>
    const url = new URL(
      route.path.replace(/:(\w+)/g, (_, key: string) => encodeURIComponent(params[key] ?? '')),
      this.serverUrl,
    )
    for (const [k, v] of Object.entries((parts.query ?? {}) as Record<string, unknown>)) {
      if (v !== undefined) url.searchParams.set(k, String(v))
    }
    let res: Response
    try {
      res = await fetch(url, {
        method: route.method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(route.auth && token ? { authorization: `Bearer ${token}` } : {}),
          'x-seat-id': this.seatId,
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(10_000),
      })
    } catch (err) {
      throw new ApiFailure({ code: 'NETWORK', message: `sync server unreachable: ${(err as Error).message}` })
    }
    const json: unknown = await res.json().catch(() => null)
    if (!res.ok) {
      const parsed = ApiError.safeParse((json as { error?: unknown } | null)?.error)
      throw new ApiFailure(parsed.success ? parsed.data : { code: 'INTERNAL', message: `HTTP ${res.status}` })
    }
    return route.response.parse(json) as Result<N>
  }

  login(username: string, password: string): Promise<TokenGrant> {
    return this.http('login', { username, password })
  }

  connect(): void {
    if (this.socket) {
      // a socket refused by the server's auth does not retry by itself; a fresh token deserves one
      if (!this.socket.active) this.socket.connect()
      return
    }
    const socket = io(this.serverUrl, {
      transports: ['websocket'],
      auth: (cb) => cb({ token: this.accessToken() }),
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    })
    socket.on('connect', () => this.setStatus({ connected: true, lastError: null }))
    socket.on('disconnect', (reason) => this.setStatus({ connected: false, lastError: reason }))
    socket.on('connect_error', (err) => this.setStatus({ connected: false, lastError: err.message }))
    socket.on('presence:updates', (raw: unknown) => {
      const parsed = serverEvents['presence:updates'].safeParse(raw)
      if (parsed.success) for (const entry of parsed.data) this.emit('presence:update', entry)
    })
    socket.on('notify:sla', (raw: unknown) => {
      const parsed = serverEvents['notify:sla'].safeParse(raw)
      if (parsed.success) this.emit('notify:sla', parsed.data)
    })
    socket.on('feed:changes', (raw: unknown) => {
      // a frame that does not parse is dropped here and recovered by the cursor: the next
      // change's `prev` will not match, and the seat pulls the gap
      const parsed = serverEvents['feed:changes'].safeParse(raw)
      if (parsed.success) this.emit('feed:changes', parsed.data)
    })
    this.socket = socket
  }

  disconnect(): void {
    this.socket?.disconnect()
    this.socket = null
    this.setStatus({ connected: false, lastError: null })
  }

  isConnected(): boolean {
    return this.socket?.connected ?? false
  }

  getStatus(): SyncStatus {
    return this.status
  }

  /** Sends one client event and waits for the server's validated ack. */
  async request<E extends ClientEventName>(
    event: E,
    payload: z.input<(typeof clientEvents)[E]['request']>,
  ): Promise<z.output<(typeof clientEvents)[E]['result']>> {
    const socket = this.socket
    if (!socket?.connected) throw new ApiFailure({ code: 'NETWORK', message: 'not connected to the sync server' })
    let raw: unknown
    try {
      raw = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)
    } catch {
      throw new ApiFailure({ code: 'NETWORK', message: `${event}: no answer from the sync server` })
    }
    const ack = ackSchema(clientEvents[event].result).parse(raw)
    if (!ack.ok) throw new ApiFailure(ack.error)
    return ack.result as z.output<(typeof clientEvents)[E]['result']>
  }

  private setStatus(next: SyncStatus): void {
    this.status = next
    this.emit('status', next)
  }
}
