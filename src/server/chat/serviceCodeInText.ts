/** A service code inside free text: 8 symbols of the code alphabet standing on their own, any case. */
const CODE = /(?<![A-Z0-9])[2-9A-HJ-NP-Z]{8}(?![A-Z0-9])/
const DIGITS = /(?<!\d)\d{4}(?!\d)/

const folded = (text: string) => text.normalize('NFKC').toUpperCase()

export function findServiceCode(text: string): string | null {
  return CODE.exec(folded(text))?.[0] ?? null
}

/** The last 4 phone digits: a group of exactly 4 digits outside the code. */
export function findPhoneDigits(text: string, code: string): string | null {
  return DIGITS.exec(folded(text).replace(code, ' '))?.[0] ?? null
}
