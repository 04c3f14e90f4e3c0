import { sql, type Kysely } from 'kysely'

/**
 * The change feed (one row per committed change, contiguous sequence), the heads each scope has
 * reached, idempotency records for client writes, and agent states shared across nodes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('change_feed')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('entity', 'varchar(24)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('store_id', 'varchar(64)')
    .addColumn('op', 'varchar(8)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('changed_fields', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('by_user', 'varchar(64)')
    .addColumn('op_id', 'varchar(64)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('change_feed_store_seq').on('change_feed').columns(['store_id', 'seq']).execute()

  await db.schema
    .createTable('feed_heads')
    .addColumn('scope', 'varchar(80)', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute()
  await db
    .insertInto('feed_heads' as never)
    .values({ scope: 'all', seq: 0 } as never)
    .execute()

  await db.schema
    .createTable('applied_ops')
    .addColumn('op_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('agent_states')
    .addColumn('user_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('since', 'bigint', (c) => c.notNull())
    .execute()

  for (const table of ['customers', 'work_orders', 'kb_articles']) {
    await db.schema
      .alterTable(table)
      .addColumn('feed_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute()
  }
  await db.schema
    .alterTable('customers')
    .addColumn('focus', 'text', (c) => c.notNull().defaultTo(sql`''`))
    .execute()
  await db.schema
    .alterTable('customers')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(sql`''`))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['customers', 'work_orders', 'kb_articles']) {
    await db.schema.alterTable(table).dropColumn('feed_seq').execute()
  }
  await db.schema.alterTable('customers').dropColumn('focus').execute()
  await db.schema.alterTable('customers').dropColumn('notes').execute()
  for (const t of ['agent_states', 'applied_ops', 'feed_heads', 'change_feed']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
