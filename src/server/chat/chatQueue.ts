import type { Kysely } from 'kysely'
import type { QueueStatus } from '../../shared/chat/events'
import { estimateWaitSec, orderQueue } from '../../shared/chat/routing'
import type { Database } from '../db/schema'
import type { ChatStore, Conversation } from './chatStore'

/** A waiting conversation as the routing rule sees it. */
const asQueued = (c: Conversation) => ({ id: c.id, queue: c.queue ?? '', queuedAt: c.queuedAt ?? 0, core: c.core })

/**
 * The chat queues: a conversation's place in its queue (the routing rule's order: core customers
 * and long waits move up) and the estimated wait from the agents ready for the queue's skill.
 */
export class ChatQueue {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly store: ChatStore,
    private readonly now: () => number,
  ) {}

  /** Ready agents who have the skill. */
  async readyAgents(skill: string): Promise<number> {
    const rows = await this.db
      .selectFrom('agent_states')
      .innerJoin('users', 'users.id', 'agent_states.user_id')
      .select('users.skills')
      .where('agent_states.state', '=', 'ready')
      .execute()
    return rows.filter((r) => (JSON.parse(r.skills) as string[]).includes(skill)).length
  }

  /** Status of every conversation waiting in the queue, in queue order. */
  async statuses(queue: string): Promise<QueueStatus[]> {
    const ordered = orderQueue((await this.store.queued(queue)).map(asQueued), this.now())
    const ready = await this.readyAgents(queue)
    return ordered.map((c, i) => ({
      conversationId: c.id,
      state: 'queued',
      queue,
      position: i + 1,
      etaSec: estimateWaitSec(i + 1, ready),
      readyAgents: ready,
    }))
  }

  async statusOf(c: Conversation): Promise<QueueStatus> {
    if (c.state === 'queued' && c.queue) {
      const mine = (await this.statuses(c.queue)).find((s) => s.conversationId === c.id)
      if (mine) return mine
    }
    const ready = c.queue ? await this.readyAgents(c.queue) : 0
    return { conversationId: c.id, state: c.state, queue: c.queue, position: null, etaSec: null, readyAgents: ready }
  }

  /** Queues that have someone waiting. */
  async activeQueues(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('chat_conversations')
      .select('queue')
      .distinct()
      .where('state', '=', 'queued')
      .execute()
    return rows.flatMap((r) => (r.queue ? [r.queue] : []))
  }
}
