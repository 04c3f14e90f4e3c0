import { z } from 'zod'

/**
 * One entry of a work order's activity: what happened, by whom, and whether the customer sees it
 * on the progress page. Entries are appended, never edited, so two seats writing notes at the
 * same time both keep theirs.
 */
export const ActivityKind = z.enum([
  'created',
  'note',
  'progress',
  'status',
  'assigned',
  'report',
  'survey',
  'system',
  'handoff',
  'handoffReply',
  'merged',
  'kbDraft',
  'attachment',
])
export type ActivityKind = z.infer<typeof ActivityKind>

export const Visibility = z.enum(['internal', 'customer'])
export type Visibility = z.infer<typeof Visibility>

export const WorkOrderActivity = z.object({
  id: z.string(),
  workOrderId: z.string(),
  at: z.number(),
  kind: ActivityKind,
  visibility: Visibility,
  /** null for the system (SLA rules, the customer's own survey) */
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  body: z.string(),
  /** kind-specific facts: { from, to } for status, { assigneeId } for assigned… */
  data: z.record(z.string(), z.unknown()).nullable(),
})
export type WorkOrderActivity = z.infer<typeof WorkOrderActivity>

/** A note's text: internal notes and customer-visible progress updates share the limit. */
export const NoteBody = z.string().trim().min(1).max(4000)

/** The customer-visible kinds: what the progress page may show. */
export const CUSTOMER_VISIBLE: readonly ActivityKind[] = ['created', 'progress', 'status', 'report']
