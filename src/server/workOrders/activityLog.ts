import type { Kysely, Transaction } from 'kysely'
import {
  CUSTOMER_VISIBLE,
  type ActivityKind,
  type Visibility,
  type WorkOrderActivity,
} from '../../shared/workOrders/activity'
import type { Database } from '../db/schema'

export interface ActivityEntry {
  id: string
  workOrderId: string
  at: number
  kind: ActivityKind
  visibility: Visibility
  authorId: string | null
  body: string
  data?: Record<string, unknown>
}

/** Appends one entry to an order's activity, inside the caller's transaction. */
export async function recordActivity(trx: Transaction<Database> | Kysely<Database>, e: ActivityEntry): Promise<void> {
  await trx
    .insertInto('work_order_events')
    .values({
      id: e.id,
      work_order_id: e.workOrderId,
      at: e.at,
      kind: e.kind,
      visibility: e.visibility,
      author_id: e.authorId,
      body: e.body,
      data: e.data ? JSON.stringify(e.data) : null,
    })
    .execute()
}

/**
 * An order's activity, oldest first, with author names. `customerOnly` keeps what the customer may
 * see (progress updates, status changes, the signed report) and drops the internal names.
 */
export async function listActivity(
  db: Kysely<Database>,
  workOrderId: string,
  opts: { customerOnly: boolean },
): Promise<WorkOrderActivity[]> {
  let query = db
    .selectFrom('work_order_events as e')
    .leftJoin('users as u', 'u.id', 'e.author_id')
    .select(['e.id', 'e.at', 'e.kind', 'e.visibility', 'e.author_id', 'u.display_name', 'e.body', 'e.data'])
    .where('e.work_order_id', '=', workOrderId)
  if (opts.customerOnly) {
    query = query.where('e.visibility', '=', 'customer').where('e.kind', 'in', [...CUSTOMER_VISIBLE])
  }
  const rows = await query.orderBy('e.at').orderBy('e.id').execute()
  return rows.map((r) => ({
    id: r.id,
    workOrderId,
    at: Number(r.at),
    kind: r.kind as ActivityKind,
    visibility: r.visibility as Visibility,
    authorId: opts.customerOnly ? null : r.author_id,
    authorName: opts.customerOnly ? null : (r.display_name ?? null),
    body: r.body,
    data: r.data === null ? null : (JSON.parse(r.data) as Record<string, unknown>),
  }))
}
