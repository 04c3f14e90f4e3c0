import { randomUUID } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import { ApiFailure } from '../../shared/api/errors'
import type { CustomerRecord, WorkOrderRecord } from '../../shared/domain/records'
import { DEFAULT_CALENDAR } from '../../shared/workOrders/businessCalendar'
import {
  CreateWorkOrderResult,
  CreateWorkOrderRequest,
  type SlaNotification,
} from '../../shared/workOrders/createWorkOrder'
import { startSla } from '../../shared/workOrders/orderSla'
import type { WorkOrderActivity } from '../../shared/workOrders/activity'
import type { AssigneeCandidate } from '../../shared/workOrders/assignees'
import { suggestPriority } from '../../shared/workOrders/prioritySuggestion'
import { policyFor } from '../../shared/workOrders/slaPolicy'
import type { z } from 'zod'
import type { AccessClaims } from '../auth/accessTokens'
import type { DbKind } from '../db/database'
import type { Database, WorkOrdersTable } from '../db/schema'
import { lockFeed, type Appended } from '../sync/changeFeed'
import { workOrderRecord } from '../sync/recordMappers'
import { recordActivity, listActivity } from './activityLog'
import { assigneeCandidates } from './assigneeCandidates'
import { AssignmentDirectory } from './assignmentDirectory'
import { feedOrder, orderForAction } from './orderTransaction'
import { randomServiceCode } from './serviceCodes'
import { slaColumns } from './slaColumns'
import { notificationOf } from './slaNotifications'
import { SlaPolicyStore } from './slaPolicyStore'

type CreateInput = z.output<typeof CreateWorkOrderRequest>
type NewOrderRow = Omit<Selectable<WorkOrdersTable>, 'feed_seq'>

/** Where the order came from → the customer timeline's channel (the 360 view is a call-center seat). */
const TIMELINE_CHANNEL = { call: 'phone', chat: 'chat', visit: 'store', customer360: 'phone' } as const

const isDuplicateCode = (err: unknown) => /service_code|work_orders_service_code/.test(String(err))

/**
 * Opening work orders (W1–W3): priority suggested from tier and urgency words (overridable, the
 * reason kept), assignee chosen with its reason, SLA clocks started, a random service code, a
 * timeline entry, and the change on the feed — at most once per request id.
 */
