import type { Kysely } from 'kysely'
import { ApiFailure } from '../../shared/api/errors'
import { recognizeIntent } from '../../shared/chat/intent'
import { articleAnswer } from '../../shared/kb/articleAnswer'
import { PortalLookupRequest } from '../../shared/portal/portal'
import type { Database } from '../db/schema'
import type { KbService } from '../kb/kbService'
import type { PortalLookup } from '../customerPortal/portalLookup'
import { PORTAL_TEXT } from '../customerPortal/portalText'
import type { BotMemory } from './botMemory'
import type { Conversation, NewMessage } from './chatStore'
import { chatText } from './chatText'
import { findServiceCode, findPhoneDigits } from './serviceCodeInText'

/**
 * The least search score the bot answers with: on the seeded knowledge base a question sharing
 * a title word with an article scores 3.5–7, a stray shared character about 1 (see
 * kbConfidence.ts); below this the bot asks to rephrase rather than guess.
 */
export const KB_ANSWER_MIN_SCORE = 3
/** Longest knowledge-base answer the bot sends; longer ones are cut at a sentence end. */
const ANSWER_MAX_CHARS = 400
/** Misses in a row before the bot suggests 转人工 by itself. */
const MISSES_BEFORE_OFFER = 2
/** How many of the visitor's first messages decide the intent. */
export const INTENT_MESSAGES = 3

export interface BotTurn {
  replies: NewMessage[]
  patch: Partial<Pick<Conversation, 'intent' | 'memory' | 'customerId' | 'core'>>
}

function shorten(text: string): string {
  if (text.length <= ANSWER_MAX_CHARS) return text
  const cut = text.slice(0, ANSWER_MAX_CHARS)
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('\n'), cut.lastIndexOf('. '))
  return `${end > ANSWER_MAX_CHARS / 2 ? cut.slice(0, end + 1) : cut}…`
}

/** The bot phase of a conversation: intent, service-code progress, knowledge-base answers. */
export class ChatBot {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kb: KbService,
    private readonly portal: PortalLookup,
  ) {}

  /** The bot's answer to a visitor message; `firstTexts` are the visitor's first messages. */
  async reply(c: Conversation, text: string, firstTexts: string[], ip: string): Promise<BotTurn> {
    const intent = recognizeIntent(firstTexts).intent ?? c.intent
    const typed = findServiceCode(text)
    const code = typed ?? c.memory.pendingCode
    const digits = code ? findPhoneDigits(text, code) : null
    if (code && (typed || digits)) {
      const turn = await this.progress(c, code, digits, ip)
      return { ...turn, patch: { ...turn.patch, intent } }
    }
    if (intent === '进度查询' && c.intent !== '进度查询') {
      return { replies: [{ author: 'bot', text: chatText(c.lang, 'bot.askCode') }], patch: { intent } }
    }
    const answer = await this.kbAnswer(c, text)
    if (answer) return { replies: answer, patch: { intent, memory: { misses: 0 } } }
    const misses = c.memory.misses + 1
    // offered once: repeating it after every miss would only be noise beside the 转人工 button
    const offer = misses === MISSES_BEFORE_OFFER || (intent === '投诉' && misses === 1)
    return {
      replies: [
        offer
          ? { author: 'bot', text: chatText(c.lang, 'bot.offerHandoff'), data: { kind: 'offerHandoff' } }
          : { author: 'bot', text: chatText(c.lang, 'bot.rephrase') },
      ],
      patch: { intent, memory: { misses } },
    }
  }

  private async kbAnswer(c: Conversation, text: string): Promise<NewMessage[] | null> {
    const hits = await this.kb.index.search({
      q: text.slice(0, 200),
      limit: 1,
      audience: 'customer',
      status: 'published',
    })
    const top = hits[0]
    if (!top || top.score < KB_ANSWER_MIN_SCORE) return null
    const article = await this.kb.articles.get(top.id)
    if (!article) return null
    return [
      {
        author: 'bot',
        text: chatText(c.lang, 'bot.kbAnswer', { title: article.title, answer: shorten(articleAnswer(article.body)) }),
        data: { kind: 'kbAnswer', articleId: article.id, title: article.title },
      },
      { author: 'bot', text: chatText(c.lang, 'bot.kbFollowUp') },
    ]
  }

  /** 进度查询: code + last 4 digits through the progress page's lookup (same limits, same answers). */
  private async progress(c: Conversation, code: string, digits: string | null, ip: string): Promise<BotTurn> {
    const memory: BotMemory = { misses: 0 }
    if (!digits) {
      return {
        replies: [{ author: 'bot', text: chatText(c.lang, 'bot.askDigits', { code }) }],
        patch: { memory: { ...memory, pendingCode: code } },
      }
    }
    try {
      const { view } = await this.portal.lookup(PortalLookupRequest.parse({ code, phoneLast4: digits }), ip)
      const texts = PORTAL_TEXT[c.lang]
      const last = view.entries.filter((e) => e.kind === 'progress').at(-1)
      const lines = [
        chatText(c.lang, 'bot.progress', {
          code: view.serviceCode,
          title: view.title,
          status: texts[`status.${view.status}`],
          hint: texts[`hint.${view.status}`],
        }),
        ...(last ? [chatText(c.lang, 'bot.progressLast', { entry: last.body })] : []),
      ]
      const customer = await this.customerOf(view.serviceCode)
      return {
        replies: [
          {
            author: 'bot',
            text: lines.join('\n'),
            data: { kind: 'progress', serviceCode: view.serviceCode, status: view.status },
          },
        ],
        patch: { memory, ...(customer && { customerId: customer.id, core: customer.tier === 'core' }) },
      }
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err
      const key = err.error.code === 'RATE_LIMITED' ? 'bot.lookupLimited' : 'bot.noMatch'
      const minutes = Math.ceil((err.error.retryAfterSec ?? 60) / 60)
      return { replies: [{ author: 'bot', text: chatText(c.lang, key, { minutes }) }], patch: { memory } }
    }
  }

  private async customerOf(serviceCode: string) {
    return this.db
      .selectFrom('work_orders as wo')
      .innerJoin('customers as c', 'c.id', 'wo.customer_id')
      .select(['c.id', 'c.tier'])
      .where('wo.service_code', '=', serviceCode)
      .executeTakeFirst()
  }
}
