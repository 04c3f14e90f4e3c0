import { z } from 'zod'
import { CustomerRecord, CustomerTier, WorkOrderRecord } from './records'
import { Hint, RfmResult } from './customerInsights'
import { Identity } from './identity'

/** Search, reveal and audit shapes of the customer 360. */
export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'type at least one character').max(64),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})
export type SearchQuery = z.infer<typeof SearchQuery>

export const MatchKind = z.enum(['phone', 'name', 'member', 'order', 'serviceCode', 'email'])
export type MatchKind = z.infer<typeof MatchKind>

export const CustomerHit = z.object({
  id: z.string(),
  name: z.string(),
  phoneMasked: z.string(),
  memberNo: z.string(),
  tier: CustomerTier,
  homeStoreId: z.string(),
  matched: MatchKind,
})
export type CustomerHit = z.infer<typeof CustomerHit>

export const RevealField = z.enum(['phone', 'address'])
export const RevealRequest = z.object({ field: RevealField }).strict()
export const RevealResult = z.object({ field: RevealField, value: z.string().nullable() })
export type RevealResult = z.infer<typeof RevealResult>

export const AuditEntry = z.object({
  id: z.string(),
  at: z.number(),
  userId: z.string(),
  userName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  seat: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
})
export type AuditEntry = z.infer<typeof AuditEntry>

export const RecentPurchase = z.object({
  orderNo: z.string(),
  product: z.string(),
  amount: z.number(),
  at: z.number(),
  storeId: z.string(),
})

/** Everything the 360 view's first screen needs, in one answer. */
export const CustomerProfile = z.object({
  customer: CustomerRecord,
  rfm: RfmResult,
  hints: z.array(Hint),
  openWorkOrders: z.array(WorkOrderRecord),
  recentPurchases: z.array(RecentPurchase),
  /** extra phone numbers and ids, masked */
  identities: z.array(Identity),
})
export type CustomerProfile = z.infer<typeof CustomerProfile>

export const MergeRequest = z.object({ absorbId: z.string().min(1).max(64) }).strict()
export const MergePreview = z.object({
  survivor: CustomerRecord,
  absorbed: CustomerRecord,
  /** the survivor as it will be after the merge */
  result: CustomerRecord,
  /** how many rows of each kind move from the absorbed record to the survivor */
  moves: z.record(z.string(), z.number()),
})
export type MergePreview = z.infer<typeof MergePreview>
