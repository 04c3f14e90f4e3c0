import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { ApiFailure } from '../../shared/api/errors'
import { KbRankingData, type KbHit, type KbSearchQuery } from '../../shared/domain/kb'
import type { KbArticleRecord } from '../../shared/domain/records'
import { KbSearchEngine } from '../../shared/kb/kbSearchEngine'
import type { LocalCache } from './sync/localCache'
import type { SeatSync } from './sync/seatSync'
import type { SyncClient } from './syncClient'

/** How old the copied synonyms and votes may get before an online search refreshes them. */
const RANKING_FRESH_MS = 30_000
/** More articles than any site keeps; the cache query needs a bound. */
const ALL = 10_000_000

/**
 * Knowledge-base search for the seat (K5): the server's answer while online; offline, the same
 * engine over the seat's cached articles with the server's synonym groups and feedback tallies
 * (copied to a file beside the cache), so both rank alike. The offline index is rebuilt lazily
 * after the cached articles change.
 */
export class SeatKbSearch {
  private engine: KbSearchEngine | null = null
  private ranking: KbRankingData = { synonyms: [], feedback: [] }
  private rankingAt = 0

  constructor(
    private readonly cache: LocalCache,
    private readonly sync: SyncClient,
    seat: SeatSync,
    private readonly rankingFile: string,
  ) {
    if (existsSync(rankingFile)) {
      const saved = KbRankingData.safeParse(JSON.parse(readFileSync(rankingFile, 'utf8')))
      if (saved.success) this.ranking = saved.data
    }
    seat.on('changed', (groups) => {
      if (!groups.some((g) => g.entity === 'kbArticle')) return
      this.engine = null
      void this.refreshRanking().catch(() => {})
    })
  }

  /** The signed-in user changed: the cache was rebound, so rebuild from it. */
  forget(): void {
    this.engine = null
  }

  async search(q: KbSearchQuery): Promise<{ hits: KbHit[]; source: 'server' | 'cache' }> {
    try {
      const hits = await this.sync.http('kbSearch', undefined, { query: q })
      if (Date.now() - this.rankingAt > RANKING_FRESH_MS) await this.refreshRanking().catch(() => {})
      return { hits, source: 'server' }
    } catch (err) {
      if (!(err instanceof ApiFailure && err.error.code === 'NETWORK')) throw err
      return { hits: this.searchCache(q), source: 'cache' }
    }
  }

  /** The offline answer (also what the online answer is compared with in tests). */
  searchCache(q: KbSearchQuery): KbHit[] {
    return this.index().search(q.q, q)
  }

  private index(): KbSearchEngine {
    if (this.engine) return this.engine
    const engine = new KbSearchEngine()
    engine.build(this.cache.list<KbArticleRecord>('kbArticle', ALL))
    engine.setSynonyms(this.ranking.synonyms)
    engine.setFeedback(this.ranking.feedback)
    this.engine = engine
    return engine
  }

  private async refreshRanking(): Promise<void> {
    const ranking = await this.sync.http('kbRanking')
    this.rankingAt = Date.now()
    this.ranking = ranking
    writeFileSync(this.rankingFile, JSON.stringify(ranking))
    this.engine?.setSynonyms(ranking.synonyms)
    this.engine?.setFeedback(ranking.feedback)
  }
}
