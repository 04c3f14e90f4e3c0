import { randomInt, randomUUID } from 'node:crypto'
import type { Kysely, Selectable, Transaction } from 'kysely'
import { CustomerCsvRow, type ImportReport } from '../../shared/domain/imports'
import { maskPhone } from '../../shared/domain/phone'
import { normalizeChinese } from '../../shared/text/chineseText'
import type { AccessClaims } from '../auth/accessTokens'
import type { DbKind } from '../db/database'
import type { CustomersTable, Database } from '../db/schema'
import type { PiiCipher } from '../privacy/piiCipher'
import { appendChange, type Appended } from '../sync/changeFeed'
import { customerRecord } from '../sync/recordMappers'
import { checkedRow, csvRows } from './csvRows'

const TX_ROWS = 500

type Row = Selectable<CustomersTable>

/** The same person already on file: by phone (keyed hash), then by member number. */
async function findExisting(
  trx: Transaction<Database>,
  phoneHash: string,
  memberNo: string | undefined,
): Promise<Row | undefined> {
  const live = () => trx.selectFrom('customers').selectAll().where('merged_into', 'is', null)
  const byPhone = await live().where('phone_hash', '=', phoneHash).executeTakeFirst()
  if (byPhone || !memberNo) return byPhone
  return live().where('member_no', '=', memberNo).executeTakeFirst()
}

/** What a row would change on an existing customer; empty when the file says nothing new. */
function differences(pii: PiiCipher, existing: Row, row: CustomerCsvRow): Partial<Row> {
  const patch: Partial<Row> = {}
  // a Traditional-script spelling of the same name is the same name
  if (normalizeChinese(existing.name) !== normalizeChinese(row.name)) patch.name = row.name
  if (row.birthday && row.birthday !== existing.birthday) patch.birthday = row.birthday
  if (row.focus !== undefined && row.focus !== existing.focus) patch.focus = row.focus
  if (row.tags) {
    const have = JSON.parse(existing.tags) as string[]
    const added = row.tags.filter((t) => !have.includes(t))
    if (added.length) patch.tags = JSON.stringify([...have, ...added]) // imports add tags, never remove agents' tags
  }
  if (row.address !== undefined && (!existing.address_enc || pii.decrypt(existing.address_enc) !== row.address)) {
    patch.address_enc = pii.encrypt(row.address)
  }
  return patch
}

/** Rows of one file that describe the same person (same phone or member number), folded in order. */
interface Group {
  lines: number[]
  row: CustomerCsvRow
}

function fold(into: CustomerCsvRow, next: CustomerCsvRow): CustomerCsvRow {
  return {
    member_no: next.member_no ?? into.member_no,
    name: next.name,
    phone: into.phone,
    birthday: next.birthday ?? into.birthday,
    home_store_id: next.home_store_id,
    tags: into.tags || next.tags ? [...new Set([...(into.tags ?? []), ...(next.tags ?? [])])] : undefined,
    focus: next.focus ?? into.focus,
    address: next.address ?? into.address,
  }
}

/**
 * Imports customers from CSV: valid rows land (inserted, or merged into the customer with the
 * same phone or member number), invalid rows are reported by line and reason, and a second run of
 * the same file changes nothing. Rows of one file about the same person are folded first (later
 * rows win, tags add up), so the result does not depend on how often the file is run. Every change
 * goes through the change feed, so seats see it.
 */
export async function importCustomers(
  db: Kysely<Database>,
  kind: DbKind,
  pii: PiiCipher,
  actor: AccessClaims,
  csv: string,
  onChange: (a: Appended) => void,
  now = Date.now(),
): Promise<ImportReport> {
  const rows = csvRows(csv, ['name', 'phone', 'home_store_id'])
  const stores = new Set((await db.selectFrom('stores').select('id').execute()).map((s) => s.id))
  const report: ImportReport = { rows: rows.length, inserted: 0, updated: 0, unchanged: 0, merged: 0, errors: [] }

  const groups: Group[] = []
  const byKey = new Map<string, Group>()
  for (const entry of rows) {
    const { line } = entry
    const row = checkedRow(CustomerCsvRow, entry, 'home_store_id', stores, report)
    if (!row) continue
    const keys = [`p:${row.phone}`, ...(row.member_no ? [`m:${row.member_no}`] : [])]
    let group = keys.map((k) => byKey.get(k)).find(Boolean)
    if (group) {
      group.lines.push(line)
      group.row = fold(group.row, row)
      report.merged++
    } else {
      group = { lines: [line], row }
      groups.push(group)
    }
    for (const k of keys) if (!byKey.has(k)) byKey.set(k, group)
  }

  const committed: Appended[] = []
  for (let start = 0; start < groups.length; start += TX_ROWS) {
    await db.transaction().execute(async (trx) => {
      for (const { row } of groups.slice(start, start + TX_ROWS)) {
        const phoneHash = pii.lookupHash(row.phone)
        const existing = await findExisting(trx, phoneHash, row.member_no)
        let next: Row
        let changedFields = ['*']
        if (existing) {
          const patch = differences(pii, existing, row)
          changedFields = Object.keys(patch)
          if (changedFields.length === 0) {
            report.unchanged++
            continue
          }
          await trx.updateTable('customers').set(patch).where('id', '=', existing.id).execute()
          next = { ...existing, ...patch }
          report.updated++
        } else {
          next = {
            id: `c-${randomUUID()}`,
            name: row.name,
            phone_enc: pii.encrypt(row.phone),
            phone_hash: phoneHash,
            phone_masked: maskPhone(row.phone),
            address_enc: row.address ? pii.encrypt(row.address) : null,
            merged_into: null,
            advisor_id: null,
            member_no: row.member_no ?? `M9${String(randomInt(1e9)).padStart(9, '0')}`,
            tier: 'basic',
            home_store_id: row.home_store_id,
            birthday: row.birthday ?? null,
            tags: JSON.stringify(row.tags ?? []),
            focus: row.focus ?? '',
            special_needs: '',
            notes: '',
            created_at: now,
            feed_seq: 0,
          }
          await trx.insertInto('customers').values(next).execute()
          report.inserted++
        }
        const change = {
          entity: 'customer' as const,
          entityId: next.id,
          storeId: next.home_store_id,
          data: customerRecord(next),
          changedFields,
          by: actor.sub,
          opId: null,
        }
        committed.push(await appendChange(trx, kind, change, now))
      }
    })
  }
  committed.forEach(onChange)
  return report
}
