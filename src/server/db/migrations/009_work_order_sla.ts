import { sql, type Kysely } from 'kysely'

/**
 * Work-order SLA and assignment (W1–W3): each order's SLA state as JSON with the next instant it
 * needs attention (indexed: the scheduler's only query), a revision the scheduler claims with a
 * conditional UPDATE, the reasons shown for priority and assignee; agents' capacity and seniority,
 * a customer's dedicated advisor; and the notifications SLA events leave for people.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('work_orders').addColumn('sla', 'text').execute()
  await db.schema.alterTable('work_orders').addColumn('sla_next_at', 'bigint').execute()
  await db.schema
    .alterTable('work_orders')
    .addColumn('sla_rev', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('work_orders')
    .addColumn('priority_reason', 'text', (c) => c.notNull().defaultTo(sql`''`))
    .execute()
  await db.schema
    .alterTable('work_orders')
    .addColumn('assign_reason', 'text', (c) => c.notNull().defaultTo(sql`''`))
    .execute()
  await db.schema.createIndex('work_orders_sla_next_at').on('work_orders').column('sla_next_at').execute()

  await db.schema
    .alterTable('users')
    .addColumn('capacity', 'integer', (c) => c.notNull().defaultTo(8))
    .execute()
  await db.schema
    .alterTable('users')
    .addColumn('senior', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.alterTable('customers').addColumn('advisor_id', 'varchar(64)').execute()

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('work_order_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('clock', 'varchar(16)')
    .addColumn('tier', 'integer')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .execute()
  await db.schema
    .createIndex('notifications_user_created')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notifications').ifExists().execute()
  await db.schema.alterTable('customers').dropColumn('advisor_id').execute()
  for (const c of ['senior', 'capacity']) await db.schema.alterTable('users').dropColumn(c).execute()
  await db.schema.dropIndex('work_orders_sla_next_at').execute()
  for (const c of ['assign_reason', 'priority_reason', 'sla_rev', 'sla_next_at', 'sla']) {
    await db.schema.alterTable('work_orders').dropColumn(c).execute()
  }
}
