import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { ApiFailure } from '../../shared/api/errors'
import type { ActivityKind } from '../../shared/workOrders/activity'
import { DEFAULT_CALENDAR } from '../../shared/workOrders/businessCalendar'
import type { WorkOrderClosure } from '../../shared/workOrders/closure'
import type { MergeWorkOrderResult } from '../../shared/workOrders/merge'
import { slaOnStatus } from '../../shared/workOrders/orderSla'
import type { AccessClaims } from '../auth/accessTokens'
import type { DbKind } from '../db/database'
import type { Database } from '../db/schema'
import type { Appended } from '../sync/changeFeed'
import { recordActivity } from './activityLog'
import { openHandoffsColumn } from './handoffRows'
import { feedOrder, orderForAction, type OrderRow } from './orderTransaction'
import { lockFeed } from '../sync/changeFeed'
import { readSla, slaColumns } from './slaColumns'

/** What the duplicate's history brings along: what people wrote and what was sent or asked. */
const COPIED_KINDS: readonly ActivityKind[] = ['note', 'progress', 'handoff', 'handoffReply', 'attachment']

/**
 * Merging a duplicate order of the same customer and issue into the order that stays: the
 * duplicate is closed as merged (its SLA clocks stop), its notes and progress updates are copied
 * onto the survivor with a link back, its hand-offs and attachments move over, and both orders go
 * on the feed in one transaction.
 */
export class WorkOrderMerge {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DbKind,
    private readonly now: () => number,
    private readonly broadcast: (a: Appended) => void,
  ) {}

  async merge(claims: AccessClaims, orderId: string, duplicateId: string): Promise<MergeWorkOrderResult> {
    if (orderId === duplicateId) {
      throw new ApiFailure({ code: 'SCHEMA', field: 'duplicateId', message: 'an order cannot be merged into itself' })
    }
    const now = this.now()
    const appended = await this.db.transaction().execute(async (trx) => {
      await lockFeed(trx, this.kind)
      const order = await orderForAction(trx, claims, orderId)
      const dup = await orderForAction(trx, claims, duplicateId, 'duplicateId')
      refuseUnlessMergeable(order, dup)
      const copied = await copyActivity(trx, dup, order.id)
      await trx
        .updateTable('work_order_handoffs')
        .set({ work_order_id: order.id })
        .where('work_order_id', '=', dup.id)
        .execute()
      await trx
        .updateTable('work_order_attachments')
        .set({ work_order_id: order.id })
        .where('work_order_id', '=', dup.id)
        .execute()

      const kept = { handoffs: await openHandoffsColumn(trx, order.id), updated_at: now }
      await trx.updateTable('work_orders').set(kept).where('id', '=', order.id).execute()
      await recordActivity(trx, {
        id: `we-${randomUUID()}`,
        workOrderId: order.id,
        at: now,
        kind: 'merged',
        visibility: 'internal',
        authorId: claims.sub,
        body: `合并重复工单 ${dup.service_code}: ${dup.title}`,
        data: { duplicateId: dup.id, duplicateCode: dup.service_code, copied },
      })

      const closure: WorkOrderClosure = { by: 'merged', into: order.id, userId: claims.sub, at: now }
      const sla = readSla(dup)
      const from = dup.status as Parameters<typeof slaOnStatus>[1]
      const closed = {
        status: 'closed',
        closure: JSON.stringify(closure),
        handoffs: '[]',
        updated_at: now,
        ...(sla ? slaColumns(slaOnStatus(sla, from, 'closed', now, DEFAULT_CALENDAR), dup.sla_rev) : {}),
      }
      await trx.updateTable('work_orders').set(closed).where('id', '=', dup.id).execute()
      await recordActivity(trx, {
        id: `we-${randomUUID()}`,
        workOrderId: dup.id,
        at: now,
        kind: 'status',
        visibility: 'customer',
        authorId: claims.sub,
        body: `已合并到工单 ${order.service_code}`,
        data: { from, to: 'closed', mergedInto: order.id },
      })
      await recordActivity(trx, {
        id: `we-${randomUUID()}`,
        workOrderId: dup.id,
        at: now,
        kind: 'merged',
        visibility: 'internal',
        authorId: claims.sub,
        body: `合并到工单 ${order.service_code}: ${order.title}`,
        data: { into: order.id, intoCode: order.service_code },
      })
      const survivor = await feedOrder(trx, this.kind, { ...order, ...kept }, ['handoffs', 'activity'], claims.sub, now)
      const duplicate = await feedOrder(
        trx,
        this.kind,
        { ...dup, ...closed },
        ['status', 'closure', 'handoffs', 'activity', ...(sla ? ['sla'] : [])],
        claims.sub,
        now,
      )
      return { survivor, duplicate }
    })
    this.broadcast(appended.survivor)
    this.broadcast(appended.duplicate)
    return {
      order: appended.survivor.change.data as MergeWorkOrderResult['order'],
      duplicate: appended.duplicate.change.data as MergeWorkOrderResult['duplicate'],
    }
  }
}

function refuseUnlessMergeable(order: OrderRow, dup: OrderRow): void {
  if (order.status === 'closed') {
    throw new ApiFailure({
      code: 'CONFLICT',
      field: 'id',
      message: `work order ${order.service_code} is closed; reopen it before merging into it`,
    })
  }
  if (dup.status === 'closed') {
    throw new ApiFailure({
      code: 'CONFLICT',
      field: 'duplicateId',
      message: `work order ${dup.service_code} is already closed and cannot be merged`,
    })
  }
  if (dup.customer_id !== order.customer_id) {
    throw new ApiFailure({
      code: 'CONFLICT',
      field: 'duplicateId',
      message: `work order ${dup.service_code} belongs to another customer; only one customer's duplicates are merged`,
    })
  }
}

/** The duplicate's notes, progress updates, hand-offs and attachments, copied with a link back. */
async function copyActivity(trx: Transaction<Database>, dup: OrderRow, intoId: string): Promise<number> {
  const entries = await trx
    .selectFrom('work_order_events')
    .selectAll()
    .where('work_order_id', '=', dup.id)
    .where('kind', 'in', [...COPIED_KINDS])
    .orderBy('at')
    .orderBy('id')
    .execute()
  for (const e of entries) {
    const data = e.data === null ? {} : (JSON.parse(e.data) as Record<string, unknown>)
    await recordActivity(trx, {
      id: `we-${randomUUID()}`,
      workOrderId: intoId,
      at: Number(e.at),
      kind: e.kind as ActivityKind,
      visibility: e.visibility as 'internal' | 'customer',
      authorId: e.author_id,
      body: e.body,
      data: { ...data, mergedFrom: dup.id, mergedFromCode: dup.service_code, originalId: e.id },
    })
  }
  return entries.length
}
