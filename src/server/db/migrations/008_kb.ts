import type { Kysely } from 'kysely'

/**
 * Knowledge base (K1, K4): every saved state of an article as a version, the admin's synonym
 * groups, and "helpful?" votes (one per user for each query and article).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('kb_articles')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('kb_article_versions')
    .addColumn('article_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(256)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('category', 'varchar(64)', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('synonyms', 'text', (c) => c.notNull())
    .addColumn('audience', 'varchar(16)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('saved_at', 'bigint', (c) => c.notNull())
    .addColumn('saved_by', 'varchar(64)')
    .addPrimaryKeyConstraint('kb_article_versions_pk', ['article_id', 'version'])
    .execute()

  await db.schema
    .createTable('kb_synonym_groups')
    .addColumn('position', 'integer', (c) => c.primaryKey())
    .addColumn('terms', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('kb_feedback')
    .addColumn('article_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('query', 'varchar(200)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('helpful', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('kb_feedback_pk', ['article_id', 'query', 'user_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['kb_feedback', 'kb_synonym_groups', 'kb_article_versions']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
  await db.schema.alterTable('kb_articles').dropColumn('version').execute()
}
