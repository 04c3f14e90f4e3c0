import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { DEFAULT_CALENDAR } from '../../shared/workOrders/businessCalendar'
import { advanceSla } from '../../shared/workOrders/orderSla'
import type { DbKind } from '../db/database'
import type { Database } from '../db/schema'
import { lockFeed, type Appended } from '../sync/changeFeed'
import { feedOrder } from './orderTransaction'
import { autoCloseStale } from './autoClose'
import { breachDueHandoffs } from './handoffBreaches'
import { loadEscalationContacts } from './escalationContacts'
import { readSla, slaColumns } from './slaColumns'
import { noticesFor, notificationOf } from './slaNotifications'
import type { SlaNotification } from '../../shared/workOrders/createWorkOrder'

export interface SlaSchedulerOptions {
  db: Kysely<Database>
  kind: DbKind
  /** injectable clock: tests move time without waiting */
  now: () => number
  broadcast: (appended: Appended) => void
  intervalMs?: number
  /** orders handled per transaction */
  batchSize?: number
  /** the auto-close rule: resolved orders without change for this many days close; 0 = off */
  autoCloseDays?: number
  onError?: (err: unknown) => void
  /** after the tick's transaction commits: each recipient's new notifications, to push live */
  notify?: (userId: string, notifications: SlaNotification[]) => void
}

export interface TickResult {
  /** orders whose SLA this node advanced */
  orders: number
  events: number
  notifications: number
  /** resolved orders closed by the auto-close rule */
  autoClosed: number
  /** department hand-offs whose response clock ran out */
  handoffBreaches: number
}

/**
 * Warnings, breaches and escalations for every work order from one periodic tick. Each tick asks
 * the index for orders whose next SLA instant has come (`sla_next_at <= now`), so an idle tick is
 * one index probe however many orders are open, and nothing is kept in memory per order. Every
 * order is claimed with `UPDATE … WHERE sla_rev = <seen>`: after a restart, with two nodes
 * ticking, or racing a status change, exactly one writer advances a given state, so each event is
 * recorded, fed and notified once. Starting runs a tick first: what fell due while the server was
 * down is processed then. The same tick applies the auto-close rule when it is switched on, and
 * marks department hand-offs whose response clock ran out.
 */
export class SlaScheduler {
  private timer: NodeJS.Timeout | null = null
  private inFlight: Promise<TickResult> | null = null

  constructor(private readonly opts: SlaSchedulerOptions) {}

  async start(): Promise<TickResult> {
    const first = await this.tick()
    this.timer = setInterval(() => {
      this.tick().catch((err: unknown) => this.opts.onError?.(err))
    }, this.opts.intervalMs ?? 5000)
    this.timer.unref()
    return first
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.inFlight?.catch(() => undefined)
  }

  private push(list: (SlaNotification & { userId: string })[]): void {
    const byUser = new Map<string, SlaNotification[]>()
    for (const { userId, ...n } of list) byUser.set(userId, [...(byUser.get(userId) ?? []), n])
    for (const [userId, notifications] of byUser) this.opts.notify?.(userId, notifications)
  }

  /** One pass over everything due now; a tick still running is joined rather than doubled. */
  tick(): Promise<TickResult> {
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = null
    })
    return this.inFlight
  }

  private async run(): Promise<TickResult> {
    const { db, kind } = this.opts
    const batchSize = this.opts.batchSize ?? 200
    const now = this.opts.now()
    const total: TickResult = { orders: 0, events: 0, notifications: 0, autoClosed: 0, handoffBreaches: 0 }
    const contacts = await loadEscalationContacts(db)
    const notified: (SlaNotification & { userId: string })[] = []
    for (;;) {
      const due = await db
        .selectFrom('work_orders')
        .selectAll()
        .where('sla_next_at', '<=', now)
        .orderBy('sla_next_at')
        .limit(batchSize)
        .execute()
      if (due.length === 0) break
      const appended = await db.transaction().execute(async (trx) => {
        // the feed head first, as every write does: one lock order, no deadlocks on PostgreSQL
        await lockFeed(trx, kind)
        const out: Appended[] = []
        for (const row of due) {
          const sla = readSla(row)
          if (!sla) continue
          const { sla: next, events } = advanceSla(sla, now, DEFAULT_CALENDAR)
          const cols = slaColumns(next, row.sla_rev)
          const claimed = await trx
            .updateTable('work_orders')
            .set(cols)
            .where('id', '=', row.id)
            .where('sla_rev', '=', row.sla_rev)
            .executeTakeFirst()
          if (Number(claimed.numUpdatedRows) !== 1) continue
          total.orders++
          total.events += events.length
          out.push(await feedOrder(trx, kind, { ...row, ...cols }, ['sla'], null, now))
          const notices = noticesFor(events, sla.tier, row.assignee_id, contacts)
          if (notices.length > 0) {
            const rows = notices.map((n) => ({
              id: randomUUID(),
              user_id: n.userId,
              work_order_id: row.id,
              kind: n.kind,
              clock: n.clock,
              tier: n.tier,
              at: n.at,
              created_at: now,
              read_at: null,
            }))
            await trx.insertInto('notifications').values(rows).execute()
            for (const r of rows) notified.push(notificationOf(r, row))
            total.notifications += notices.length
          }
        }
        return out
      })
      for (const a of appended) this.opts.broadcast(a)
      this.push(notified.splice(0))
      // a short page, or one where another node claimed everything, ends the pass
      if (due.length < batchSize || appended.length === 0) break
    }
    if (this.opts.autoCloseDays) {
      const closed = await autoCloseStale(db, kind, now, this.opts.autoCloseDays, batchSize)
      for (const a of closed) this.opts.broadcast(a)
      total.autoClosed = closed.length
    }
    const handoffs = await breachDueHandoffs(db, kind, now, batchSize)
    for (const a of handoffs.appended) this.opts.broadcast(a)
    this.push(handoffs.notified)
    total.handoffBreaches = handoffs.breaches
    total.notifications += handoffs.notifications
    return total
  }
}
