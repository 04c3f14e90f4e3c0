import { z } from 'zod'
import { WorkOrderStatus } from '../domain/records'

/** On-site service reports signed by the customer on screen (W5, F5). */

/** The largest signature image a report keeps. */
export const MAX_SIGNATURE_BYTES = 200 * 1024
export const PNG_DATA_URL_PREFIX = 'data:image/png;base64,'

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** Decoded size of a base64 text, without decoding it. */
function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  return (text.length / 4) * 3 - padding
}

const ascii = (bytes: Uint8Array, from: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(from, from + length))

/** A PNG file: the 8-byte signature, an IHDR chunk first and an IEND chunk last. */
function looksLikePng(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 8 + 25 + 12 &&
    PNG_MAGIC.every((b, i) => bytes[i] === b) &&
    ascii(bytes, 12, 4) === 'IHDR' &&
    ascii(bytes, bytes.length - 8, 4) === 'IEND'
  )
}

/** The bytes of a `data:image/png;base64,` URL. Call it on a value SignaturePng accepted. */
export function signatureBytes(dataUrl: string): Uint8Array {
  const binary = atob(dataUrl.slice(PNG_DATA_URL_PREFIX.length))
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}

/** The customer's signature: a PNG image as a data URL, at most 200 KB. */
export const SignaturePng = z
  .string()
  // decoding stops here: about 4/3 of the byte limit, plus the prefix
  .max(PNG_DATA_URL_PREFIX.length + Math.ceil(MAX_SIGNATURE_BYTES / 3) * 4 + 4, 'is larger than 200 KB')
  .superRefine((value, ctx) => {
    const body = value.slice(PNG_DATA_URL_PREFIX.length)
    if (!value.startsWith(PNG_DATA_URL_PREFIX) || body.length % 4 !== 0 || !BASE64.test(body)) {
      ctx.addIssue({ code: 'custom', message: 'is not a data:image/png;base64 URL' })
    } else if (base64Bytes(body) > MAX_SIGNATURE_BYTES) {
      ctx.addIssue({ code: 'custom', message: 'is larger than 200 KB' })
    } else if (!looksLikePng(signatureBytes(value))) {
      ctx.addIssue({ code: 'custom', message: 'is not a PNG image' })
    }
  })

export const ReportPart = z
  .object({
    name: z.string().trim().min(1).max(64),
    quantity: z.number().int().min(1).max(999),
  })
  .strict()
export type ReportPart = z.infer<typeof ReportPart>

/** What the front desk or technician records, and the customer's signature. */
export const SaveServiceReport = z
  .object({
    workDone: z.string().trim().min(1).max(2000),
    parts: z.array(ReportPart).max(20).default([]),
    signerName: z.string().trim().min(1).max(32),
    signaturePng: SignaturePng,
  })
  .strict()
export type SaveServiceReport = z.input<typeof SaveServiceReport>

/** The order as it was when the customer signed: the report never changes with the order. */
export const ReportOrderSnapshot = z.object({
  serviceCode: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  storeId: z.string(),
  type: z.string(),
  title: z.string(),
})
export type ReportOrderSnapshot = z.infer<typeof ReportOrderSnapshot>

/** Everything the hash covers apart from the signature bytes. */
export const ReportContent = z.object({
  workOrderId: z.string(),
  version: z.number().int().min(1),
  workDone: z.string(),
  parts: z.array(ReportPart),
  signerName: z.string(),
  signedAt: z.number().int(),
  signedBy: z.object({ id: z.string(), name: z.string() }),
  order: ReportOrderSnapshot,
})
export type ReportContent = z.infer<typeof ReportContent>

export const ServiceReport = ReportContent.extend({
  id: z.string(),
  signaturePng: z.string(),
  /** SHA-256 (hex) of reportHashInput */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** the hash recomputed from the stored report matches */
  verified: z.boolean(),
})
export type ServiceReport = z.infer<typeof ServiceReport>

/** What the report page needs: the order now, and its latest signed report if any. */
export const ServiceReportState = z.object({
  order: ReportOrderSnapshot.extend({ id: z.string(), status: WorkOrderStatus }),
  report: ServiceReport.nullable(),
})
export type ServiceReportState = z.infer<typeof ServiceReportState>

/** JSON with object keys sorted at every level and no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * The bytes a report's SHA-256 is taken over: the canonical JSON of its content (only the
 * fields ReportContent names), a newline, then the signature PNG's bytes.
 */
export function reportHashInput(content: ReportContent, signature: Uint8Array): Uint8Array {
  const text = new TextEncoder().encode(canonicalJson(ReportContent.parse(content)) + '\n')
  const input = new Uint8Array(text.length + signature.length)
  input.set(text)
  input.set(signature, text.length)
  return input
}
