import { z } from 'zod'

export const TimelineKind = z.enum([
  'call',
  'chat',
  'visit',
  'appointment',
  'work_order',
  'purchase',
  'survey',
  'coupon',
])
export type TimelineKind = z.infer<typeof TimelineKind>

export const Channel = z.enum(['phone', 'chat', 'store', 'app', 'wechat', 'web'])
export type Channel = z.infer<typeof Channel>

export const TimelineEvent = z.object({
  id: z.string(),
  at: z.number(),
  kind: TimelineKind,
  channel: Channel,
  title: z.string(),
  refId: z.string().nullable(),
})
export type TimelineEvent = z.infer<typeof TimelineEvent>

const csvList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? (v ? v.split(',') : undefined) : v), z.array(item).optional())

/** Newest first, keyset-paged: pass the last event's `at` and `id` as `before` / `beforeId`. */
export const TimelineQuery = z.object({
  kinds: csvList(TimelineKind),
  channels: csvList(Channel),
  before: z.coerce.number().int().optional(),
  beforeId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export type TimelineQuery = z.infer<typeof TimelineQuery>

export const TimelinePage = z.object({ events: z.array(TimelineEvent), more: z.boolean() })
export type TimelinePage = z.infer<typeof TimelinePage>
