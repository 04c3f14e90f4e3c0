import type { Kysely, Transaction } from 'kysely'
import { ApiFailure, type ApiError } from '../../shared/api/errors'
import { canTransition } from '../../shared/domain/workOrderStatus'
import { WriteResult, type FieldOverwrite, type Mutation, type WriteRequest } from '../../shared/sync/mutations'
import type { AccessClaims } from '../auth/accessTokens'
import type { DbKind } from '../db/database'
import type { Database } from '../db/schema'
import { appendChange, lockFeed, type Appended } from './changeFeed'
import { customerRecord } from './recordMappers'
import { DEFAULT_CALENDAR } from '../../shared/workOrders/businessCalendar'
import { slaOnStatus } from '../../shared/workOrders/orderSla'
import { readSla, slaColumns } from '../workOrders/slaColumns'
import { recordActivity } from '../workOrders/activityLog'
import { feedOrder, orderForAction } from '../workOrders/orderTransaction'
import { meetClock } from '../../shared/workOrders/slaClock'
import { inviteToSurvey } from '../customerPortal/surveyInvitations'

export interface WriteOutcome {
  result: WriteResult
  /** the committed change to broadcast; null for rejections and duplicates */
  appended: Appended | null
}

const reject = (error: ApiError): never => {
  throw new ApiFailure(error)
}

/** Front desks may only touch their own store's records. */
function assertStore(claims: AccessClaims, storeId: string): void {
  if (claims.role === 'frontdesk' && claims.storeId !== storeId) {
    reject({ code: 'FORBIDDEN', message: 'this record belongs to another store', reason: { key: 'otherStore' } })
  }
}

/**
 * A note is appended, never merged: two seats noting the same order both keep theirs. A
 * customer-visible progress update answers the first-response clock.
 */
async function addNote(
  trx: Transaction<Database>,
  kind: DbKind,
  claims: AccessClaims,
  opId: string,
  m: Extract<Mutation, { kind: 'workOrder.addNote' }>,
  now: number,
): Promise<{ appended: Appended; overwrote: FieldOverwrite[] }> {
  const row = await orderForAction(trx, claims, m.workOrderId, 'workOrderId')
  if (row.status === 'closed') {
    return reject({
      code: 'CONFLICT',
      message: 'a closed work order takes no notes; reopen it first',
      reason: { key: 'invalidTransition', params: { from: 'closed', to: 'closed' } },
    })
  }
  const progress = m.visibility === 'customer'
  await recordActivity(trx, {
    id: `we-${opId}`,
    workOrderId: row.id,
    at: now,
    kind: progress ? 'progress' : 'note',
    visibility: m.visibility,
    authorId: claims.sub,
    body: m.body,
  })
  const sla = readSla(row)
  const answered = progress && sla !== null && sla.firstResponse.metAt === null
  const slaCols = answered ? slaColumns({ ...sla, firstResponse: meetClock(sla.firstResponse, now) }, row.sla_rev) : {}
  const changes = { updated_at: now, ...slaCols }
  await trx.updateTable('work_orders').set(changes).where('id', '=', row.id).execute()
  const fields = ['activity', ...(answered ? ['sla'] : [])]
  const appended = await feedOrder(trx, kind, { ...row, ...changes }, fields, claims.sub, now, opId)
  return { appended, overwrote: [] }
}

