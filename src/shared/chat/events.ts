import { z } from 'zod'
import { Locale } from '../domain/roles'
import { ChatIntent } from './intent'
import { ChatMessage, ChatText, ClientMessageId } from './message'

/**
 * socket.io events between the customer chat widget and the sync server, on the `/chat`
 * namespace (no login: a signed visitor token names the visitor). Client → server events carry
 * an ack answered `{ok, result | error}` (Ack in api/socket.ts).
 */
export const ConversationState = z.enum(['bot', 'queued', 'assigned', 'ended'])
export type ConversationState = z.infer<typeof ConversationState>

export const QueueStatus = z.object({
  conversationId: z.string(),
  state: ConversationState,
  queue: z.string().nullable(),
  /** 1 = next; null when not waiting */
  position: z.number().int().positive().nullable(),
  etaSec: z.number().int().nonnegative().nullable(),
  /** agents ready for this queue's skill now */
  readyAgents: z.number().int().nonnegative(),
})
export type QueueStatus = z.infer<typeof QueueStatus>

export const ChatJoinRequest = z.object({
  /** the token this browser was given before; absent or invalid → a new visitor */
  visitorToken: z.string().max(256).optional(),
  lang: Locale.default('zh-CN'),
})
export const ChatJoinResult = z.object({
  visitorToken: z.string(),
  conversationId: z.string(),
  state: ConversationState,
  intent: ChatIntent.nullable(),
  messages: z.array(ChatMessage),
  queue: QueueStatus,
})
export type ChatJoinResult = z.infer<typeof ChatJoinResult>

export const ChatSendRequest = z.object({ clientMessageId: ClientMessageId, text: ChatText })
export const ChatSendResult = z.object({
  message: ChatMessage,
  /** true: this id was stored before (a resend); nothing new was stored */
  duplicate: z.boolean(),
})

export const ChatHandoffRequest = z.object({})

export const chatClientEvents = {
  'chat:join': { request: ChatJoinRequest, result: ChatJoinResult },
  'chat:send': { request: ChatSendRequest, result: ChatSendResult },
  /** 转人工: into the intent's queue with the whole conversation */
  'chat:handoff': { request: ChatHandoffRequest, result: QueueStatus },
} as const
export type ChatClientEventName = keyof typeof chatClientEvents

export const chatServerEvents = {
  /** a message for the conversation (the bot's replies, later the agent's); the widget dedupes by id */
  'chat:message': ChatMessage,
  /** queue position and estimated wait, on every change and periodically */
  'chat:queue': QueueStatus,
} as const

/** Largest JSON payload of one chat event; larger ones are refused with an error, not stored. */
export const MAX_CHAT_EVENT_BYTES = 24 * 1024
