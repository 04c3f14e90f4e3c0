import { z } from 'zod'
import { normalizePhone } from './phone'
import { Tag } from './records'

/** CSV import formats (documented in the README; templates served by the server). */
export const CUSTOMER_CSV_COLUMNS = [
  'member_no',
  'name',
  'phone',
  'birthday',
  'home_store_id',
  'tags',
  'focus',
  'address',
] as const
export const PURCHASE_CSV_COLUMNS = ['order_no', 'customer', 'store_id', 'product', 'amount', 'purchased_at'] as const

/** An empty cell means "not given". */
const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' ? undefined : v), s.optional())

export const CustomerCsvRow = z.object({
  member_no: optional(
    z
      .string()
      .trim()
      .regex(/^M\d{6,12}$/, 'member_no looks like M12345678'),
  ),
  name: z.string().trim().min(1, 'name is required').max(64),
  phone: z.string().transform((v, ctx) => {
    const n = normalizePhone(v)
    if (!n) ctx.addIssue({ code: 'custom', message: `"${v}" is not a mainland mobile or landline number` })
    return n ?? ''
  }),
  birthday: optional(
    z.iso
      .date('birthday must be YYYY-MM-DD')
      .refine((d) => d >= '1900-01-01' && d <= '2030-12-31', 'birthday is out of range'),
  ),
  home_store_id: z.string().trim().min(1, 'home_store_id is required').max(64),
  tags: optional(
    z
      .string()
      .transform((v) =>
        v
          .split('|')
          .map((t) => t.trim())
          .filter(Boolean),
      )
      .pipe(z.array(Tag).max(30)),
  ),
  focus: optional(z.string().max(500)),
  address: optional(z.string().max(200)),
})
export type CustomerCsvRow = z.infer<typeof CustomerCsvRow>

export const PurchaseCsvRow = z.object({
  order_no: z
    .string()
    .trim()
    .regex(/^SO\d{6,}$/, 'order_no looks like SO20000001'),
  /** the buyer: a member number or a phone number in any common form */
  customer: z.string().trim().min(1, 'customer (member number or phone) is required'),
  store_id: z.string().trim().min(1, 'store_id is required'),
  product: z.string().trim().min(1, 'product is required').max(256),
  amount: z.coerce.number().positive('amount must be positive').max(10_000_000),
  purchased_at: z.coerce.date('purchased_at must be a date'),
})
export type PurchaseCsvRow = z.infer<typeof PurchaseCsvRow>

export const ImportRowError = z.object({ row: z.number().int(), field: z.string().optional(), reason: z.string() })
export const ImportReport = z.object({
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** rows folded into an earlier row of the same file about the same person */
  merged: z.number().int(),
  errors: z.array(ImportRowError),
})
export type ImportReport = z.infer<typeof ImportReport>
