import type { Kysely, SelectQueryBuilder } from 'kysely'
import type { CustomerHit, MatchKind } from '../../shared/domain/customer360'
import { looksLikePhoneQuery, normalizePhone, toHalfWidthDigits } from '../../shared/domain/phone'
import type { CustomerRecord } from '../../shared/domain/records'
import type { AccessClaims } from '../auth/accessTokens'
import type { Database } from '../db/schema'
import type { PiiCipher } from '../privacy/piiCipher'

type CustomerQuery = SelectQueryBuilder<Database, 'customers', object>

const SERVICE_CODE = /^[2-9A-HJ-NP-Z]{8}$/
const ORDER_NO = /^SO\d{6,}$/
const MEMBER_NO = /^M?\d{6,}$/

/** Front desks see their own store's customers only; the filter is in the query, not the UI. */
function scoped(q: CustomerQuery, viewer: AccessClaims): CustomerQuery {
  const live = q.where('customers.merged_into', 'is', null)
  return viewer.role === 'frontdesk' ? live.where('customers.home_store_id', '=', viewer.storeId ?? '') : live
}

/**
 * One search box: a full phone number in any form (keyed-hash lookup), the last 4 or first 3
 * digits (against the masked form), a member number, an order number, a service code, or a name
 * (prefix first, then anywhere in the name). Exact identifiers rank before name matches.
 */
export async function searchCustomers(
  db: Kysely<Database>,
  pii: PiiCipher,
  viewer: AccessClaims,
  rawQuery: string,
  limit: number,
): Promise<CustomerHit[]> {
  const q = toHalfWidthDigits(rawQuery.trim())
  const hits: CustomerHit[] = []
  const seen = new Set<string>()
  const base = () =>
    scoped(db.selectFrom('customers'), viewer).select([
      'customers.id',
      'customers.name',
      'customers.phone_masked',
      'customers.member_no',
      'customers.tier',
      'customers.home_store_id',
    ])
  const add = (rows: Awaited<ReturnType<ReturnType<typeof base>['execute']>>, matched: MatchKind) => {
    for (const r of rows) {
      if (seen.has(r.id) || hits.length >= limit) continue
      seen.add(r.id)
      hits.push({
        id: r.id,
        name: r.name,
        phoneMasked: r.phone_masked,
        memberNo: r.member_no,
        tier: r.tier as CustomerRecord['tier'],
        homeStoreId: r.home_store_id,
        matched,
      })
    }
  }

  const phone = normalizePhone(q)
  if (phone) {
    const hash = pii.lookupHash(phone)
    add(await base().where('customers.phone_hash', '=', hash).limit(limit).execute(), 'phone')
    const extra = base()
      .innerJoin('customer_identities', 'customer_identities.customer_id', 'customers.id')
      .where('customer_identities.kind', '=', 'phone')
      .where('customer_identities.value_hash', '=', hash)
    add(await extra.limit(limit).execute(), 'phone')
  }
  if (q.includes('@')) {
    const email = base()
      .innerJoin('customer_identities', 'customer_identities.customer_id', 'customers.id')
      .where('customer_identities.kind', '=', 'email')
      .where('customer_identities.value_hash', '=', pii.lookupHash(`email:${q.toLowerCase()}`))
    add(await email.limit(limit).execute(), 'email')
  }
  const upper = q.toUpperCase()
  if (SERVICE_CODE.test(upper)) {
    add(
      await base()
        .innerJoin('work_orders', 'work_orders.customer_id', 'customers.id')
        .where('work_orders.service_code', '=', upper)
        .execute(),
      'serviceCode',
    )
  }
  if (ORDER_NO.test(upper)) {
    add(
      await base()
        .innerJoin('purchases', 'purchases.customer_id', 'customers.id')
        .where('purchases.order_no', '=', upper)
        .execute(),
      'order',
    )
  }
  if (MEMBER_NO.test(upper)) {
    const member = upper.startsWith('M') ? upper : `M${upper}`
    add(await base().where('customers.member_no', '=', member).execute(), 'member')
  }
  if (!phone && looksLikePhoneQuery(q)) {
    const digits = q.replace(/\D/g, '')
    if (digits.length === 4)
      add(await base().where('customers.phone_masked', 'like', `%${digits}`).limit(limit).execute(), 'phone')
    if (digits.length === 3)
      add(await base().where('customers.phone_masked', 'like', `${digits}%`).limit(limit).execute(), 'phone')
  }
  // LIKE wildcards typed by a person are taken literally by dropping them (names never hold them)
  const literal = q.replace(/[\\%_]/g, '')
  if (literal && !looksLikePhoneQuery(q) && hits.length < limit) {
    add(
      await base().where('customers.name', 'like', `${literal}%`).orderBy('customers.name').limit(limit).execute(),
      'name',
    )
    if (hits.length < limit) {
      add(await base().where('customers.name', 'like', `%${literal}%`).limit(limit).execute(), 'name')
    }
  }
  return hits
}
