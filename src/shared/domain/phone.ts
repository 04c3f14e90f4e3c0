/**
 * Phone numbers as people type them: 13812345678, 138 1234 5678, +86-138-1234-5678,
 * 8613812345678, 0086 138…, full-width digits (１３８…). Everything is normalised to the national
 * number before hashing, so every form finds the same customer.
 */
const FULL_WIDTH = /[\uFF10-\uFF19\uFF0B]/g
const SEPARATORS = /[\s\-().\u00B7\u2010-\u2015\u3000]/g

export function toHalfWidthDigits(s: string): string {
  return s.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
}

/** The national number (11-digit mobile, or a landline with its 0 area code), or null. */
export function normalizePhone(input: string): string | null {
  let s = toHalfWidthDigits(input.trim()).replace(SEPARATORS, '')
  if (s.startsWith('+86')) s = s.slice(3)
  else if (s.startsWith('0086')) s = s.slice(4)
  else if (/^861[3-9]\d{9}$/.test(s)) s = s.slice(2)
  if (!/^\d+$/.test(s)) return null
  if (/^1[3-9]\d{9}$/.test(s)) return s
  // landline: 0 + area code (2–3 digits) + 7–8 digits
  if (/^0\d{9,11}$/.test(s)) return s
  return null
}

/** What the screen shows: 138****5678 for mobiles, 010****5678 style for landlines. */
export function maskPhone(national: string): string {
  if (national.length <= 7) return '*'.repeat(national.length)
  return `${national.slice(0, 3)}${'*'.repeat(national.length - 7)}${national.slice(-4)}`
}

/** Whether a search string looks like (part of) a phone number rather than a name. */
export function looksLikePhoneQuery(q: string): boolean {
  const s = toHalfWidthDigits(q).replace(SEPARATORS, '').replace(/^\+/, '')
  return /^\d{3,}$/.test(s)
}
