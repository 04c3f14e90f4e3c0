import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely'
import pg from 'pg'
import { withStatementCache } from './statementCache'
import * as m001 from './migrations/001_foundation'
import * as m002 from './migrations/002_change_feed'
import { encryptCustomerPii } from './migrations/003_encrypt_customer_pii'
import * as m004 from './migrations/004_audit_log'
import * as m005 from './migrations/005_timeline'
import * as m006 from './migrations/006_customer_merge_and_needs'
import * as m007 from './migrations/007_customer_identities'
import * as m008 from './migrations/008_kb'
import * as m009 from './migrations/009_work_order_sla'
import * as m010 from './migrations/010_work_order_closure'
import * as m011 from './migrations/011_sla_policies'
import * as m012 from './migrations/012_work_order_events'
import * as m013 from './migrations/013_service_reports'
import * as m014 from './migrations/014_customer_portal'
import * as m015 from './migrations/015_work_order_actions'
import * as m016 from './migrations/016_chat'
import type { PiiCipher } from '../privacy/piiCipher'
import type { Database } from './schema'

export type DbKind = 'sqlite' | 'postgres'

export interface Db {
  kind: DbKind
  db: Kysely<Database>
  /** the PostgreSQL pool, for the socket.io adapter; absent on SQLite */
  pool?: pg.Pool
  close(): Promise<void>
}

/** Migrations; some need the PII cipher to convert existing rows. */
export function migrationProvider(pii: PiiCipher) {
  const migrations: Record<string, Migration> = {
    '001_foundation': m001,
    '002_change_feed': m002,
    '003_encrypt_customer_pii': encryptCustomerPii(pii),
    '004_audit_log': m004,
    '005_timeline': m005,
    '006_customer_merge_and_needs': m006,
    '007_customer_identities': m007,
    '008_kb': m008,
    '009_work_order_sla': m009,
    '010_work_order_closure': m010,
    '011_sla_policies': m011,
    '012_work_order_events': m012,
    '013_service_reports': m013,
    '014_customer_portal': m014,
    '015_work_order_actions': m015,
    '016_chat': m016,
  }
  return { getMigrations: async () => migrations }
}

/** Opens PostgreSQL when the URL says so, otherwise the embedded SQLite file (WAL). */
export function openDatabase(opts: { databaseUrl?: string; dataDir: string; onIdleError?: (err: Error) => void }): Db {
  const url = opts.databaseUrl
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      // bigint columns hold epoch milliseconds: safe as JS numbers
      types: {
        getTypeParser: (oid: number, format?: 'text' | 'binary') =>
          oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
      },
    })
    // an idle client that loses its connection (database restart, DROP DATABASE … FORCE) is
    // replaced by the pool on next use; without a listener the error would crash the process
    pool.on('error', (err) => opts.onIdleError?.(err))
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { kind: 'postgres', db, pool, close: () => db.destroy() }
  }
  const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : join(opts.dataDir, 'console.db')
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
  return { kind: 'sqlite', db, close: () => db.destroy() }
}

export async function migrateToLatest(db: Kysely<Database>, pii: PiiCipher): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(pii) })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`)
  }
}

/** Drops every table (seed --reset); migrations then rebuild the schema from scratch. */
export async function dropAllTables(db: Kysely<Database>): Promise<void> {
  for (const t of [
    'chat_messages',
    'chat_conversations',
    'survey_invitations',
    'portal_failures',
    'portal_sessions',
    'work_order_attachments',
    'work_order_handoffs',
    'service_reports',
    'work_order_events',
    'customer_identities',
    'timeline_events',
    'audit_log',
    'sla_policies',
    'notifications',
    'kb_feedback',
    'kb_synonym_groups',
    'kb_article_versions',
    'agent_states',
    'applied_ops',
    'feed_heads',
    'change_feed',
    'kb_articles',
    'appointments',
    'work_orders',
    'purchases',
    'customers',
    'refresh_tokens',
    'users',
    'stores',
    'kysely_migration',
    'kysely_migration_lock',
  ]) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