export class WorkOrderService {
  private readonly directory: AssignmentDirectory
  readonly policies: SlaPolicyStore

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DbKind,
    private readonly now: () => number,
    private readonly broadcast: (a: Appended) => void,
  ) {
    this.directory = new AssignmentDirectory(db)
    this.policies = new SlaPolicyStore(db, now)
  }

  async create(claims: AccessClaims, req: CreateInput): Promise<CreateWorkOrderResult> {
    const earlier = await this.earlierAnswer(claims, req.requestId)
    if (earlier) return earlier
    const customer = await this.db
      .selectFrom('customers')
      .select(['id', 'tier', 'home_store_id', 'advisor_id', 'merged_into'])
      .where('id', '=', req.customerId)
      .executeTakeFirst()
    if (!customer || customer.merged_into !== null) {
      throw new ApiFailure({
        code: 'NOT_FOUND',
        message: `customer ${req.customerId} does not exist`,
        reason: { key: 'recordMissing', params: { id: req.customerId } },
      })
    }
    const storeId = req.storeId ?? customer.home_store_id
    if (claims.role === 'frontdesk' && claims.storeId !== storeId) {
      throw new ApiFailure({
        code: 'FORBIDDEN',
        message: 'this order belongs to another store',
        reason: { key: 'otherStore' },
      })
    }
    if (!(await this.db.selectFrom('stores').select('id').where('id', '=', storeId).executeTakeFirst())) {
      throw new ApiFailure({ code: 'SCHEMA', field: 'storeId', message: `store ${storeId} does not exist` })
    }
    const tier = customer.tier as CustomerRecord['tier']
    const text = `${req.title} ${req.description}`
    const suggestion = suggestPriority({ type: req.type, tier, text })
    const priority = req.priority ?? suggestion.priority
    const priorityReason =
      priority === suggestion.priority
        ? suggestion.reason
        : `${suggestion.reason}; 人工调整: ${suggestion.priority} → ${priority}`
    const assigner = await this.directory.current()
    const decision = assigner.choose({
      type: req.type,
      text,
      storeId,
      customerTier: tier,
      advisorId: customer.advisor_id,
    })
    const now = this.now()
    const sla = startSla(policyFor(req.type, priority, await this.policies.overrides()), now, DEFAULT_CALENDAR)
    const row = {
      id: `wo-${randomUUID()}`,
      customer_id: customer.id,
      store_id: storeId,
      type: req.type,
      priority,
      status: decision ? 'assigned' : 'new',
      title: req.title,
      description: req.description,
      assignee_id: decision?.agentId ?? null,
      created_at: now,
      updated_at: now,
      priority_reason: priorityReason,
      assign_reason: decision?.reason ?? '无可用坐席: 待主管分配',
      closure: null,
      handoffs: null,
      ...slaColumns(sla, -1),
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const { result, appended } = await this.insert(
          claims,
          req,
          { ...row, service_code: randomServiceCode() },
          now,
          {
            suggestedPriority: suggestion.priority,
          },
        )
        if (appended) {
          if (decision) assigner.noteAssigned(decision.agentId)
          this.broadcast(appended)
        }
        return result
      } catch (err) {
        if (attempt < 3 && isDuplicateCode(err)) continue
        throw err
      }
    }
  }

  private async earlierAnswer(claims: AccessClaims, requestId: string): Promise<CreateWorkOrderResult | null> {
    const seen = await this.db
      .selectFrom('applied_ops')
      .select(['result', 'user_id'])
      .where('op_id', '=', requestId)
      .executeTakeFirst()
    if (!seen) return null
    if (seen.user_id !== claims.sub) {
      throw new ApiFailure({ code: 'FORBIDDEN', message: 'request id belongs to another user' })
    }
    return CreateWorkOrderResult.parse(JSON.parse(seen.result))
  }

  private insert(
    claims: AccessClaims,
    req: CreateInput,
    row: NewOrderRow,
    now: number,
    extra: { suggestedPriority: CreateWorkOrderResult['suggestedPriority'] },
  ): Promise<{ result: CreateWorkOrderResult; appended: Appended | null }> {
    return this.db.transaction().execute(async (trx) => {
      await lockFeed(trx, this.kind)
      // a retry that raced the first attempt finds its answer here, under the feed lock
      const seen = await trx
        .selectFrom('applied_ops')
        .select('result')
        .where('op_id', '=', req.requestId)
        .executeTakeFirst()
      if (seen) return { result: CreateWorkOrderResult.parse(JSON.parse(seen.result)), appended: null }
      await trx.insertInto('work_orders').values(row).execute()
      await recordActivity(trx, {
        id: `we-${req.requestId}`,
        workOrderId: row.id,
        at: now,
        kind: 'created',
        visibility: 'customer',
        authorId: claims.sub,
        body: row.description,
        data: { channel: req.channel, priorityReason: row.priority_reason, assignReason: row.assign_reason },
      })
      await trx
        .insertInto('timeline_events')
        .values({
          id: `tw-${row.id}`,
          customer_id: row.customer_id,
          at: now,
          kind: 'work_order',
          channel: TIMELINE_CHANNEL[req.channel],
          title: row.title,
          ref_id: row.service_code,
        })
        .execute()
      const appended = await feedOrder(trx, this.kind, { ...row, feed_seq: 0 }, ['*'], claims.sub, now, req.requestId)
      const order = { ...(appended.change.data as WorkOrderRecord), feedSeq: appended.change.seq }
      const result: CreateWorkOrderResult = { order, ...extra }
      await trx
        .insertInto('applied_ops')
        .values({ op_id: req.requestId, user_id: claims.sub, result: JSON.stringify(result), created_at: now })
        .execute()
      return { result, appended }
    })
  }

  /**
   * A supervisor's reassignment (W3): any open order to an agent or to a front desk of the
   * order's store, with the reason recorded; a new order becomes assigned.
   */
  async reassign(claims: AccessClaims, orderId: string, assigneeId: string): Promise<WorkOrderRecord> {
    const assignee = await this.db
      .selectFrom('users')
      .select(['id', 'role', 'store_id', 'capacity'])
      .where('id', '=', assigneeId)
      .executeTakeFirst()
    if (!assignee || (assignee.role !== 'agent' && assignee.role !== 'frontdesk')) {
      throw new ApiFailure({ code: 'SCHEMA', field: 'assigneeId', message: `${assigneeId} is not an agent` })
    }
    const assigner = await this.directory.current()
    const now = this.now()
    const appended = await this.db.transaction().execute(async (trx) => {
      await lockFeed(trx, this.kind)
      const row = await trx.selectFrom('work_orders').selectAll().where('id', '=', orderId).executeTakeFirst()
      if (!row) {
        throw new ApiFailure({
          code: 'NOT_FOUND',
          message: `work order ${orderId} does not exist`,
          reason: { key: 'recordMissing', params: { id: orderId } },
        })
      }
      if (row.status === 'closed') {
        throw new ApiFailure({ code: 'CONFLICT', message: 'a closed work order is not reassigned; reopen it first' })
      }
      if (assignee.store_id !== null && assignee.store_id !== row.store_id) {
        throw new ApiFailure({ code: 'SCHEMA', field: 'assigneeId', message: `${assigneeId} works in another store` })
      }
      const load = assigner.loadOf(assignee.id) + (row.assignee_id === assignee.id ? 0 : 1)
      const changes = {
        assignee_id: assignee.id,
        assign_reason: `主管指派: ${claims.name}; 当前负载 ${load}/${assignee.capacity}`,
        status: row.status === 'new' ? 'assigned' : row.status,
        updated_at: now,
      }
      await trx.updateTable('work_orders').set(changes).where('id', '=', row.id).execute()
      await recordActivity(trx, {
        id: `we-${randomUUID()}`,
        workOrderId: row.id,
        at: now,
        kind: 'assigned',
        visibility: 'internal',
        authorId: claims.sub,
        body: changes.assign_reason,
        data: { from: row.assignee_id, to: assignee.id },
      })
      const changedFields = [
        'assigneeId',
        'assignReason',
        'activity',
        ...(changes.status !== row.status ? ['status'] : []),
      ]
      return feedOrder(trx, this.kind, { ...row, ...changes }, changedFields, claims.sub, now)
    })
    assigner.noteAssigned(assignee.id)
    this.broadcast(appended)
    return appended.change.data as WorkOrderRecord
  }

  /** Who a supervisor may reassign the order to, with loads and the automatic rule's pick (W3). */
  assignees(orderId: string): Promise<AssigneeCandidate[]> {
    return assigneeCandidates(this.db, orderId)
  }

  /** One order as the signed-in user may see it (a front desk: its own store's). */
  async get(claims: AccessClaims, orderId: string): Promise<WorkOrderRecord> {
    return workOrderRecord(await orderForAction(this.db, claims, orderId))
  }

  /** The order's whole activity, internal notes included, oldest first. */
  async activity(claims: AccessClaims, orderId: string): Promise<WorkOrderActivity[]> {
    await this.get(claims, orderId)
    return listActivity(this.db, orderId, { customerOnly: false })
  }

  /** The signed-in user's latest SLA notifications, newest first. */
  async notifications(claims: AccessClaims, limit: number): Promise<SlaNotification[]> {
    const rows = await this.db
      .selectFrom('notifications as n')
      .innerJoin('work_orders as w', 'w.id', 'n.work_order_id')
      .selectAll('n')
      .select(['w.service_code', 'w.title'])
      .where('n.user_id', '=', claims.sub)
      .orderBy('n.created_at', 'desc')
      .orderBy('n.at', 'desc')
      .limit(limit)
      .execute()
    return rows.map(({ service_code, title, ...r }) => {
      const { userId: _recipient, ...n } = notificationOf(r, { service_code, title })
      return n
    })
  }
}