async function applyMutation(
  trx: Transaction<Database>,
  kind: DbKind,
  claims: AccessClaims,
  opId: string,
  m: Mutation,
  now: number,
): Promise<{ appended: Appended; overwrote: FieldOverwrite[] }> {
  if (m.kind === 'workOrder.addNote') return addNote(trx, kind, claims, opId, m, now)
  if (m.kind === 'workOrder.setStatus') {
    const row = await orderForAction(trx, claims, m.workOrderId, 'workOrderId')
    const from = row.status as Parameters<typeof canTransition>[0]
    if (from === m.status) {
      return reject({
        code: 'SCHEMA',
        field: 'status',
        message: `work order is already ${m.status}`,
        reason: { key: 'alreadyInStatus', params: { status: m.status } },
      })
    }
    if (!canTransition(from, m.status)) {
      return reject({
        code: 'SCHEMA',
        field: 'status',
        message: `a work order cannot go from ${from} to ${m.status}`,
        reason: { key: 'invalidTransition', params: { from, to: m.status } },
      })
    }
    if ((m.status === 'closed') !== (m.followUp !== undefined)) {
      return reject({
        code: 'SCHEMA',
        field: 'followUp',
        message:
          m.status === 'closed'
            ? "closing needs the customer's confirmation from the follow-up call (回访)"
            : 'a follow-up result only goes with closing',
        ...(m.status === 'closed' ? { reason: { key: 'closeNeedsFollowUp' as const } } : {}),
      })
    }
    const sla = readSla(row)
    // the clocks follow the status (first response met, paused while waiting on the customer…)
    const slaCols = sla ? slaColumns(slaOnStatus(sla, from, m.status, now, DEFAULT_CALENDAR), row.sla_rev) : {}
    const closure = m.followUp
      ? JSON.stringify({ by: 'followUp', note: m.followUp.note, userId: claims.sub, at: now })
      : null
    const changes = { status: m.status, updated_at: now, closure, ...slaCols }
    await trx.updateTable('work_orders').set(changes).where('id', '=', row.id).execute()
    await recordActivity(trx, {
      id: `we-${opId}`,
      workOrderId: row.id,
      at: now,
      kind: 'status',
      visibility: 'customer',
      authorId: claims.sub,
      body: m.followUp?.note ?? '',
      data: { from, to: m.status },
    })
    if (m.status === 'resolved') await inviteToSurvey(trx, row, now)
    const fields = ['status', 'activity', ...(sla ? ['sla'] : []), ...(closure !== row.closure ? ['closure'] : [])]
    const appended = await feedOrder(trx, kind, { ...row, ...changes }, fields, claims.sub, now, opId)
    return { appended, overwrote: [] }
  }

  const row = await trx.selectFrom('customers').selectAll().where('id', '=', m.customerId).executeTakeFirst()
  if (!row)
    return reject({
      code: 'NOT_FOUND',
      message: `customer ${m.customerId} does not exist`,
      reason: { key: 'recordMissing', params: { id: m.customerId } },
    })
  assertStore(claims, row.home_store_id)
  const current = customerRecord(row)
  let next = current
  let changed: string[]
  const overwrote: FieldOverwrite[] = []
  if (m.kind === 'customer.setTags') {
    next = { ...current, tags: [...new Set(m.tags)] }
    changed = ['tags']
    await trx
      .updateTable('customers')
      .set({ tags: JSON.stringify(next.tags) })
      .where('id', '=', row.id)
      .execute()
  } else {
    // last writer wins per field; the writer learns which fields it overwrote
    changed = Object.keys(m.fields)
    for (const field of changed as (keyof typeof m.fields)[]) {
      if (m.base && field in m.base && m.base[field] !== current[field]) {
        overwrote.push({ field, theirs: current[field], yours: m.fields[field] })
      }
    }
    next = { ...current, ...m.fields }
    const { specialNeeds, ...same } = m.fields
    await trx
      .updateTable('customers')
      .set({ ...same, ...(specialNeeds !== undefined ? { special_needs: specialNeeds } : {}) })
      .where('id', '=', row.id)
      .execute()
  }
  const appended = await appendChange(
    trx,
    kind,
    {
      entity: 'customer',
      entityId: row.id,
      storeId: row.home_store_id,
      data: next,
      changedFields: changed,
      by: claims.sub,
      opId,
    },
    now,
  )
  return { appended, overwrote }
}

/**
 * Applies a client write at most once: the op id is recorded with its result in the same
 * transaction as the change, and a repeated id gets the recorded result back. Rejections are
 * recorded too, so a retried bad write is answered the same way and never applied later.
 */
export async function applyWrite(
  db: Kysely<Database>,
  kind: DbKind,
  claims: AccessClaims,
  req: WriteRequest,
  now = Date.now(),
): Promise<WriteOutcome> {
  return db.transaction().execute((trx) => applyWriteIn(trx, kind, claims, req, now))
}

/** The same, inside a caller's transaction (a survey answer reopens its order atomically). */
export async function applyWriteIn(
  trx: Transaction<Database>,
  kind: DbKind,
  claims: AccessClaims,
  req: WriteRequest,
  now: number,
): Promise<WriteOutcome> {
  await lockFeed(trx, kind)
  const seen = await trx
    .selectFrom('applied_ops')
    .select(['result', 'user_id'])
    .where('op_id', '=', req.opId)
    .executeTakeFirst()
  if (seen) {
    if (seen.user_id !== claims.sub) {
      return {
        result: { status: 'rejected', error: { code: 'FORBIDDEN', message: 'op id belongs to another user' } },
        appended: null,
      }
    }
    return { result: WriteResult.parse(JSON.parse(seen.result)), appended: null }
  }
  let outcome: WriteOutcome
  try {
    const { appended, overwrote } = await applyMutation(trx, kind, claims, req.opId, req.mutation, now)
    outcome = { result: { status: 'applied', seq: appended.change.seq, overwrote }, appended }
  } catch (err) {
    if (!(err instanceof ApiFailure)) throw err
    outcome = { result: { status: 'rejected', error: err.error }, appended: null }
  }
  await trx
    .insertInto('applied_ops')
    .values({ op_id: req.opId, user_id: claims.sub, result: JSON.stringify(outcome.result), created_at: now })
    .execute()
  return outcome
}
