import { z } from 'zod'

/**
 * Why an order is closed (W4, closed loop): only after the customer confirmed on the follow-up
 * call, or by the explicit auto-close rule after a number of days without reply — recorded as such.
 */
export const WorkOrderClosure = z.discriminatedUnion('by', [
  z.object({ by: z.literal('followUp'), note: z.string(), userId: z.string(), at: z.number() }),
  z.object({ by: z.literal('autoClose'), days: z.number(), at: z.number() }),
  /** a duplicate of another order of the same customer and issue, closed into it */
  z.object({ by: z.literal('merged'), into: z.string(), userId: z.string(), at: z.number() }),
])
export type WorkOrderClosure = z.infer<typeof WorkOrderClosure>
