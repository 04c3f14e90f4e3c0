import type { FastifyBaseLogger } from 'fastify'
import type { Namespace, Server, Socket } from 'socket.io'
import type { z } from 'zod'
import { ApiFailure, parseAt } from '../../shared/api/errors'
import type { Ack } from '../../shared/api/socket'
import {
  chatClientEvents,
  MAX_CHAT_EVENT_BYTES,
  type ChatClientEventName,
  type QueueStatus,
} from '../../shared/chat/events'
import type { ChatMessage } from '../../shared/chat/message'
import { toApiError } from '../http/errors'
import type { ChatService } from './chatService'
import { VisitorLimiter } from './visitorLimiter'

/** How often waiting visitors get a fresh position and estimate even when nothing moved. */
const QUEUE_REFRESH_MS = 15_000
/** Messages per visitor: a burst of 8, then one a second. */
const SEND_BURST = 8
const SEND_PER_SEC = 1
/** New visitors (tokens issued) per client address: 20, then one every 6 s (a shop's Wi-Fi shares one). */
const JOIN_BURST = 20
const JOIN_PER_SEC = 1 / 6

const room = (conversationId: string) => `conv:${conversationId}`

interface VisitorData {
  visitorId?: string
  conversationId?: string
}

type Handler = (socket: Socket, req: unknown) => Promise<unknown>

/**
 * The `/chat` socket.io namespace for the customer widget: no login, one conversation per visitor
 * token, every payload checked by size and schema before anything else, and rate limits per
 * visitor (a flood is refused before it reaches the database, so other visitors are not slowed).
 */
export class ChatGateway {
  readonly nsp: Namespace
  private readonly sends = new VisitorLimiter(SEND_BURST, SEND_PER_SEC)
  private readonly joins = new VisitorLimiter(JOIN_BURST, JOIN_PER_SEC)
  private readonly timer: NodeJS.Timeout

  constructor(
    io: Server,
    private readonly chat: ChatService,
    private readonly log: FastifyBaseLogger,
  ) {
    this.nsp = io.of('/chat')
    this.nsp.on('connection', (socket) => this.attach(socket))
    this.timer = setInterval(() => void this.refreshLocal(), QUEUE_REFRESH_MS)
    this.timer.unref()
  }

  /** The service's outbox: to the conversation's room on every node. */
  static outbox(nsp: () => Namespace) {
    return {
      message: (m: ChatMessage) => void nsp().to(room(m.conversationId)).emit('chat:message', m),
      queue: (s: QueueStatus) => void nsp().to(room(s.conversationId)).emit('chat:queue', s),
    }
  }

  stop(): void {
    clearInterval(this.timer)
  }

  private readonly handlers: Record<ChatClientEventName, Handler> = {
    'chat:join': async (socket, raw) => {
      const req = raw as z.output<(typeof chatClientEvents)['chat:join']['request']>
      const data = socket.data as VisitorData
      // only new visitors count: a returning one (reload, reconnect) is never refused
      if (!this.chat.knowsVisitor(req.visitorToken)) this.limit(this.joins, `ip:${socket.handshake.address}`)
      const joined = await this.chat.join(req.visitorToken, req.lang)
      if (data.conversationId) void socket.leave(room(data.conversationId))
      data.visitorId = joined.visitorId
      data.conversationId = joined.conversationId
      void socket.join(room(joined.conversationId))
      const { visitorId: _, ...result } = joined
      return result
    },
    'chat:send': async (socket, raw) => {
      const req = raw as z.output<(typeof chatClientEvents)['chat:send']['request']>
      const { visitorId, conversationId } = this.joined(socket)
      this.limit(this.sends, visitorId)
      return this.chat.send(conversationId, req.clientMessageId, req.text, socket.handshake.address)
    },
    'chat:handoff': async (socket) => {
      const { visitorId, conversationId } = this.joined(socket)
      this.limit(this.sends, visitorId)
      return this.chat.handoff(conversationId)
    },
  }

  private attach(socket: Socket): void {
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = args.at(-1)
      if (typeof ack !== 'function') return
      const reply = ack as (r: Ack<unknown>) => void
      if (!Object.hasOwn(this.handlers, event)) {
        return reply({ ok: false, error: { code: 'SCHEMA', field: 'event', message: `unknown event "${event}"` } })
      }
      const name = event as ChatClientEventName
      const size = JSON.stringify(args.length > 1 ? args[0] : null).length
      if (size > MAX_CHAT_EVENT_BYTES) {
        return reply({
          ok: false,
          error: { code: 'SCHEMA', message: `${name}: payload of ${size} bytes exceeds ${MAX_CHAT_EVENT_BYTES}` },
        })
      }
      void (async () => {
        try {
          const spec = chatClientEvents[name]
          const req = parseAt(name, spec.request, args.length > 1 ? args[0] : {})
          reply({ ok: true, result: spec.result.parse(await this.handlers[name](socket, req)) })
        } catch (err) {
          if (!(err instanceof ApiFailure)) this.log.error({ err, event: name }, 'chat handler failed')
          reply({ ok: false, error: toApiError(err) })
        }
      })()
    })
  }

  private joined(socket: Socket): Required<VisitorData> {
    const { visitorId, conversationId } = socket.data as VisitorData
    if (!visitorId || !conversationId) {
      throw new ApiFailure({ code: 'UNAUTHENTICATED', message: 'send chat:join first' })
    }
    return { visitorId, conversationId }
  }

  private limit(limiter: VisitorLimiter, key: string): void {
    const retryAfterSec = limiter.take(key)
    if (retryAfterSec > 0) {
      throw new ApiFailure({ code: 'RATE_LIMITED', message: 'too many messages; slow down', retryAfterSec })
    }
  }

  /** Fresh positions and estimates for the visitors connected to this node. */
  private async refreshLocal(): Promise<void> {
    try {
      for (const s of await this.chat.allStatuses()) this.nsp.local.to(room(s.conversationId)).emit('chat:queue', s)
    } catch (err) {
      this.log.warn({ err }, 'chat queue refresh failed')
    }
  }
}
