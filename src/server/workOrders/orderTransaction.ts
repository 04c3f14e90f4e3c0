import type { Kysely, Selectable, Transaction } from 'kysely'
import { ApiFailure } from '../../shared/api/errors'
import type { AccessClaims } from '../auth/accessTokens'
import type { DbKind } from '../db/database'
import type { Database, WorkOrdersTable } from '../db/schema'
import { appendChange, type Appended } from '../sync/changeFeed'
import { workOrderRecord } from '../sync/recordMappers'

export type OrderRow = Selectable<WorkOrdersTable>

/** The order to act on, as the signed-in user may see it (a front desk: its own store's). */
export async function orderForAction(
  trx: Transaction<Database> | Kysely<Database>,
  claims: AccessClaims,
  id: string,
  field = 'id',
): Promise<OrderRow> {
  const row = await trx.selectFrom('work_orders').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) {
    throw new ApiFailure({
      code: 'NOT_FOUND',
      field,
      message: `work order ${id} does not exist`,
      reason: { key: 'recordMissing', params: { id } },
    })
  }
  if (claims.role === 'frontdesk' && claims.storeId !== row.store_id) {
    throw new ApiFailure({
      code: 'FORBIDDEN',
      message: 'this order belongs to another store',
      reason: { key: 'otherStore' },
    })
  }
  return row
}

/** Puts the order's new state on the change feed. */
export function feedOrder(
  trx: Transaction<Database>,
  kind: DbKind,
  row: OrderRow,
  changedFields: string[],
  by: string | null,
  now: number,
  /** the seat's op id when the change answers a seat write */
  opId: string | null = null,
): Promise<Appended> {
  return appendChange(
    trx,
    kind,
    {
      entity: 'workOrder',
      entityId: row.id,
      storeId: row.store_id,
      data: workOrderRecord(row),
      changedFields,
      by,
      opId,
    },
    now,
  )
}
