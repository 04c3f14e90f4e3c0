import type { Kysely } from 'kysely'

/** How each closed order was closed (回访 confirmation or auto-close), and the auto-close rule's index. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('work_orders').addColumn('closure', 'text').execute()
  await db.schema
    .createIndex('work_orders_status_updated')
    .on('work_orders')
    .columns(['status', 'updated_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('work_orders_status_updated').execute()
  await db.schema.alterTable('work_orders').dropColumn('closure').execute()
}
