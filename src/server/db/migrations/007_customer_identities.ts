import type { Kysely } from 'kysely'

/**
 * More ways to recognise the same person (P1): extra phone numbers, WeChat / app ids, email,
 * ID card. Values are encrypted with a keyed hash for lookup, like the primary phone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customer_identities')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('customer_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('value_enc', 'text', (c) => c.notNull())
    .addColumn('value_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('masked', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('customer_identities_kind_hash', ['kind', 'value_hash'])
    .execute()
  await db.schema.createIndex('customer_identities_customer').on('customer_identities').column('customer_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('customer_identities').execute()
}
