import { sql, type Kysely } from 'kysely'

/**
 * A merged-away customer keeps its row (for the audit trail) pointing at the survivor; special
 * needs (e.g. 行动不便, 需要手语) get their own field on the 360 view.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customers').addColumn('merged_into', 'varchar(64)').execute()
  await db.schema
    .alterTable('customers')
    .addColumn('special_needs', 'text', (c) => c.notNull().defaultTo(sql`''`))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customers').dropColumn('special_needs').execute()
  await db.schema.alterTable('customers').dropColumn('merged_into').execute()
}
