import type { Kysely } from 'kysely'

/** One timeline across channels: calls, chats, visits, appointments, work orders, purchases, surveys, coupons. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('timeline_events')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('customer_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'varchar(256)', (c) => c.notNull())
    .addColumn('ref_id', 'varchar(64)')
    .execute()
  await db.schema.createIndex('timeline_customer_at').on('timeline_events').columns(['customer_id', 'at']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('timeline_events').execute()
}
