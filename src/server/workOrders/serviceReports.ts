import { createHash, randomUUID } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import { ApiFailure } from '../../shared/api/errors'
import type { WorkOrderStatus } from '../../shared/domain/records'
import {
  ReportOrderSnapshot,
  ReportPart,
  reportHashInput,
  signatureBytes,
  type SaveServiceReport,
  type ReportContent,
  type ServiceReport,
  type ServiceReportState,
} from '../../shared/workOrders/serviceReport'
import type { z } from 'zod'
import type { AccessClaims } from '../auth/accessTokens'
import type { DbKind } from '../db/database'
import type { Database, ServiceReportsTable } from '../db/schema'

type SaveInput = z.output<typeof SaveServiceReport>
type ReportRow = Selectable<ServiceReportsTable>

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

function contentOf(row: ReportRow): ReportContent {
  return {
    workOrderId: row.work_order_id,
    version: row.version,
    workDone: row.work_done,
    parts: ReportPart.array().parse(JSON.parse(row.parts)),
    signerName: row.signer_name,
    signedAt: row.signed_at,
    signedBy: { id: row.signed_by, name: row.signed_by_name },
    order: ReportOrderSnapshot.parse(JSON.parse(row.order_snapshot)),
  }
}

/** The stored report with its hash checked again: any edit to a column after signing shows. */
function reportOf(row: ReportRow): ServiceReport {
  const content = contentOf(row)
  const recomputed = sha256(reportHashInput(content, signatureBytes(row.signature_png)))
  return { ...content, id: row.id, signaturePng: row.signature_png, hash: row.hash, verified: recomputed === row.hash }
}

const missing = (id: string) =>
  new ApiFailure({
    code: 'NOT_FOUND',
    message: `work order ${id} does not exist`,
    reason: { key: 'recordMissing', params: { id } },
  })

/**
 * On-site service reports (W5, F5): what was done, parts used and the customer's on-screen
 * signature, hashed (SHA-256) over the content, a snapshot of the order and the signature bytes.
 * A front desk works only on its own store's orders; a closed order takes no new report.
 */
export class ServiceReportService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DbKind,
    private readonly now: () => number,
  ) {}

  async latest(claims: AccessClaims, orderId: string): Promise<ServiceReportState> {
    const order = await this.order(this.db, claims, orderId)
    const row = await this.db
      .selectFrom('service_reports')
      .selectAll()
      .where('work_order_id', '=', orderId)
      .orderBy('version', 'desc')
      .executeTakeFirst()
    return { order, report: row ? reportOf(row) : null }
  }

  /** Signs a new version of the order's report; the 360 timeline gets an entry. */
  async save(claims: AccessClaims, orderId: string, input: SaveInput): Promise<ServiceReportState> {
    return this.db.transaction().execute(async (trx) => {
      const order = await this.order(trx, claims, orderId)
      if (order.status === 'closed') {
        throw new ApiFailure({ code: 'CONFLICT', message: 'a closed work order takes no new service report' })
      }
      const last = await trx
        .selectFrom('service_reports')
        .select((eb) => eb.fn.max('version').as('version'))
        .where('work_order_id', '=', orderId)
        .executeTakeFirst()
      const content: ReportContent = {
        workOrderId: order.id,
        version: Number(last?.version ?? 0) + 1,
        workDone: input.workDone,
        parts: input.parts,
        signerName: input.signerName,
        signedAt: this.now(),
        signedBy: { id: claims.sub, name: claims.name },
        // the order's facts as signed; id and status are not part of the report
        order: ReportOrderSnapshot.parse(order),
      }
      const row: ReportRow = {
        id: `sr-${randomUUID()}`,
        work_order_id: order.id,
        version: content.version,
        work_done: content.workDone,
        parts: JSON.stringify(content.parts),
        signer_name: content.signerName,
        signature_png: input.signaturePng,
        order_snapshot: JSON.stringify(content.order),
        signed_at: content.signedAt,
        signed_by: content.signedBy.id,
        signed_by_name: content.signedBy.name,
        hash: sha256(reportHashInput(content, signatureBytes(input.signaturePng))),
      }
      await trx.insertInto('service_reports').values(row).execute()
      await trx
        .insertInto('timeline_events')
        .values({
          id: `tr-${row.id}`,
          customer_id: order.customerId,
          at: content.signedAt,
          kind: 'work_order',
          channel: 'store',
          title: `服务报告已签字 (第 ${content.version} 版): ${order.title}`,
          ref_id: order.serviceCode,
        })
        .execute()
      return { order, report: reportOf(row) }
    })
  }

  /** The order's current facts, after the store rule; locked for the signing on PostgreSQL. */
  private async order(db: Kysely<Database>, claims: AccessClaims, orderId: string) {
    let query = db
      .selectFrom('work_orders')
      .innerJoin('customers', 'customers.id', 'work_orders.customer_id')
      .select([
        'work_orders.id',
        'work_orders.service_code',
        'work_orders.customer_id',
        'customers.name as customer_name',
        'work_orders.store_id',
        'work_orders.type',
        'work_orders.title',
        'work_orders.status',
      ])
      .where('work_orders.id', '=', orderId)
    if (this.kind === 'postgres' && db.isTransaction) query = query.forUpdate('work_orders')
    const row = await query.executeTakeFirst()
    if (!row) throw missing(orderId)
    if (claims.role === 'frontdesk' && claims.storeId !== row.store_id) {
      throw new ApiFailure({
        code: 'FORBIDDEN',
        message: 'this order belongs to another store',
        reason: { key: 'otherStore' },
      })
    }
    return {
      id: row.id,
      serviceCode: row.service_code,
      customerId: row.customer_id,
      customerName: row.customer_name,
      storeId: row.store_id,
      type: row.type,
      title: row.title,
      status: row.status as WorkOrderStatus,
    }
  }
}
