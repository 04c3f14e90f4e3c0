import type { Kysely } from 'kysely'

/** Every work order's activity (notes, progress updates, status changes), append-only. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('work_order_events')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('work_order_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('visibility', 'varchar(16)', (c) => c.notNull())
    .addColumn('author_id', 'varchar(64)')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .execute()
  await db.schema
    .createIndex('work_order_events_order_at')
    .on('work_order_events')
    .columns(['work_order_id', 'at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('work_order_events').execute()
}
