import type { Kysely } from 'kysely'

/**
 * Work-order actions: hand-offs to other departments with their response clocks (the open ones
 * also summarised on the order, for the list), and attachments stored on disk by hash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('work_orders').addColumn('handoffs', 'text').execute()
  await db.schema
    .createTable('work_order_handoffs')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('work_order_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('department', 'varchar(32)', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint')
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('opened_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('replied_at', 'bigint')
    .addColumn('replied_by', 'varchar(64)')
    .execute()
  await db.schema
    .createIndex('work_order_handoffs_order')
    .on('work_order_handoffs')
    .columns(['work_order_id', 'opened_at'])
    .execute()
  await db.schema.createIndex('work_order_handoffs_due').on('work_order_handoffs').column('due_at').execute()
  await db.schema
    .createTable('work_order_attachments')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('work_order_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('file_name', 'varchar(256)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(64)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
    .addColumn('uploaded_by', 'varchar(64)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('work_order_attachments_order')
    .on('work_order_attachments')
    .columns(['work_order_id', 'uploaded_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('work_order_attachments').execute()
  await db.schema.dropTable('work_order_handoffs').execute()
  await db.schema.alterTable('work_orders').dropColumn('handoffs').execute()
}
