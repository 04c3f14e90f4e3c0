import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { tierOf } from '../../shared/domain/customerInsights'
import { PurchaseCsvRow, type ImportReport } from '../../shared/domain/imports'
import { normalizePhone } from '../../shared/domain/phone'
import type { AccessClaims } from '../auth/accessTokens'
import type { DbKind } from '../db/database'
import type { Database } from '../db/schema'
import type { PiiCipher } from '../privacy/piiCipher'
import { appendChange, type Appended } from '../sync/changeFeed'
import { customerRecord } from '../sync/recordMappers'
import { checkedRow, csvRows } from './csvRows'

const TX_ROWS = 500

/**
 * Imports purchases (ERP/OMS exports) from CSV. A purchase is identified by its order number, so
 * re-running a file changes nothing; the buyer is found by member number or phone. Each new
 * purchase lands on the customer's timeline, and the customer's tier is recomputed.
 */
export async function importPurchases(
  db: Kysely<Database>,
  kind: DbKind,
  pii: PiiCipher,
  actor: AccessClaims,
  csv: string,
  onChange: (a: Appended) => void,
  now = Date.now(),
): Promise<ImportReport> {
  const rows = csvRows(csv, ['order_no', 'customer', 'store_id', 'product', 'amount', 'purchased_at'])
  const stores = new Set((await db.selectFrom('stores').select('id').execute()).map((s) => s.id))
  const report: ImportReport = { rows: rows.length, inserted: 0, updated: 0, unchanged: 0, merged: 0, errors: [] }
  const touched = new Set<string>()
  const seenOrders = new Set<string>()

  for (let start = 0; start < rows.length; start += TX_ROWS) {
    await db.transaction().execute(async (trx) => {
      for (const entry of rows.slice(start, start + TX_ROWS)) {
        const { line } = entry
        const row = checkedRow(PurchaseCsvRow, entry, 'store_id', stores, report)
        if (!row) continue
        if (seenOrders.has(row.order_no)) {
          report.merged++
          continue
        }
        seenOrders.add(row.order_no)
        const phone = normalizePhone(row.customer)
        let buyer = trx.selectFrom('customers').select('id').where('merged_into', 'is', null)
        buyer = phone
          ? buyer.where('phone_hash', '=', pii.lookupHash(phone))
          : buyer.where('member_no', '=', row.customer.toUpperCase())
        const customer = await buyer.executeTakeFirst()
        if (!customer) {
          report.errors.push({
            row: line,
            field: 'customer',
            reason: `no customer with member number or phone "${row.customer}"`,
          })
          continue
        }
        const values = {
          customer_id: customer.id,
          store_id: row.store_id,
          product: row.product,
          amount_cents: Math.round(row.amount * 100),
          purchased_at: row.purchased_at.getTime(),
        }
        const existing = await trx
          .selectFrom('purchases')
          .selectAll()
          .where('order_no', '=', row.order_no)
          .executeTakeFirst()
        if (existing) {
          const same = (Object.keys(values) as (keyof typeof values)[]).every(
            (k) => String(existing[k]) === String(values[k]),
          )
          if (same) {
            report.unchanged++
            continue
          }
          await trx.updateTable('purchases').set(values).where('id', '=', existing.id).execute()
          await trx
            .updateTable('timeline_events')
            .set({ customer_id: customer.id, at: values.purchased_at, title: row.product })
            .where('id', '=', `tp-${existing.id}`)
            .execute()
          touched.add(existing.customer_id)
          report.updated++
        } else {
          const id = `p-${randomUUID()}`
          await trx
            .insertInto('purchases')
            .values({ id, order_no: row.order_no, ...values })
            .execute()
          await trx
            .insertInto('timeline_events')
            .values({
              id: `tp-${id}`,
              customer_id: customer.id,
              at: values.purchased_at,
              kind: 'purchase',
              channel: 'store',
              title: row.product,
              ref_id: row.order_no,
            })
            .execute()
          report.inserted++
        }
        touched.add(customer.id)
      }
    })
  }

  // tiers follow spend: recompute for every customer whose purchases changed
  const changes: Appended[] = []
  for (const id of touched) {
    await db.transaction().execute(async (trx) => {
      const c = await trx.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      const facts = await trx
        .selectFrom('purchases')
        .select(['amount_cents', 'purchased_at'])
        .where('customer_id', '=', id)
        .execute()
      const tier = tierOf(
        facts.map((f) => ({ amountCents: Number(f.amount_cents), at: Number(f.purchased_at) })),
        now,
      )
      if (tier === c.tier) return
      await trx.updateTable('customers').set({ tier }).where('id', '=', id).execute()
      const data = customerRecord({ ...c, tier })
      changes.push(
        await appendChange(
          trx,
          kind,
          {
            entity: 'customer',
            entityId: id,
            storeId: c.home_store_id,
            data,
            changedFields: ['tier'],
            by: actor.sub,
            opId: null,
          },
          now,
        ),
      )
    })
  }
  changes.forEach(onChange)
  return report
}
