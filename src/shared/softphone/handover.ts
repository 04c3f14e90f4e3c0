import { z } from 'zod'

/**
 * The context a transfer carries to the receiving agent (DESIGN S8): which customer, and the
 * first agent's note. It travels in SIP headers, not through the sync server, so it arrives with
 * the very INVITE that rings the second console (no race between a side channel and the ring),
 * works when the sync link is down, and needs no agent→extension directory. Kamailio relays
 * unknown headers untouched (checked in tests/e2e/softphoneTransfer.test.ts).
 *  - attended transfer: on the consult INVITE from agent A to agent B;
 *  - blind transfer: as headers of the REFER's Refer-To URI, which the transferee copies into its
 *    INVITE (RFC 3261 §19.1.5).
 * Header values are percent-encoded: Refer-To URI headers must be, and Chinese notes survive any
 * proxy that is not UTF-8 clean.
 */
export const CUSTOMER_HEADER = 'X-Customer-Id'
export const NOTE_HEADER = 'X-Handover-Note'
export const NOTE_MAX = 500

export const Handover = z.object({
  customerId: z.string().trim().min(1).max(64).nullable(),
  note: z.string().trim().max(NOTE_MAX),
})
export type Handover = z.infer<typeof Handover>

/** `Name: value` lines for an INVITE */
export function handoverHeaders(h: Handover): string[] {
  const lines: string[] = []
  if (h.customerId) lines.push(`${CUSTOMER_HEADER}: ${encodeURIComponent(h.customerId)}`)
  if (h.note) lines.push(`${NOTE_HEADER}: ${encodeURIComponent(h.note)}`)
  return lines
}

/** `?X-Customer-Id=…&X-Handover-Note=…` for a Refer-To URI */
export function handoverUriHeaders(h: Handover): string {
  const pairs: string[] = []
  if (h.customerId) pairs.push(`${CUSTOMER_HEADER}=${encodeURIComponent(h.customerId)}`)
  if (h.note) pairs.push(`${NOTE_HEADER}=${encodeURIComponent(h.note)}`)
  return pairs.length ? `?${pairs.join('&')}` : ''
}

function decode(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return ''
  }
}

/** the hand-over in a received INVITE, or null when it carries none (or garbage) */
export function readHandover(header: (name: string) => string | undefined): Handover | null {
  const customerId = decode(header(CUSTOMER_HEADER))
  const note = decode(header(NOTE_HEADER))
  if (!customerId && !note) return null
  const parsed = Handover.safeParse({ customerId: customerId || null, note: note.slice(0, NOTE_MAX) })
  return parsed.success ? parsed.data : null
}
