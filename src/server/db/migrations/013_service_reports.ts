import type { Kysely } from 'kysely'

/**
 * On-site service reports signed by the customer (W5, F5). Every signing is a new version;
 * rows are never updated, and `hash` covers the content, the order snapshot and the signature.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service_reports')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('work_order_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('work_done', 'text', (c) => c.notNull())
    .addColumn('parts', 'text', (c) => c.notNull())
    .addColumn('signer_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('signature_png', 'text', (c) => c.notNull())
    .addColumn('order_snapshot', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'bigint', (c) => c.notNull())
    .addColumn('signed_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('signed_by_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('service_reports_order_version')
    .on('service_reports')
    .columns(['work_order_id', 'version'])
    .unique()
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('service_reports').execute()
}
