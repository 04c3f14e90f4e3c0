import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { SlaClock } from '../../shared/workOrders/slaClock'
import type { DbKind } from '../db/database'
import type { Database } from '../db/schema'
import type { Appended } from '../sync/changeFeed'
import { recordActivity } from './activityLog'
import { notificationOf } from './slaNotifications'
import type { SlaNotification } from '../../shared/workOrders/createWorkOrder'
import { openHandoffsColumn } from './handoffRows'
import { feedOrder } from './orderTransaction'
import { lockFeed } from '../sync/changeFeed'

export interface HandoffBreachResult {
  appended: Appended[]
  breaches: number
  notifications: number
  /** the notifications recorded, with their recipients, to push once committed */
  notified: (SlaNotification & { userId: string })[]
}

/**
 * Hand-offs whose department clock ran out without a reply: the clock is marked breached, the
 * order's record carries it, the activity says so, and the order's assignee and whoever handed it
 * off are notified (`handoff.breach`). One index probe when nothing is due; each hand-off is
 * claimed with `UPDATE … WHERE due_at = <seen>`, so two nodes (or a reply in between) never
 * double it.
 */
export async function breachDueHandoffs(
  db: Kysely<Database>,
  kind: DbKind,
  now: number,
  limit: number,
): Promise<HandoffBreachResult> {
  const due = await db
    .selectFrom('work_order_handoffs')
    .selectAll()
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .limit(limit)
    .execute()
  const result: HandoffBreachResult = { appended: [], breaches: 0, notifications: 0, notified: [] }
  if (due.length === 0) return result
  await db.transaction().execute(async (trx) => {
    await lockFeed(trx, kind)
    for (const h of due) {
      const clock = { ...SlaClock.parse(JSON.parse(h.clock)), breachedAt: Number(h.due_at), dueAt: null, warnAt: null }
      const claimed = await trx
        .updateTable('work_order_handoffs')
        .set({ clock: JSON.stringify(clock), due_at: null })
        .where('id', '=', h.id)
        .where('due_at', '=', h.due_at)
        .where('replied_at', 'is', null)
        .executeTakeFirst()
      if (Number(claimed.numUpdatedRows) !== 1) continue
      const row = await trx.selectFrom('work_orders').selectAll().where('id', '=', h.work_order_id).executeTakeFirst()
      if (!row) continue
      const changes = { handoffs: await openHandoffsColumn(trx, row.id) }
      await trx.updateTable('work_orders').set(changes).where('id', '=', row.id).execute()
      await recordActivity(trx, {
        id: `we-${randomUUID()}`,
        workOrderId: row.id,
        at: now,
        kind: 'system',
        visibility: 'internal',
        authorId: null,
        body: `${h.department} 未在 ${clock.targetMin} 个工作分钟内回复转交`,
        data: { handoffId: h.id, department: h.department, breachedAt: clock.breachedAt },
      })
      const users = [...new Set([row.assignee_id, h.opened_by].filter((u): u is string => u !== null))]
      const rows = users.map((userId) => ({
        id: randomUUID(),
        user_id: userId,
        work_order_id: row.id,
        kind: 'handoff.breach',
        clock: null,
        tier: null,
        at: clock.breachedAt,
        created_at: now,
        read_at: null,
      }))
      if (rows.length > 0) await trx.insertInto('notifications').values(rows).execute()
      result.notified.push(...rows.map((r) => notificationOf(r, row)))
      result.breaches++
      result.notifications += users.length
      result.appended.push(await feedOrder(trx, kind, { ...row, ...changes }, ['handoffs', 'activity'], null, now))
    }
  })
  return result
}
