import { z } from 'zod'
import { NoteBody } from './activity'
import { SlaClock } from './slaClock'

/** The departments a work order can be handed to (W3), each answering on its own clock. */
export const Department = z.enum(['仓储', '研发', 'IT', '物流', '财务', '售后技术'])
export type Department = z.infer<typeof Department>
export const DEPARTMENTS: readonly Department[] = Department.options

/**
 * How long each department has to reply, in business minutes of the service calendar: IT and
 * after-sales engineering are on call (1 h, 2 h), the warehouse checks stock within 2 h,
 * logistics traces a shipment within half a day, finance and R&D within one business day.
 */
export const HANDOFF_TARGET_MIN: Readonly<Record<Department, number>> = {
  仓储: 120,
  研发: 540,
  IT: 60,
  物流: 240,
  财务: 540,
  售后技术: 120,
}

/** The warning point, as for the order's own SLA clocks. */
export const HANDOFF_WARN_RATIO = 0.75

export const OpenHandoffRequest = z.object({ department: Department, note: NoteBody }).strict()
export type OpenHandoffRequest = z.infer<typeof OpenHandoffRequest>

export const HandoffReplyRequest = z.object({ note: NoteBody }).strict()
export type HandoffReplyRequest = z.infer<typeof HandoffReplyRequest>

/** An open hand-off as the work-order record carries it (the list's "waiting on others"). */
export const HandoffSummary = z.object({
  id: z.string(),
  department: Department,
  note: z.string(),
  openedAt: z.number(),
  openedBy: z.string(),
  clock: SlaClock,
})
export type HandoffSummary = z.infer<typeof HandoffSummary>

/** One hand-off with its reply, for the order's hand-off history. */
export const Handoff = HandoffSummary.extend({
  workOrderId: z.string(),
  openedByName: z.string().nullable(),
  reply: z.string().nullable(),
  repliedAt: z.number().nullable(),
  repliedBy: z.string().nullable(),
})
export type Handoff = z.infer<typeof Handoff>
