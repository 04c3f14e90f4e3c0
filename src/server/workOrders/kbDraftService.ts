import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { ApiFailure } from '../../shared/api/errors'
import { kbDraftFromOrder, kbDraftId, type KbDraftResult } from '../../shared/workOrders/kbDraft'
import type { AccessClaims } from '../auth/accessTokens'
import type { DbKind } from '../db/database'
import type { Database } from '../db/schema'
import type { KbService } from '../kb/kbService'
import type { Appended } from '../sync/changeFeed'
import { workOrderRecord } from '../sync/recordMappers'
import { listActivity, recordActivity } from './activityLog'
import { feedOrder, orderForAction } from './orderTransaction'
import { lockFeed } from '../sync/changeFeed'

/**
 * "转为知识库文章" (W7): a resolved or closed order's problem and solution become an internal KB
 * draft, saved through the knowledge base so it is versioned and indexed like any article. One
 * draft per order: asking again returns the first one untouched.
 */
export class KbDraftService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DbKind,
    private readonly kb: KbService,
    private readonly now: () => number,
    private readonly broadcast: (a: Appended) => void,
  ) {}

  async draft(claims: AccessClaims, orderId: string): Promise<KbDraftResult> {
    const row = await orderForAction(this.db, claims, orderId)
    if (row.status !== 'resolved' && row.status !== 'closed') {
      throw new ApiFailure({
        code: 'CONFLICT',
        field: 'status',
        message: `only a resolved or closed work order becomes a knowledge-base draft; this one is ${row.status}`,
      })
    }
    const order = workOrderRecord(row)
    const articleId = kbDraftId(order)
    if (await this.kb.articles.get(articleId)) return { articleId, created: false }
    const activity = await listActivity(this.db, order.id, { customerOnly: true })
    const { article } = await this.kb.save(kbDraftFromOrder(order, activity), claims.sub)
    const now = this.now()
    const appended = await this.db.transaction().execute(async (trx) => {
      await lockFeed(trx, this.kind)
      const current = await orderForAction(trx, claims, orderId)
      await recordActivity(trx, {
        id: `we-${randomUUID()}`,
        workOrderId: current.id,
        at: now,
        kind: 'kbDraft',
        visibility: 'internal',
        authorId: claims.sub,
        body: article.title,
        data: { articleId: article.id },
      })
      return feedOrder(trx, this.kind, current, ['activity'], claims.sub, now)
    })
    this.broadcast(appended)
    return { articleId: article.id, created: true }
  }
}
