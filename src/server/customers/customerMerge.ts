import { randomUUID } from 'node:crypto'
import type { Kysely, Selectable, Transaction } from 'kysely'
import { ApiFailure } from '../../shared/api/errors'
import type { MergePreview } from '../../shared/domain/customer360'
import type { AccessClaims } from '../auth/accessTokens'
import type { AuditLog } from '../audit/auditLog'
import type { DbKind } from '../db/database'
import type { CustomersTable, Database } from '../db/schema'
import { appendChange, type Appended } from '../sync/changeFeed'
import { customerRecord } from '../sync/recordMappers'
import type { CustomerService } from './customerService'

type Row = Selectable<CustomersTable>
const OWNED = ['purchases', 'work_orders', 'appointments', 'timeline_events', 'customer_identities'] as const

/** The survivor after absorbing a duplicate: its own values win, the duplicate fills the blanks. */
function mergedRow(survivor: Row, absorbed: Row): Row {
  const tags = [...new Set([...(JSON.parse(survivor.tags) as string[]), ...(JSON.parse(absorbed.tags) as string[])])]
  const joinText = (a: string, b: string) => (a && b && a !== b ? `${a}\n${b}` : a || b)
  return {
    ...survivor,
    birthday: survivor.birthday ?? absorbed.birthday,
    address_enc: survivor.address_enc ?? absorbed.address_enc,
    tags: JSON.stringify(tags),
    focus: joinText(survivor.focus, absorbed.focus),
    special_needs: joinText(survivor.special_needs, absorbed.special_needs),
    notes: joinText(survivor.notes, absorbed.notes),
  }
}

async function counts(
  db: Kysely<Database> | Transaction<Database>,
  customerId: string,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const table of OWNED) {
    const r = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('customer_id', '=', customerId)
      .executeTakeFirst()
    out[table] = Number(r?.n ?? 0)
  }
  return out
}

/**
 * Merging two records of the same person: a preview first (what the survivor will look like and
 * what moves), then the merge in one transaction — history moves to the survivor, the duplicate
 * points at it, both changes go out on the feed, and the audit log keeps the duplicate's snapshot.
 */
export class CustomerMerge {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DbKind,
    private readonly customers: CustomerService,
    private readonly audit: AuditLog,
  ) {}

  async preview(viewer: AccessClaims, survivorId: string, absorbId: string): Promise<MergePreview> {
    const [survivor, absorbed] = await this.pair(viewer, survivorId, absorbId)
    return {
      survivor: customerRecord(survivor),
      absorbed: customerRecord(absorbed),
      result: customerRecord(mergedRow(survivor, absorbed)),
      moves: await counts(this.db, absorbed.id),
    }
  }

  async merge(
    viewer: AccessClaims,
    survivorId: string,
    absorbId: string,
    seat: string | null,
    onChange: (a: Appended) => void,
  ) {
    const [survivor, absorbed] = await this.pair(viewer, survivorId, absorbId)
    const now = Date.now()
    const moved = await counts(this.db, absorbed.id)
    const appended = await this.db.transaction().execute(async (trx) => {
      const next = mergedRow(survivor, absorbed)
      for (const table of OWNED) {
        await trx.updateTable(table).set({ customer_id: survivor.id }).where('customer_id', '=', absorbed.id).execute()
      }
      await trx
        .updateTable('customers')
        .set({
          birthday: next.birthday,
          address_enc: next.address_enc,
          tags: next.tags,
          focus: next.focus,
          notes: next.notes,
        })
        .where('id', '=', survivor.id)
        .execute()
      await trx.updateTable('customers').set({ merged_into: survivor.id }).where('id', '=', absorbed.id).execute()
      // the duplicate's own number stays findable: it becomes one of the survivor's phones
      const known = await trx
        .selectFrom('customer_identities')
        .select('id')
        .where('kind', '=', 'phone')
        .where('value_hash', '=', absorbed.phone_hash)
        .executeTakeFirst()
      if (absorbed.phone_hash !== survivor.phone_hash && !known) {
        await trx
          .insertInto('customer_identities')
          .values({
            id: randomUUID(),
            customer_id: survivor.id,
            kind: 'phone',
            value_enc: absorbed.phone_enc,
            value_hash: absorbed.phone_hash,
            masked: absorbed.phone_masked,
            created_at: now,
          })
          .execute()
      }
      const by = viewer.sub
      return [
        await appendChange(
          trx,
          this.kind,
          {
            entity: 'customer',
            entityId: survivor.id,
            storeId: survivor.home_store_id,
            data: customerRecord(next),
            changedFields: ['tags', 'focus', 'notes', 'birthday'],
            by,
            opId: null,
          },
          now,
        ),
        await appendChange(
          trx,
          this.kind,
          {
            op: 'delete',
            entity: 'customer',
            entityId: absorbed.id,
            storeId: absorbed.home_store_id,
            data: { id: absorbed.id, mergedInto: survivor.id },
            changedFields: [],
            by,
            opId: null,
          },
          now,
        ),
      ]
    })
    await this.audit.record({
      userId: viewer.sub,
      action: 'merge',
      entity: 'customer',
      entityId: survivor.id,
      seat,
      detail: { absorbed: customerRecord(absorbed), moved },
    })
    appended.forEach(onChange)
    return this.customers.get(viewer, survivor.id)
  }

  private async pair(viewer: AccessClaims, survivorId: string, absorbId: string): Promise<[Row, Row]> {
    if (survivorId === absorbId)
      throw new ApiFailure({ code: 'SCHEMA', field: 'absorbId', message: 'a customer cannot be merged with itself' })
    const survivor = await this.customers.row(viewer, survivorId)
    const absorbed = await this.customers.row(viewer, absorbId)
    if (survivor.id === absorbed.id)
      throw new ApiFailure({ code: 'SCHEMA', field: 'absorbId', message: 'these records are already merged' })
    return [survivor, absorbed]
  }
}
