import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { normalizeIdentity, type Identity, type IdentityKind } from '../../shared/domain/identity'
import { ApiFailure } from '../../shared/api/errors'
import type { CustomerHit, RevealResult } from '../../shared/domain/customer360'
import type { CustomerRecord } from '../../shared/domain/records'
import type { AccessClaims } from '../auth/accessTokens'
import type { AuditLog } from '../audit/auditLog'
import type { Database } from '../db/schema'
import type { PiiCipher } from '../privacy/piiCipher'
import { customerRecord, workOrderRecord } from '../sync/recordMappers'
import { hintsOf, rfmOf } from '../../shared/domain/customerInsights'
import type { CustomerProfile } from '../../shared/domain/customer360'
import type { TimelineEvent, TimelinePage, TimelineQuery } from '../../shared/domain/timeline'
import { searchCustomers } from './customerSearch'

/** Customer reads for the 360 view: scoped by store, masked by default, reveals audited. */
export class CustomerService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly pii: PiiCipher,
    private readonly audit: AuditLog,
  ) {}

  search(viewer: AccessClaims, q: string, limit: number): Promise<CustomerHit[]> {
    return searchCustomers(this.db, this.pii, viewer, q, limit)
  }

  async get(viewer: AccessClaims, id: string): Promise<CustomerRecord> {
    return customerRecord(await this.row(viewer, id))
  }

  async profile(viewer: AccessClaims, id: string, now = Date.now()): Promise<CustomerProfile> {
    const row = await this.row(viewer, id)
    const [purchases, orders, complaints] = await Promise.all([
      this.db
        .selectFrom('purchases')
        .selectAll()
        .where('customer_id', '=', row.id)
        .orderBy('purchased_at', 'desc')
        .execute(),
      this.db
        .selectFrom('work_orders')
        .selectAll()
        .where('customer_id', '=', row.id)
        .orderBy('created_at', 'desc')
        .execute(),
      this.db
        .selectFrom('work_orders')
        .select(['created_at', 'status'])
        .where('customer_id', '=', row.id)
        .where('type', '=', '投诉')
        .execute(),
    ])
    const facts = purchases.map((p) => ({
      amountCents: Number(p.amount_cents),
      at: Number(p.purchased_at),
      product: p.product,
    }))
    const rfm = rfmOf(facts, now)
    return {
      customer: customerRecord(row),
      rfm,
      hints: hintsOf({
        birthday: row.birthday,
        purchases: facts,
        complaints: complaints.map((c) => ({
          at: Number(c.created_at),
          open: c.status !== 'closed' && c.status !== 'resolved',
        })),
        rfm,
        now,
      }),
      openWorkOrders: orders.filter((o) => o.status !== 'closed').map(workOrderRecord),
      identities: await this.identities(row.id),
      recentPurchases: purchases.slice(0, 5).map((p) => ({
        orderNo: p.order_no,
        product: p.product,
        amount: Number(p.amount_cents) / 100,
        at: Number(p.purchased_at),
        storeId: p.store_id,
      })),
    }
  }

  async identities(customerId: string): Promise<Identity[]> {
    const rows = await this.db
      .selectFrom('customer_identities')
      .select(['id', 'kind', 'masked', 'created_at'])
      .where('customer_id', '=', customerId)
      .orderBy('created_at')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as IdentityKind,
      masked: r.masked,
      createdAt: Number(r.created_at),
    }))
  }

  /** Adds an identifier; the same one again is a no-op, one that belongs to someone else a conflict. */
  async addIdentity(viewer: AccessClaims, id: string, kind: IdentityKind, raw: string): Promise<Identity[]> {
    const row = await this.row(viewer, id)
    const norm = normalizeIdentity(kind, raw)
    if ('error' in norm) throw new ApiFailure({ code: 'SCHEMA', field: 'value', message: norm.error })
    const hash = this.pii.lookupHash(kind === 'phone' ? norm.value : `${kind}:${norm.value}`)
    const owner =
      (await this.db
        .selectFrom('customer_identities')
        .select('customer_id')
        .where('kind', '=', kind)
        .where('value_hash', '=', hash)
        .executeTakeFirst()) ??
      (kind === 'phone'
        ? await this.db
            .selectFrom('customers')
            .select('id as customer_id')
            .where('phone_hash', '=', hash)
            .where('merged_into', 'is', null)
            .executeTakeFirst()
        : undefined)
    if (owner && owner.customer_id !== row.id) {
      throw new ApiFailure({
        code: 'CONFLICT',
        field: 'value',
        message: `this ${kind} belongs to customer ${owner.customer_id}; merge the two records instead`,
      })
    }
    if (!owner) {
      await this.db
        .insertInto('customer_identities')
        .values({
          id: randomUUID(),
          customer_id: row.id,
          kind,
          value_enc: this.pii.encrypt(norm.value),
          value_hash: hash,
          masked: norm.masked,
          created_at: Date.now(),
        })
        .execute()
    }
    return this.identities(row.id)
  }

  async timeline(viewer: AccessClaims, id: string, q: TimelineQuery): Promise<TimelinePage> {
    const { id: customerId } = await this.row(viewer, id)
    let query = this.db.selectFrom('timeline_events').selectAll().where('customer_id', '=', customerId)
    if (q.kinds?.length) query = query.where('kind', 'in', q.kinds)
    if (q.channels?.length) query = query.where('channel', 'in', q.channels)
    if (q.before !== undefined) {
      const before = q.before
      const beforeId = q.beforeId ?? ''
      query = query.where((eb) =>
        eb.or([eb('at', '<', before), eb.and([eb('at', '=', before), eb('id', '<', beforeId)])]),
      )
    }
    const rows = await query
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit + 1)
      .execute()
    return {
      events: rows.slice(0, q.limit).map((r) => ({
        id: r.id,
        at: Number(r.at),
        kind: r.kind as TimelineEvent['kind'],
        channel: r.channel as TimelineEvent['channel'],
        title: r.title,
        refId: r.ref_id,
      })),
      more: rows.length > q.limit,
    }
  }

  async reveal(
    viewer: AccessClaims,
    id: string,
    field: 'phone' | 'address',
    seat: string | null,
  ): Promise<RevealResult> {
    const row = await this.row(viewer, id)
    const sealed = field === 'phone' ? row.phone_enc : row.address_enc
    await this.audit.record({
      userId: viewer.sub,
      action: 'reveal',
      entity: 'customer',
      entityId: id,
      seat,
      detail: { field },
    })
    return { field, value: sealed ? this.pii.decrypt(sealed) : null }
  }

  /** The customer as the viewer may see it; a merged-away id leads to the record it joined. */
  async row(viewer: AccessClaims, id: string) {
    let row = await this.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst()
    if (row?.merged_into) {
      row = await this.db.selectFrom('customers').selectAll().where('id', '=', row.merged_into).executeTakeFirst()
    }
    if (!row) throw new ApiFailure({ code: 'NOT_FOUND', message: `customer ${id} does not exist` })
    if (viewer.role === 'frontdesk' && row.home_store_id !== viewer.storeId) {
      throw new ApiFailure({ code: 'FORBIDDEN', message: 'this customer belongs to another store' })
    }
    return row
  }
}
