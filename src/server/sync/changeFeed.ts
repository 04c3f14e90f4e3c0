import type { Kysely, Transaction } from 'kysely'
import type { EntityKind } from '../../shared/domain/records'
import type { FeedChange, PullResult, SnapshotResult } from '../../shared/sync/feed'
import type { Database } from '../db/schema'
import type { DbKind } from '../db/database'
import { customerRecord, kbArticleRecord, workOrderRecord } from './recordMappers'

export interface NewChange {
  /** 'delete': the record left (e.g. merged into another); seats drop it */
  op?: 'upsert' | 'delete'
  entity: EntityKind
  entityId: string
  /** null: visible to every scope (e.g. KB articles) */
  storeId: string | null
  data: Record<string, unknown>
  changedFields: string[]
  by: string | null
  opId: string | null
}

export interface Appended {
  change: FeedChange
  storeId: string | null
  /** scope → the previous head in that scope, for the live event each audience receives */
  prevByScope: Map<string, number>
}

const ENTITY_TABLE = { customer: 'customers', workOrder: 'work_orders', kbArticle: 'kb_articles' } as const

/**
 * Locks the feed head ('all' row; FOR UPDATE on PostgreSQL, SQLite has one writer) and returns its
 * sequence. Every write takes it first: one lock order, so writers never deadlock.
 */
export async function lockFeed(trx: Transaction<Database>, kind: DbKind): Promise<number> {
  let q = trx.selectFrom('feed_heads').select('seq').where('scope', '=', 'all')
  if (kind === 'postgres') q = q.forUpdate()
  return Number((await q.executeTakeFirstOrThrow()).seq)
}

/**
 * Appends one change inside the caller's transaction. The 'all' head row is locked first (FOR
 * UPDATE on PostgreSQL; SQLite has one writer), so sequences are contiguous and commit in order:
 * a seat that has seen seq n has seen everything before it in its scope.
 */
export async function appendChange(
  trx: Transaction<Database>,
  kind: DbKind,
  c: NewChange,
  now: number,
): Promise<Appended> {
  const seq = (await lockFeed(trx, kind)) + 1

  const scopes =
    c.storeId === null
      ? ['all', ...(await trx.selectFrom('stores').select('id').execute()).map((s) => `store:${s.id}`)]
      : ['all', `store:${c.storeId}`]
  const heads = await trx.selectFrom('feed_heads').select(['scope', 'seq']).where('scope', 'in', scopes).execute()
  const prevByScope = new Map(scopes.map((s) => [s, 0]))
  for (const h of heads) prevByScope.set(h.scope, Number(h.seq))

  await trx
    .insertInto('change_feed')
    .values({
      seq,
      entity: c.entity,
      entity_id: c.entityId,
      store_id: c.storeId,
      op: c.op ?? 'upsert',
      data: JSON.stringify(c.data),
      changed_fields: JSON.stringify(c.changedFields),
      by_user: c.by,
      op_id: c.opId,
      created_at: now,
    })
    .execute()
  for (const scope of scopes) {
    await trx
      .insertInto('feed_heads')
      .values({ scope, seq })
      .onConflict((oc) => oc.column('scope').doUpdateSet({ seq }))
      .execute()
  }
  await trx.updateTable(ENTITY_TABLE[c.entity]).set({ feed_seq: seq }).where('id', '=', c.entityId).execute()
  const change: FeedChange = {
    seq,
    entity: c.entity,
    entityId: c.entityId,
    op: c.op ?? 'upsert',
    data: { ...c.data, feedSeq: seq },
    changedFields: c.changedFields,
    by: c.by,
    opId: c.opId,
  }
  return { change, storeId: c.storeId, prevByScope }
}

function scopeFilter(scope: string): string | null {
  return scope === 'all' ? null : scope.slice('store:'.length)
}

async function headOf(db: Kysely<Database>, scope: string): Promise<number> {
  const row = await db.selectFrom('feed_heads').select('seq').where('scope', '=', scope).executeTakeFirst()
  return Number(row?.seq ?? 0)
}

/** Changes after `since` that the scope may see, oldest first. */
export async function pullChanges(
  db: Kysely<Database>,
  scope: string,
  since: number,
  limit: number,
): Promise<PullResult> {
  const head = await headOf(db, scope)
  const store = scopeFilter(scope)
  let q = db.selectFrom('change_feed').selectAll().where('seq', '>', since)
  if (store !== null) q = q.where((eb) => eb.or([eb('store_id', '=', store), eb('store_id', 'is', null)]))
  const rows = await q
    .orderBy('seq')
    .limit(limit + 1)
    .execute()
  const page = rows.slice(0, limit)
  return {
    changes: page.map((r) => ({
      seq: Number(r.seq),
      entity: r.entity as EntityKind,
      entityId: r.entity_id,
      op: r.op as 'upsert' | 'delete',
      data: JSON.parse(r.data) as Record<string, unknown>,
      changedFields: JSON.parse(r.changed_fields) as string[],
      by: r.by_user,
      opId: r.op_id,
    })),
    head,
    more: rows.length > limit,
  }
}

/**
 * One page of the seat's working set: KB articles, open work orders, and customers (a store's own
 * for a front desk; otherwise those with open work orders). Rows carry their feedSeq, so replaying
 * the feed from `head` afterwards never moves a record backwards.
 */
export async function snapshotPage(
  db: Kysely<Database>,
  scope: string,
  entity: EntityKind,
  after: string | null,
  limit: number,
): Promise<SnapshotResult> {
  const head = await headOf(db, scope)
  const store = scopeFilter(scope)
  const cursor = after ?? ''
  let records: Record<string, unknown>[]
  if (entity === 'kbArticle') {
    const rows = await db
      .selectFrom('kb_articles')
      .selectAll()
      .where('id', '>', cursor)
      .orderBy('id')
      .limit(limit)
      .execute()
    records = rows.map(kbArticleRecord)
  } else if (entity === 'workOrder') {
    let q = db.selectFrom('work_orders').selectAll().where('id', '>', cursor).where('status', '!=', 'closed')
    if (store !== null) q = q.where('store_id', '=', store)
    records = (await q.orderBy('id').limit(limit).execute()).map(workOrderRecord)
  } else {
    let q = db.selectFrom('customers').selectAll().where('id', '>', cursor)
    if (store !== null) q = q.where('home_store_id', '=', store)
    else
      q = q.where('id', 'in', (eb) =>
        eb.selectFrom('work_orders').select('customer_id').where('status', '!=', 'closed'),
      )
    records = (await q.orderBy('id').limit(limit).execute()).map(customerRecord)
  }
  const last = records.at(-1)
  return { records, head, next: records.length === limit && last ? String(last.id) : null }
}
