import { z } from 'zod'
import { normalizePhone, toHalfWidthDigits } from '../domain/phone'

/**
 * What an agent may dial (DESIGN S2): a phone number as people write it, an extension or feature
 * code (digits, * and #), or a SIP URI. Anything else is refused before a request leaves the
 * console; the issue message is the i18n key of the reason (softphone.dial.errors.*).
 */
export type DialError = 'empty' | 'tooLong' | 'badNumber' | 'badUri'

export interface DialTarget {
  /** the user part to put in the Request-URI (national number, extension or URI user) */
  user: string
  /** the URI's host, or null: the agent's own SIP domain */
  host: string | null
  kind: 'phone' | 'extension' | 'uri'
}

const SEPARATORS = /[\s\-().\u00B7\u2010-\u2015\u3000]/g
/** SIP URI user part (RFC 3261 unreserved + user-unreserved, no escapes) */
const URI = /^sips?:([A-Za-z0-9._~!$&'()*+,;=?/-]{1,64})@([A-Za-z0-9.-]{1,253}(?::\d{1,5})?)$/i
/** extensions and feature codes: *33 1002, #8; an international +prefix */
const DIGITS = /^\+?[0-9*#]{2,32}$/

function parse(input: string): DialTarget | DialError {
  const raw = input.trim()
  if (raw === '') return 'empty'
  if (raw.length > 300) return 'tooLong'
  if (/^sips?:/i.test(raw)) {
    const m = URI.exec(raw)
    return m?.[1] && m[2] ? { user: m[1], host: m[2].toLowerCase(), kind: 'uri' } : 'badUri'
  }
  const national = normalizePhone(raw)
  if (national) return { user: national, host: null, kind: 'phone' }
  const digits = toHalfWidthDigits(raw).replace(SEPARATORS, '')
  return DIGITS.test(digits) ? { user: digits, host: null, kind: 'extension' } : 'badNumber'
}

export const DialTarget = z.string().transform((input, ctx): DialTarget => {
  const result = parse(input)
  if (typeof result === 'string') {
    ctx.addIssue({ code: 'custom', message: result })
    return z.NEVER
  }
  return result
})

/** the target, or the reason it cannot be dialled */
export function parseDialTarget(input: string): { ok: true; target: DialTarget } | { ok: false; error: DialError } {
  const parsed = DialTarget.safeParse(input)
  if (parsed.success) return { ok: true, target: parsed.data }
  return { ok: false, error: (parsed.error.issues[0]?.message ?? 'badNumber') as DialError }
}
