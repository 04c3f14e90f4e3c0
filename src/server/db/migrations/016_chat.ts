import type { Kysely } from 'kysely'

/**
 * Customer chat: conversations (a visitor, the customer once identified, the recognised intent,
 * bot → queued → assigned → ended, the queue it waits in) and their messages, numbered per
 * conversation; a visitor's client message id is unique per conversation, so a resend is not
 * stored twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('chat_conversations')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('visitor_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('customer_id', 'varchar(64)')
    .addColumn('intent', 'varchar(16)')
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('queue', 'varchar(32)')
    .addColumn('core', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lang', 'varchar(8)', (c) => c.notNull())
    .addColumn('bot_state', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('agent_id', 'varchar(64)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('queued_at', 'bigint')
    .addColumn('assigned_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .execute()
  await db.schema
    .createIndex('chat_conversations_visitor')
    .on('chat_conversations')
    .columns(['visitor_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('chat_conversations_queue')
    .on('chat_conversations')
    .columns(['state', 'queue', 'queued_at'])
    .execute()

  await db.schema
    .createTable('chat_messages')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('conversation_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('author', 'varchar(16)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(64)')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('chat_messages_seq', ['conversation_id', 'seq'])
    .addUniqueConstraint('chat_messages_client', ['conversation_id', 'client_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('chat_messages').ifExists().execute()
  await db.schema.dropTable('chat_conversations').ifExists().execute()
}
