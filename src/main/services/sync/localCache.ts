import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { ApiError } from '../../../shared/api/errors'
import type { CustomerRecord, EntityKind } from '../../../shared/domain/records'
import type { CustomerHit } from '../../../shared/domain/customer360'
import type { FeedChange } from '../../../shared/sync/feed'
import { applyLocally, mutationTarget, type Mutation } from '../../../shared/sync/mutations'

export interface OutboxEntry {
  opId: string
  mutation: Mutation
  attempts: number
  createdAt: number
}

export interface RejectedEntry extends OutboxEntry {
  error: ApiError
}

/** Bumped when the derived tables change shape; records and meta are then rebuilt from the server. */
const CACHE_VERSION = 4

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- one row per cached record. Personal data never arrives in plaintext: customers carry the masked
-- phone and its keyed hash ('lookup', indexed for screen pops); 'sort_name' and 'given' (the name
-- without its first character, the surname in most names) serve name prefixes,
-- 'tail' (the masked phone's last 4 digits, already on screen) partial-number type-ahead.
CREATE TABLE IF NOT EXISTS records (
  entity TEXT NOT NULL, id TEXT NOT NULL, store_id TEXT, feed_seq INTEGER NOT NULL,
  data TEXT NOT NULL, lookup TEXT, sort_name TEXT, given TEXT, tail TEXT, PRIMARY KEY (entity, id)
);
CREATE INDEX IF NOT EXISTS records_lookup ON records (entity, lookup);
CREATE INDEX IF NOT EXISTS records_name ON records (entity, sort_name);
CREATE INDEX IF NOT EXISTS records_given ON records (entity, given);
CREATE INDEX IF NOT EXISTS records_tail ON records (entity, tail);
CREATE TABLE IF NOT EXISTS outbox (
  local_seq INTEGER PRIMARY KEY AUTOINCREMENT, op_id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL, entity TEXT NOT NULL,
  entity_id TEXT NOT NULL, mutation TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0, error TEXT, created_at INTEGER NOT NULL
);
`

function storeOf(entity: EntityKind, data: Record<string, unknown>): string | null {
  if (entity === 'customer') return (data.homeStoreId as string) ?? null
  if (entity === 'workOrder') return (data.storeId as string) ?? null
  return null
}

/**
 * The seat's local cache (better-sqlite3, WAL) in the main process: the records the seat may see,
 * its feed cursor, and the outbox of writes not yet acknowledged. Every feed batch is applied in
 * one transaction together with the cursor, and a record never moves back to an older change.
 */
export class LocalCache {
  private readonly db: Database.Database

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    if (this.db.pragma('user_version', { simple: true }) !== CACHE_VERSION) {
      this.db.exec('DROP TABLE IF EXISTS records; DROP TABLE IF EXISTS meta;')
      this.db.pragma(`user_version = ${CACHE_VERSION}`)
    }
    this.db.exec(SCHEMA)
  }

  private userId = ''

  /**
   * Binds the cache to a user and scope. A different user or scope on the same seat starts from an
   * empty record cache, so nothing the previous user could see stays readable. Outbox entries are
   * kept per user: another user's unsent writes wait for that user to log in again.
   */
  bind(userId: string, scope: string): void {
    this.userId = userId
    const owner = `${userId}|${scope}`
    if (this.meta('owner') === owner) return
    this.db.transaction(() => {
      this.db.exec('DELETE FROM records; DELETE FROM meta;')
      this.setMeta('owner', owner)
    })()
  }

  cursor(): number {
    return Number(this.meta('cursor') ?? 0)
  }

  snapshotDone(): boolean {
    return this.meta('snapshot') === 'done'
  }

  /** Stores snapshot pages; `done` also sets the cursor to the head the snapshot started at. */
  applySnapshot(entity: EntityKind, records: Record<string, unknown>[], done: { head: number } | null): void {
    this.db.transaction(() => {
      for (const r of records) this.upsert(entity, String(r.id), r)
      if (done) {
        this.setMeta('snapshot', 'done')
        this.setMeta('cursor', String(done.head))
      }
    })()
  }

  /** Applies feed changes and advances the cursor atomically; returns the changes that took effect. */
  applyChanges(changes: FeedChange[], cursor: number): FeedChange[] {
    return this.db.transaction(() => {
      const applied = changes.filter((c) =>
        c.op === 'delete' ? this.remove(c.entity, c.entityId, c.seq) : this.upsert(c.entity, c.entityId, c.data, c.seq),
      )
      this.setMeta('cursor', String(Math.max(cursor, this.cursor())))
      return applied
    })()
  }

  /** A record as the agent should see it: cached state with this seat's pending writes on top. */
  get<T extends Record<string, unknown>>(entity: EntityKind, id: string): T | null {
    const row = this.db.prepare('SELECT data FROM records WHERE entity = ? AND id = ?').get(entity, id) as
      { data: string } | undefined
    return row ? this.overlay(entity, id, JSON.parse(row.data) as T) : null
  }

  list<T extends Record<string, unknown>>(entity: EntityKind, limit = 500): T[] {
    const rows = this.db
      .prepare('SELECT id, data FROM records WHERE entity = ? ORDER BY feed_seq DESC, id LIMIT ?')
      .all(entity, limit) as { id: string; data: string }[]
    return rows.map((r) => this.overlay(entity, r.id, JSON.parse(r.data) as T))
  }

  /**
   * Cached records of a kind in id order after `afterId`, with this seat's pending writes on top:
   * in-memory indexes read the cache a page at a time.
   */
  page<T extends Record<string, unknown>>(entity: EntityKind, afterId: string, limit: number): T[] {
    const rows = this.db
      .prepare('SELECT id, data FROM records WHERE entity = ? AND id > ? ORDER BY id LIMIT ?')
      .all(entity, afterId, limit) as { id: string; data: string }[]
    // pending writes are few: one look at the outbox per page
    const pending = new Set(
      (
        this.db
          .prepare("SELECT entity_id FROM outbox WHERE entity = ? AND state = 'pending' AND user_id = ?")
          .all(entity, this.userId) as { entity_id: string }[]
      ).map((r) => r.entity_id),
    )
    return rows.map((r) => {
      const record = JSON.parse(r.data) as T
      return pending.has(r.id) ? this.overlay(entity, r.id, record) : record
    })
  }

  /** Every cached customer's name and the last 4 digits of the masked phone (already on screen). */
  customerNames(): { id: string; name: string; tail: string }[] {
    return this.db
      .prepare(
        "SELECT id, coalesce(sort_name, '') AS name, coalesce(tail, '') AS tail FROM records WHERE entity = 'customer'",
      )
      .all() as { id: string; name: string; tail: string }[]
  }

  /**
   * Customer search over the cache, ranked like the server: member number, then name prefix
   * (indexed), then name anywhere, then the visible digits of the masked phone. Full numbers go
   * through `customerByPhoneHash`.
   */
  searchCustomers(q: string, limit: number): CustomerHit[] {
    const term = q.trim().replace(/[%_\\]/g, '')
    if (!term) return []
    const hits = new Map<string, CustomerHit>()
    const take = (rows: { data: string }[], matched: CustomerHit['matched']) => {
      for (const { data } of rows) {
        if (hits.size >= limit) return
        const c = JSON.parse(data) as CustomerRecord
        if (!hits.has(c.id)) {
          hits.set(c.id, {
            id: c.id,
            name: c.name,
            phoneMasked: c.phoneMasked,
            memberNo: c.memberNo,
            tier: c.tier,
            homeStoreId: c.homeStoreId,
            matched,
          })
        }
      }
    }
    const customers = "SELECT data FROM records WHERE entity = 'customer' AND"
    const member = /^M?\d{6,}$/i.test(term)
      ? term.toUpperCase().startsWith('M')
        ? term.toUpperCase()
        : `M${term}`
      : null
    if (member)
      take(
        this.db.prepare(`${customers} json_extract(data, '$.memberNo') = ? LIMIT ?`).all(member, limit) as never,
        'member',
      )
    if (/^\d{4}$/.test(term)) take(this.db.prepare(`${customers} tail = ? LIMIT ?`).all(term, limit) as never, 'phone')
    if (/^\d{3}$/.test(term)) {
      const masked = this.db.prepare(`${customers} json_extract(data, '$.phoneMasked') LIKE ? LIMIT ?`)
      take(masked.all(`${term}%`, limit) as never, 'phone')
    }
    if (!/^\d+$/.test(term)) {
      // full name from its start, then the given name from its start (小明 finds 王小明): both indexed
      for (const column of ['sort_name', 'given']) {
        if (hits.size >= limit) break
        const range = this.db.prepare(`${customers} ${column} >= ? AND ${column} < ? ORDER BY ${column} LIMIT ?`)
        take(range.all(term, `${term}\uFFFF`, limit) as never, 'name')
      }
    }
    return [...hits.values()]
  }

  /** Screen pop: the cached customer whose phone has this keyed hash. */
  customerByPhoneHash(hash: string): CustomerRecord | null {
    const row = this.db.prepare("SELECT id FROM records WHERE entity = 'customer' AND lookup = ?").get(hash) as
      { id: string } | undefined
    return row ? this.get<CustomerRecord>('customer', row.id) : null
  }

  /** Store ids present in the cache (the scope test reads this). */
  storeIds(): string[] {
    return (
      this.db.prepare('SELECT DISTINCT store_id FROM records WHERE store_id IS NOT NULL').all() as {
        store_id: string
      }[]
    ).map((r) => r.store_id)
  }

  enqueue(opId: string, mutation: Mutation, now = Date.now()): void {
    const t = mutationTarget(mutation)
    this.db
      .prepare('INSERT INTO outbox (op_id, user_id, entity, entity_id, mutation, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(opId, this.userId, t.entity, t.id, JSON.stringify(mutation), now)
  }

  pending(): OutboxEntry[] {
    return this.outbox("state = 'pending'")
  }

  /** This user's unsent writes to one record, oldest first. */
  pendingFor(entity: EntityKind, id: string): OutboxEntry[] {
    return this.pending().filter((e) => {
      const t = mutationTarget(e.mutation)
      return t.entity === entity && t.id === id
    })
  }

  rejected(): RejectedEntry[] {
    return this.outbox("state = 'rejected'") as RejectedEntry[]
  }

  countPending(): number {
    return (
      this.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending' AND user_id = ?").get(this.userId) as {
        n: number
      }
    ).n
  }

  noteAttempt(opId: string): void {
    this.db.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE op_id = ?').run(opId)
  }

  /** The server applied (or had already applied) this write: it leaves the outbox. */
  acknowledge(opId: string): void {
    this.db.prepare('DELETE FROM outbox WHERE op_id = ?').run(opId)
  }

  /** The server refused this write: kept, with its reason, until the agent dismisses it. */
  reject(opId: string, error: ApiError): void {
    this.db.prepare("UPDATE outbox SET state = 'rejected', error = ? WHERE op_id = ?").run(JSON.stringify(error), opId)
  }

  dismiss(opId: string): boolean {
    return this.db.prepare("DELETE FROM outbox WHERE op_id = ? AND state = 'rejected'").run(opId).changes > 0
  }

  close(): void {
    this.db.close()
  }

  private upsert(
    entity: EntityKind,
    id: string,
    data: Record<string, unknown>,
    seq = Number(data.feedSeq ?? 0),
  ): boolean {
    const res = this.db
      .prepare(
        `INSERT INTO records (entity, id, store_id, feed_seq, data, lookup, sort_name, given, tail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (entity, id) DO UPDATE SET store_id = excluded.store_id, feed_seq = excluded.feed_seq,
           data = excluded.data, lookup = excluded.lookup, sort_name = excluded.sort_name,
           given = excluded.given, tail = excluded.tail
         WHERE excluded.feed_seq >= records.feed_seq`,
      )
      .run(
        entity,
        id,
        storeOf(entity, data),
        seq,
        JSON.stringify(data),
        entity === 'customer' ? ((data.phoneHash as string) ?? null) : null,
        entity === 'customer' ? ((data.name as string) ?? null) : null,
        entity === 'customer' ? String(data.name ?? '').slice(1) || null : null,
        entity === 'customer' ? String(data.phoneMasked ?? '').slice(-4) || null : null,
      )
    return res.changes > 0
  }

  private remove(entity: EntityKind, id: string, seq: number): boolean {
    return (
      this.db.prepare('DELETE FROM records WHERE entity = ? AND id = ? AND feed_seq <= ?').run(entity, id, seq)
        .changes > 0
    )
  }

  private overlay<T extends Record<string, unknown>>(entity: EntityKind, id: string, record: T): T {
    if (entity === 'kbArticle') return record
    const rows = this.db
      .prepare(
        "SELECT mutation FROM outbox WHERE entity = ? AND entity_id = ? AND state = 'pending' AND user_id = ? ORDER BY local_seq",
      )
      .all(entity, id, this.userId) as { mutation: string }[]
    return rows.reduce(
      (acc, r) => applyLocally(acc as never, JSON.parse(r.mutation) as Mutation) as unknown as T,
      record,
    )
  }

  private outbox(where: string): (OutboxEntry & { error?: ApiError })[] {
    const rows = this.db
      .prepare(
        `SELECT op_id, mutation, attempts, error, created_at FROM outbox WHERE ${where} AND user_id = ? ORDER BY local_seq`,
      )
      .all(this.userId) as {
      op_id: string
      mutation: string
      attempts: number
      error: string | null
      created_at: number
    }[]
    return rows.map((r) => ({
      opId: r.op_id,
      mutation: JSON.parse(r.mutation) as Mutation,
      attempts: r.attempts,
      createdAt: r.created_at,
      ...(r.error ? { error: JSON.parse(r.error) as ApiError } : {}),
    }))
  }

  private meta(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value
  }

  private setMeta(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value)
  }
}
