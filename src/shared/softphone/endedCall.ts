import { z } from 'zod'

/**
 * One finished call as the softphone saw it, handed to after-call work (DESIGN S5/S7): the call
 * store publishes it once per call, whether it was answered, missed, rejected or transferred.
 */
export const EndReason = z.enum(['hangup', 'remote', 'rejected', 'missed', 'failed', 'transferred'])
export type EndReason = z.infer<typeof EndReason>

export const EndedCall = z.object({
  /** the SIP dialog's id in the console (unique per call leg) */
  id: z.string().min(1),
  direction: z.enum(['inbound', 'outbound']),
  /** the far end's number or SIP user part, in full (never shown unmasked) */
  number: z.string(),
  customerId: z.string().nullable(),
  /** epoch ms: ringing began (inbound) or the INVITE went out (outbound) */
  startedAt: z.number().int(),
  answeredAt: z.number().int().nullable(),
  endedAt: z.number().int(),
  /**
   * hangup: this agent hung up; remote: the far end did; rejected: the agent declined it or the
   * callee refused it; missed: inbound, never answered, the caller gave up; failed: no call came
   * about (network, 404, 480…); transferred: handed to someone else (blind or attended)
   */
  endReason: EndReason,
})
export type EndedCall = z.infer<typeof EndedCall>
