import type { Kysely } from 'kysely'

/**
 * The customer side of work orders: progress-page sessions (only a hash of the token is kept),
 * failed lookups for the rate limit, and satisfaction-survey invitations with their answers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('portal_sessions')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('work_order_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('portal_sessions_expires').on('portal_sessions').column('expires_at').execute()

  await db.schema
    .createTable('portal_failures')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    /** ip:<address> or code:<service code> */
    .addColumn('key', 'varchar(96)', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('portal_failures_key_at').on('portal_failures').columns(['key', 'at']).execute()
  await db.schema.createIndex('portal_failures_at').on('portal_failures').column('at').execute()

  await db.schema
    .createTable('survey_invitations')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('token', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('work_order_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('customer_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('answered_at', 'bigint')
    .addColumn('csat', 'integer')
    .addColumn('nps', 'integer')
    .addColumn('comment', 'text')
    .addColumn('outcome', 'varchar(16)')
    .execute()
  await db.schema
    .createIndex('survey_invitations_order')
    .on('survey_invitations')
    .columns(['work_order_id', 'created_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['survey_invitations', 'portal_failures', 'portal_sessions']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
