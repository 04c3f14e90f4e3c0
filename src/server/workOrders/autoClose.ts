import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { DEFAULT_CALENDAR } from '../../shared/workOrders/businessCalendar'
import type { WorkOrderClosure } from '../../shared/workOrders/closure'
import { slaOnStatus } from '../../shared/workOrders/orderSla'
import type { DbKind } from '../db/database'
import type { Database } from '../db/schema'
import { lockFeed, type Appended } from '../sync/changeFeed'
import { recordActivity } from './activityLog'
import { feedOrder } from './orderTransaction'
import { readSla, slaColumns } from './slaColumns'

const DAY = 86_400_000

/**
 * The explicit auto-close rule: a resolved order with no change for `days` days is closed and
 * recorded as closed by the rule. Each order is claimed with `UPDATE … WHERE status = 'resolved'
 * AND updated_at = <seen>`, so a reply (reopen) or another node in between wins. Returns the
 * committed changes to broadcast.
 */
export async function autoCloseStale(
  db: Kysely<Database>,
  kind: DbKind,
  now: number,
  days: number,
  limit: number,
): Promise<Appended[]> {
  const stale = await db
    .selectFrom('work_orders')
    .selectAll()
    .where('status', '=', 'resolved')
    .where('updated_at', '<=', now - days * DAY)
    .orderBy('updated_at')
    .limit(limit)
    .execute()
  if (stale.length === 0) return []
  return db.transaction().execute(async (trx) => {
    await lockFeed(trx, kind)
    const out: Appended[] = []
    for (const row of stale) {
      const closure: WorkOrderClosure = { by: 'autoClose', days, at: now }
      const sla = readSla(row)
      const changes = {
        status: 'closed',
        updated_at: now,
        closure: JSON.stringify(closure),
        ...(sla ? slaColumns(slaOnStatus(sla, 'resolved', 'closed', now, DEFAULT_CALENDAR), row.sla_rev) : {}),
      }
      const claimed = await trx
        .updateTable('work_orders')
        .set(changes)
        .where('id', '=', row.id)
        .where('status', '=', 'resolved')
        .where('updated_at', '=', row.updated_at)
        .executeTakeFirst()
      if (Number(claimed.numUpdatedRows) !== 1) continue
      // the customer sees why the order closed without their confirmation
      await recordActivity(trx, {
        id: `we-${randomUUID()}`,
        workOrderId: row.id,
        at: now,
        kind: 'status',
        visibility: 'customer',
        authorId: null,
        body: `${days} 天内未收到回复，按规则自动关闭`,
        data: { from: 'resolved', to: 'closed', rule: 'autoClose', days },
      })
      const changedFields = ['status', 'closure', 'activity', ...(sla ? ['sla'] : [])]
      out.push(await feedOrder(trx, kind, { ...row, ...changes }, changedFields, null, now))
    }
    return out
  })
}
