import type { Kysely } from 'kysely'
import type { KbHit, KbSearchQuery } from '../../shared/domain/kb'
import type { KbArticleRecord } from '../../shared/domain/records'
import { KbSearchEngine } from '../../shared/kb/kbSearchEngine'
import type { Database } from '../db/schema'
import { KbRankingStore } from './kbRankingStore'

/** How stale a node's index may be before a search first catches up with the change feed. */
const ARTICLES_FRESH_MS = 500
const RANKING_FRESH_MS = 10_000

/**
 * The server's search index: built from the database at start, then kept current from the change
 * feed — so it also sees articles written by another node or by the `kb` CLI — and with the
 * synonym groups and feedback votes reloaded every few seconds (at once after a local change).
 */
export class KbIndex {
  readonly engine = new KbSearchEngine()
  private cursor = 0
  private articlesAt = 0
  private rankingAt = 0
  private readonly ranking: KbRankingStore

  constructor(private readonly db: Kysely<Database>) {
    this.ranking = new KbRankingStore(db)
  }

  async load(): Promise<void> {
    const head = await this.db.selectFrom('feed_heads').select('seq').where('scope', '=', 'all').executeTakeFirst()
    const rows = await this.db.selectFrom('kb_articles').selectAll().execute()
    this.engine.build(
      rows.map((r) => ({
        ...r,
        tags: JSON.parse(r.tags) as string[],
        synonyms: JSON.parse(r.synonyms) as string[],
        audience: r.audience as KbArticleRecord['audience'],
      })),
    )
    this.cursor = Number(head?.seq ?? 0)
    this.articlesAt = Date.now()
    await this.reloadRanking()
  }

  async search(q: KbSearchQuery): Promise<KbHit[]> {
    const now = Date.now()
    if (now - this.articlesAt > ARTICLES_FRESH_MS) await this.catchUp()
    if (now - this.rankingAt > RANKING_FRESH_MS) await this.reloadRanking()
    return this.engine.search(q.q, q)
  }

  /** Applies the article changes committed since the last look. */
  async catchUp(): Promise<void> {
    this.articlesAt = Date.now()
    const from = this.cursor
    const head = await this.db.selectFrom('feed_heads').select('seq').where('scope', '=', 'all').executeTakeFirst()
    const to = Number(head?.seq ?? 0)
    if (to <= from) return
    // move the cursor first: a concurrent search must not apply the same range again
    this.cursor = to
    const rows = await this.db
      .selectFrom('change_feed')
      .select(['entity_id', 'op', 'data'])
      .where('seq', '>', from)
      .where('seq', '<=', to)
      .where('entity', '=', 'kbArticle')
      .orderBy('seq')
      .execute()
    for (const r of rows) {
      if (r.op === 'delete') this.engine.remove(r.entity_id)
      else this.engine.upsert(JSON.parse(r.data) as KbArticleRecord)
    }
  }

  async reloadRanking(): Promise<void> {
    this.rankingAt = Date.now()
    const data = await this.ranking.rankingData()
    this.engine.setSynonyms(data.synonyms)
    this.engine.setFeedback(data.feedback)
  }
}
