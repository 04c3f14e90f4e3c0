import { z } from 'zod'
import { EntityKind } from '../domain/records'

/**
 * One committed change as a seat receives it. `prev` is the sequence of the previous change in
 * the receiving seat's scope: a seat whose cursor equals `prev` applies it directly; otherwise it
 * pulls from its cursor first (a gap means it missed something).
 */
export const FeedChange = z.object({
  seq: z.number().int().positive(),
  entity: EntityKind,
  entityId: z.string(),
  op: z.enum(['upsert', 'delete']),
  data: z.record(z.string(), z.unknown()),
  changedFields: z.array(z.string()),
  by: z.string().nullable(),
  opId: z.string().nullable(),
})
export type FeedChange = z.infer<typeof FeedChange>

export const LiveChange = FeedChange.extend({ prev: z.number().int().nonnegative() })
export type LiveChange = z.infer<typeof LiveChange>

export const PullRequest = z
  .object({ since: z.number().int().nonnegative(), limit: z.number().int().min(1).max(5000) })
  .strict()
export const PullResult = z.object({
  changes: z.array(FeedChange),
  /** the scope's head when the pull was read; equal to the last change when more = false */
  head: z.number().int().nonnegative(),
  more: z.boolean(),
})
export type PullResult = z.infer<typeof PullResult>

/** Snapshot pages: the seat's working set, read at or after `head`, then replayed from `head`. */
export const SnapshotRequest = z
  .object({ entity: EntityKind, after: z.string().max(64).nullable(), limit: z.number().int().min(1).max(5000) })
  .strict()
export const SnapshotResult = z.object({
  records: z.array(z.record(z.string(), z.unknown())),
  head: z.number().int().nonnegative(),
  next: z.string().nullable(),
})
export type SnapshotResult = z.infer<typeof SnapshotResult>

/** The scope a seat reads in: front desks their store (plus store-less records), others all. */
export function scopeOf(user: { role: string; storeId: string | null }): string {
  if (user.role !== 'frontdesk') return 'all'
  // a front desk without a store sees no store's records rather than every store's
  return `store:${user.storeId ?? 'none'}`
}
