import type { Kysely } from 'kysely'
import { ApiFailure } from '../../shared/api/errors'
import type { ChatJoinResult, QueueStatus } from '../../shared/chat/events'
import type { ChatMessage } from '../../shared/chat/message'
import { queueFor } from '../../shared/chat/routing'
import type { Locale } from '../../shared/domain/roles'
import type { Database } from '../db/schema'
import type { KbService } from '../kb/kbService'
import type { PortalLookup } from '../customerPortal/portalLookup'
import { ChatBot, INTENT_MESSAGES } from './chatBot'
import { ChatQueue } from './chatQueue'
import { ChatStore, type Conversation, type NewMessage } from './chatStore'
import { chatText } from './chatText'
import type { VisitorTokens } from './visitorTokens'

/** Where the service's news goes: the conversation's room, on every node. */
export interface ChatOutbox {
  message(m: ChatMessage): void
  queue(s: QueueStatus): void
}

export interface ChatServiceDeps {
  db: Kysely<Database>
  kb: KbService
  portal: PortalLookup
  tokens: VisitorTokens
  now: () => number
  out: ChatOutbox
  /** a bot turn failed after the visitor's message was acknowledged */
  onError: (err: unknown) => void
}

/** Typed "转人工" (or similar) instead of pressing the button. */
const HANDOFF_WORDS = /转人工|轉人工|人工客服|人工服务|人工服務|找人工|真人客服|^人工$/

/**
 * The visitor's side of a chat: join (or resume) a conversation, send messages (stored before
 * they are acknowledged; the bot answers afterwards), 转人工 into the intent's queue. Work on one
 * conversation runs one step at a time, in arrival order.
 */
export class ChatService {
  readonly store: ChatStore
  readonly queues: ChatQueue
  private readonly bot: ChatBot
  private readonly running = new Map<string, Promise<unknown>>()

  private readonly tokens: VisitorTokens
  private readonly now: () => number
  private readonly out: ChatOutbox
  private readonly onError: (err: unknown) => void

  constructor(deps: ChatServiceDeps) {
    ;({ tokens: this.tokens, now: this.now, out: this.out, onError: this.onError } = deps)
    this.store = new ChatStore(deps.db, deps.now)
    this.queues = new ChatQueue(deps.db, this.store, deps.now)
    this.bot = new ChatBot(deps.db, deps.kb, deps.portal)
  }

  /** Whether the token was issued here (a returning visitor). */
  knowsVisitor(visitorToken: string | undefined): boolean {
    return this.tokens.verify(visitorToken) !== null
  }

  /** The visitor's open conversation (a new one, with the bot's greeting, when there is none). */
  async join(visitorToken: string | undefined, lang: Locale): Promise<ChatJoinResult & { visitorId: string }> {
    const known = this.tokens.verify(visitorToken)
    const { visitorId, token } = known ? { visitorId: known, token: visitorToken! } : this.tokens.issue()
    let c = await this.store.openConversationOf(visitorId)
    if (!c) {
      c = await this.store.create(visitorId, lang)
      await this.store.append(c.id, { author: 'bot', text: chatText(lang, 'bot.greeting') })
    } else if (c.lang !== lang) {
      await this.store.update(c.id, { lang })
    }
    return {
      visitorId,
      visitorToken: token,
      conversationId: c.id,
      state: c.state,
      intent: c.intent,
      messages: await this.store.messages(c.id),
      queue: await this.queues.statusOf(c),
    }
  }

  /** Stores the visitor's message and returns it; the bot's answer follows as `chat:message` events. */
  async send(conversationId: string, clientMessageId: string, text: string, ip: string) {
    const stored = await this.serial(conversationId, async () => {
      const c = await this.conversation(conversationId)
      return { c, ...(await this.store.append(c.id, { author: 'visitor', text, clientMessageId })) }
    })
    if (!stored.duplicate && stored.c.state === 'bot') {
      void this.serial<unknown>(conversationId, () =>
        HANDOFF_WORDS.test(text) ? this.enqueue(conversationId) : this.botTurn(conversationId, text, ip),
      ).catch(this.onError)
    }
    return { message: stored.message, duplicate: stored.duplicate }
  }

  /** 转人工: into the queue for the conversation's intent, with its whole history. */
  handoff(conversationId: string): Promise<QueueStatus> {
    return this.serial(conversationId, () => this.enqueue(conversationId))
  }

  /** Every waiting conversation's status, for the periodic update. */
  async allStatuses(): Promise<QueueStatus[]> {
    const out: QueueStatus[] = []
    for (const q of await this.queues.activeQueues()) out.push(...(await this.queues.statuses(q)))
    return out
  }

  private async conversation(id: string): Promise<Conversation> {
    const c = await this.store.get(id).catch(() => null)
    if (!c || c.state === 'ended') throw new ApiFailure({ code: 'NOT_FOUND', message: 'this conversation has ended' })
    return c
  }

  private async botTurn(conversationId: string, text: string, ip: string): Promise<void> {
    const c = await this.conversation(conversationId)
    if (c.state !== 'bot') return
    const turn = await this.bot.reply(c, text, await this.store.visitorTexts(c.id, INTENT_MESSAGES), ip)
    await this.store.update(c.id, turn.patch)
    await this.say(c.id, turn.replies)
  }

  private async enqueue(conversationId: string): Promise<QueueStatus> {
    const c = await this.conversation(conversationId)
    if (c.state !== 'bot') return this.queues.statusOf(c)
    const queue = queueFor(c.intent)
    await this.store.update(c.id, { state: 'queued', queue, queuedAt: this.now() })
    const statuses = await this.queues.statuses(queue)
    const mine = statuses.find((s) => s.conversationId === c.id)!
    const minutes = Math.ceil((mine.etaSec ?? 0) / 60)
    const key = mine.readyAgents > 0 ? 'bot.queued' : 'bot.queuedNoAgents'
    await this.say(c.id, [
      {
        author: 'system',
        text: chatText(c.lang, key, { queue, position: mine.position!, minutes }),
        data: { kind: 'queued', queue },
      },
    ])
    // a core customer may have gone ahead of others: everyone in the queue hears their place
    for (const s of statuses) this.out.queue(s)
    return mine
  }

  private async say(conversationId: string, replies: NewMessage[]): Promise<void> {
    for (const r of replies) this.out.message((await this.store.append(conversationId, r)).message)
  }

  /** Runs `task` after everything queued before it for the same conversation. */
  private serial<T>(conversationId: string, task: () => Promise<T>): Promise<T> {
    const prev = this.running.get(conversationId) ?? Promise.resolve()
    const next = prev.then(task, task)
    const settled = next.catch(() => undefined)
    this.running.set(conversationId, settled)
    void settled.then(() => {
      if (this.running.get(conversationId) === settled) this.running.delete(conversationId)
    })
    return next
  }
}
