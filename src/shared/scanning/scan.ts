import { z } from 'zod'

/** What a scanned code is taken to be; `appointment` is the signed check-in QR (next slice). */
export const ScanKind = z.enum(['serviceCode', 'memberCard', 'orderNo', 'productBarcode', 'appointment', 'unknown'])
export type ScanKind = z.infer<typeof ScanKind>

export const ScanSource = z.enum(['keyboard', 'serial'])
export type ScanSource = z.infer<typeof ScanSource>

/** Scanner input is a boundary: printable text only, at most one frame's worth. */
export const ScanCode = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .regex(/^[^\p{Cc}]+$/u, 'a scan holds no control characters')

export const Scan = z.object({ code: ScanCode, kind: ScanKind, source: ScanSource })
export type Scan = z.infer<typeof Scan>
