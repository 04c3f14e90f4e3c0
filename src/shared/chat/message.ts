import { z } from 'zod'

/** Longest message a visitor may send, in characters (code points). */
export const CHAT_TEXT_MAX = 4000

/**
 * C0 controls other than tab and newline, DEL, C1 controls, bidirectional overrides and
 * isolates (which can make text read differently from what it is), and non-characters.
 */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/
/** A surrogate half without its partner: malformed UTF-16. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * A visitor's message text: line breaks normalised, trimmed, 1–4,000 characters, well-formed,
 * without control characters. Anything else is refused with a clear reason, never repaired.
 */
export const ChatText = z
  .string()
  .max(CHAT_TEXT_MAX * 2, `a message has at most ${CHAT_TEXT_MAX} characters`)
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .refine((s) => s.length > 0, 'the message is empty')
  .refine((s) => Array.from(s).length <= CHAT_TEXT_MAX, `a message has at most ${CHAT_TEXT_MAX} characters`)
  .refine((s) => !LONE_SURROGATE.test(s), 'the message is not well-formed Unicode')
  .refine((s) => !FORBIDDEN.test(s), 'the message contains control characters')

/** The id the widget gives a message before sending it: a resend with the same id is not stored twice. */
export const ClientMessageId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'a client message id is 8–64 letters, digits, _ or -')

export const ChatAuthor = z.enum(['visitor', 'bot', 'agent', 'system'])
export type ChatAuthor = z.infer<typeof ChatAuthor>

/** What a bot or system message refers to, for the widget to show beside the text. */
export const ChatMessageData = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('kbAnswer'), articleId: z.string(), title: z.string() }),
  z.object({ kind: z.literal('progress'), serviceCode: z.string(), status: z.string() }),
  z.object({ kind: z.literal('offerHandoff') }),
  z.object({ kind: z.literal('queued'), queue: z.string() }),
])
export type ChatMessageData = z.infer<typeof ChatMessageData>

export const ChatMessage = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** order within the conversation, from 1 */
  seq: z.number().int().positive(),
  author: ChatAuthor,
  text: z.string(),
  at: z.number(),
  clientMessageId: z.string().nullable(),
  data: ChatMessageData.nullable(),
})
export type ChatMessage = z.infer<typeof ChatMessage>
