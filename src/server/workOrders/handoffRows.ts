import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Handoff, HandoffSummary } from '../../shared/workOrders/handoff'
import { Department } from '../../shared/workOrders/handoff'
import { SlaClock } from '../../shared/workOrders/slaClock'
import type { Database, WorkOrderHandoffsTable } from '../db/schema'

type HandoffRow = Selectable<WorkOrderHandoffsTable>

export function handoffSummary(r: HandoffRow): HandoffSummary {
  return {
    id: r.id,
    department: Department.parse(r.department),
    note: r.note,
    openedAt: Number(r.opened_at),
    openedBy: r.opened_by,
    clock: SlaClock.parse(JSON.parse(r.clock)),
  }
}

export function handoffOf(r: HandoffRow, openedByName: string | null): Handoff {
  return {
    ...handoffSummary(r),
    workOrderId: r.work_order_id,
    openedByName,
    reply: r.reply,
    repliedAt: r.replied_at === null ? null : Number(r.replied_at),
    repliedBy: r.replied_by,
  }
}

/**
 * The order's `handoffs` column: its open hand-offs, oldest first, as the record carries them.
 * Called inside the transaction that changed one of them.
 */
export async function openHandoffsColumn(trx: Transaction<Database> | Kysely<Database>, orderId: string) {
  const open = await trx
    .selectFrom('work_order_handoffs')
    .selectAll()
    .where('work_order_id', '=', orderId)
    .where('replied_at', 'is', null)
    .orderBy('opened_at')
    .orderBy('id')
    .execute()
  return JSON.stringify(open.map(handoffSummary))
}
