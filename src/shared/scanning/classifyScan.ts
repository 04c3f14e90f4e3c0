import type { ScanKind } from './scan'

/** the service-code alphabet (no 0/O/1/I), 8 symbols — see src/server/seed/serviceCode.ts */
const SERVICE_CODE = /^[2-9A-HJ-NP-Z]{8}$/
/** member card numbers: M and 8 digits (M10000001) */
const MEMBER_CARD = /^M\d{8}$/
/** ERP/OMS order numbers: SO and at least 6 digits */
const ORDER_NO = /^SO\d{6,}$/
const EAN_13 = /^\d{13}$/
/** a compact signed token (three base64url parts) such as the appointment QR will carry */
const SIGNED_TOKEN = /^[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}$/

/** EAN-13: weights 1,3,1,3… over the first 12 digits; the 13th makes the sum a multiple of 10. */
export function isEan13(code: string): boolean {
  if (!EAN_13.test(code)) return false
  const digits = [...code].map(Number)
  const sum = digits.slice(0, 12).reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 1 : 3), 0)
  return (10 - (sum % 10)) % 10 === digits[12]
}

/** Which record a scanned code points at, by its shape alone. */
export function classifyScan(raw: string): ScanKind {
  const code = raw.trim()
  const upper = code.toUpperCase()
  if (isEan13(code)) return 'productBarcode'
  if (ORDER_NO.test(upper)) return 'orderNo'
  if (MEMBER_CARD.test(upper)) return 'memberCard'
  if (SERVICE_CODE.test(upper)) return 'serviceCode'
  if (SIGNED_TOKEN.test(code)) return 'appointment'
  return 'unknown'
}
