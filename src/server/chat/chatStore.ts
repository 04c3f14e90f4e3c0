import { randomUUID } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import { ChatIntent } from '../../shared/chat/intent'
import { ChatMessageData, type ChatAuthor, type ChatMessage } from '../../shared/chat/message'
import { ConversationState } from '../../shared/chat/events'
import type { Locale } from '../../shared/domain/roles'
import type { ChatConversationsTable, ChatMessagesTable, Database } from '../db/schema'
import { BotMemory } from './botMemory'

export interface Conversation {
  id: string
  visitorId: string
  customerId: string | null
  intent: ChatIntent | null
  state: ConversationState
  queue: string | null
  core: boolean
  lang: Locale
  memory: BotMemory
  queuedAt: number | null
}

export interface NewMessage {
  author: ChatAuthor
  text: string
  clientMessageId?: string
  data?: ChatMessageData
}

const toConversation = (r: Selectable<ChatConversationsTable>): Conversation => ({
  id: r.id,
  visitorId: r.visitor_id,
  customerId: r.customer_id,
  intent: r.intent ? ChatIntent.parse(r.intent) : null,
  state: ConversationState.parse(r.state),
  queue: r.queue,
  core: Number(r.core) === 1,
  lang: r.lang as Locale,
  memory: BotMemory.parse(JSON.parse(r.bot_state)),
  queuedAt: r.queued_at === null ? null : Number(r.queued_at),
})

const toMessage = (r: Selectable<ChatMessagesTable>): ChatMessage => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: Number(r.seq),
  author: r.author as ChatAuthor,
  text: r.body,
  at: Number(r.at),
  clientMessageId: r.client_id,
  data: r.data ? ChatMessageData.parse(JSON.parse(r.data)) : null,
})

/** Conversations and their messages in the database; every write is committed before it returns. */
export class ChatStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number,
  ) {}

  /** The visitor's conversation that has not ended, if any. */
  async openConversationOf(visitorId: string): Promise<Conversation | null> {
    const row = await this.db
      .selectFrom('chat_conversations')
      .selectAll()
      .where('visitor_id', '=', visitorId)
      .where('state', '!=', 'ended')
      .orderBy('created_at', 'desc')
      .executeTakeFirst()
    return row ? toConversation(row) : null
  }

  async get(id: string): Promise<Conversation> {
    return toConversation(
      await this.db.selectFrom('chat_conversations').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    )
  }

  async create(visitorId: string, lang: Locale): Promise<Conversation> {
    const now = this.now()
    const id = `chat-${randomUUID()}`
    await this.db
      .insertInto('chat_conversations')
      .values({ id, visitor_id: visitorId, state: 'bot', lang, created_at: now, updated_at: now })
      .execute()
    return this.get(id)
  }

  async update(
    id: string,
    patch: Partial<Pick<Conversation, 'customerId' | 'intent' | 'state' | 'queue' | 'core' | 'lang' | 'memory'>> & {
      queuedAt?: number
    },
  ): Promise<void> {
    await this.db
      .updateTable('chat_conversations')
      .set({
        updated_at: this.now(),
        ...(patch.customerId !== undefined && { customer_id: patch.customerId }),
        ...(patch.intent !== undefined && { intent: patch.intent }),
        ...(patch.state !== undefined && { state: patch.state }),
        ...(patch.queue !== undefined && { queue: patch.queue }),
        ...(patch.core !== undefined && { core: patch.core ? 1 : 0 }),
        ...(patch.lang !== undefined && { lang: patch.lang }),
        ...(patch.memory !== undefined && { bot_state: JSON.stringify(patch.memory) }),
        ...(patch.queuedAt !== undefined && { queued_at: patch.queuedAt }),
      })
      .where('id', '=', id)
      .execute()
  }

  async messages(conversationId: string): Promise<ChatMessage[]> {
    const rows = await this.db
      .selectFrom('chat_messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('seq')
      .execute()
    return rows.map(toMessage)
  }

  /** The visitor's texts, oldest first (for the intent). */
  async visitorTexts(conversationId: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('chat_messages')
      .select('body')
      .where('conversation_id', '=', conversationId)
      .where('author', '=', 'visitor')
      .orderBy('seq')
      .limit(limit)
      .execute()
    return rows.map((r) => r.body)
  }

  /**
   * Stores a message with the conversation's next number, in one transaction. A visitor message
   * whose client id was stored before is not stored again: the earlier one comes back.
   */
  async append(conversationId: string, m: NewMessage): Promise<{ message: ChatMessage; duplicate: boolean }> {
    const clientId = m.clientMessageId ?? null
    if (clientId) {
      const earlier = await this.byClientId(conversationId, clientId)
      if (earlier) return { message: earlier, duplicate: true }
    }
    try {
      const message = await this.db.transaction().execute(async (trx) => {
        const { last_seq } = await trx
          .updateTable('chat_conversations')
          .set((eb) => ({ last_seq: eb('last_seq', '+', 1), updated_at: this.now() }))
          .where('id', '=', conversationId)
          .returning('last_seq')
          .executeTakeFirstOrThrow()
        const row = {
          id: `msg-${randomUUID()}`,
          conversation_id: conversationId,
          seq: Number(last_seq),
          author: m.author,
          client_id: clientId,
          body: m.text,
          data: m.data ? JSON.stringify(m.data) : null,
          at: this.now(),
        }
        await trx.insertInto('chat_messages').values(row).execute()
        return toMessage(row)
      })
      return { message, duplicate: false }
    } catch (err) {
      // two resends raced: the other one stored it
      const earlier = clientId ? await this.byClientId(conversationId, clientId) : null
      if (earlier) return { message: earlier, duplicate: true }
      throw err
    }
  }

  /** Waiting conversations of one queue (all queues when omitted). */
  async queued(queue?: string): Promise<Conversation[]> {
    let q = this.db.selectFrom('chat_conversations').selectAll().where('state', '=', 'queued')
    if (queue !== undefined) q = q.where('queue', '=', queue)
    return (await q.execute()).map(toConversation)
  }

  private async byClientId(conversationId: string, clientId: string): Promise<ChatMessage | null> {
    const row = await this.db
      .selectFrom('chat_messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('client_id', '=', clientId)
      .executeTakeFirst()
    return row ? toMessage(row) : null
  }
}
