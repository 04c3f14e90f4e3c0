import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { ApiFailure } from '../../shared/api/errors'
import { DEFAULT_CALENDAR } from '../../shared/workOrders/businessCalendar'
import {
  HANDOFF_TARGET_MIN,
  HANDOFF_WARN_RATIO,
  type Handoff,
  type HandoffReplyRequest,
  type OpenHandoffRequest,
} from '../../shared/workOrders/handoff'
import { clockState, meetClock, SlaClock, startClock } from '../../shared/workOrders/slaClock'
import type { AccessClaims } from '../auth/accessTokens'
import type { DbKind } from '../db/database'
import type { Database } from '../db/schema'
import type { Appended } from '../sync/changeFeed'
import { recordActivity } from './activityLog'
import { handoffOf, openHandoffsColumn } from './handoffRows'
import { feedOrder, orderForAction } from './orderTransaction'
import { lockFeed } from '../sync/changeFeed'

/**
 * Hand-offs to other departments (W3): each opens its own response clock in business minutes of
 * the service calendar; the department's reply (recorded by whoever receives it) meets the clock.
 * The open ones ride on the work-order record, so every seat's list sees who it is waiting on.
 */
export class HandoffService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DbKind,
    private readonly now: () => number,
    private readonly broadcast: (a: Appended) => void,
  ) {}

  async open(claims: AccessClaims, orderId: string, req: OpenHandoffRequest): Promise<Handoff> {
    const now = this.now()
    const targetMin = HANDOFF_TARGET_MIN[req.department]
    const clock = startClock(targetMin, HANDOFF_WARN_RATIO, now, DEFAULT_CALENDAR)
    const id = `ho-${randomUUID()}`
    const { appended, handoff } = await this.db.transaction().execute(async (trx) => {
      await lockFeed(trx, this.kind)
      const row = await orderForAction(trx, claims, orderId)
      if (row.status === 'closed') {
        throw new ApiFailure({ code: 'CONFLICT', message: 'a closed work order is not handed off; reopen it first' })
      }
      const values = {
        id,
        work_order_id: row.id,
        department: req.department,
        note: req.note,
        clock: JSON.stringify(clock),
        due_at: clock.dueAt,
        opened_at: now,
        opened_by: claims.sub,
        reply: null,
        replied_at: null,
        replied_by: null,
      }
      await trx.insertInto('work_order_handoffs').values(values).execute()
      const changes = { handoffs: await openHandoffsColumn(trx, row.id), updated_at: now }
      await trx.updateTable('work_orders').set(changes).where('id', '=', row.id).execute()
      await recordActivity(trx, {
        id: `we-${randomUUID()}`,
        workOrderId: row.id,
        at: now,
        kind: 'handoff',
        visibility: 'internal',
        authorId: claims.sub,
        body: req.note,
        data: { handoffId: id, department: req.department, targetMin, dueAt: clock.dueAt },
      })
      const appended = await feedOrder(
        trx,
        this.kind,
        { ...row, ...changes },
        ['handoffs', 'activity'],
        claims.sub,
        now,
      )
      return { appended, handoff: handoffOf(values, claims.name) }
    })
    this.broadcast(appended)
    return handoff
  }

  /** The department answered: the clock stops (met on time or late), the hand-off leaves the open list. */
  async reply(claims: AccessClaims, orderId: string, handoffId: string, req: HandoffReplyRequest): Promise<Handoff> {
    const now = this.now()
    const { appended, handoff } = await this.db.transaction().execute(async (trx) => {
      await lockFeed(trx, this.kind)
      const row = await orderForAction(trx, claims, orderId)
      const h = await trx
        .selectFrom('work_order_handoffs as h')
        .leftJoin('users as u', 'u.id', 'h.opened_by')
        .selectAll('h')
        .select('u.display_name')
        .where('h.id', '=', handoffId)
        .where('h.work_order_id', '=', row.id)
        .executeTakeFirst()
      if (!h) {
        throw new ApiFailure({
          code: 'NOT_FOUND',
          field: 'handoffId',
          message: `work order ${orderId} has no hand-off ${handoffId}`,
        })
      }
      if (h.replied_at !== null) {
        throw new ApiFailure({ code: 'CONFLICT', message: `hand-off ${handoffId} was already answered` })
      }
      const before = SlaClock.parse(JSON.parse(h.clock))
      const clock = meetClock(before, now)
      const view = clockState(clock, now, DEFAULT_CALENDAR)
      const answered = {
        clock: JSON.stringify(clock),
        due_at: null,
        reply: req.note,
        replied_at: now,
        replied_by: claims.sub,
      }
      await trx.updateTable('work_order_handoffs').set(answered).where('id', '=', h.id).execute()
      const changes = { handoffs: await openHandoffsColumn(trx, row.id), updated_at: now }
      await trx.updateTable('work_orders').set(changes).where('id', '=', row.id).execute()
      await recordActivity(trx, {
        id: `we-${randomUUID()}`,
        workOrderId: row.id,
        at: now,
        kind: 'handoffReply',
        visibility: 'internal',
        authorId: claims.sub,
        body: req.note,
        data: {
          handoffId: h.id,
          department: h.department,
          elapsedMin: view.elapsedMin,
          onTime: view.elapsedMin <= clock.targetMin,
        },
      })
      const appended = await feedOrder(
        trx,
        this.kind,
        { ...row, ...changes },
        ['handoffs', 'activity'],
        claims.sub,
        now,
      )
      return { appended, handoff: handoffOf({ ...h, ...answered }, h.display_name) }
    })
    this.broadcast(appended)
    return handoff
  }

  /** Every hand-off of the order, answered ones included, oldest first. */
  async list(claims: AccessClaims, orderId: string): Promise<Handoff[]> {
    await orderForAction(this.db, claims, orderId)
    const rows = await this.db
      .selectFrom('work_order_handoffs as h')
      .leftJoin('users as u', 'u.id', 'h.opened_by')
      .selectAll('h')
      .select('u.display_name')
      .where('h.work_order_id', '=', orderId)
      .orderBy('h.opened_at')
      .orderBy('h.id')
      .execute()
    return rows.map((r) => handoffOf(r, r.display_name))
  }
}
