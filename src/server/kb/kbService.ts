import type { Kysely } from 'kysely'
import { ApiFailure } from '../../shared/api/errors'
import type { KbArticleInput, KbStatus } from '../../shared/domain/kb'
import type { DbKind } from '../db/database'
import type { Database } from '../db/schema'
import type { Appended } from '../sync/changeFeed'
import type { Handlers } from '../http/contractRoutes'
import { KbArticleStore } from './kbArticleStore'
import { KbIndex } from './kbIndex'
import { KbRankingStore } from './kbRankingStore'

type KbRoute =
  | 'kbSearch'
  | 'kbFeedback'
  | 'kbArticleGet'
  | 'kbArticleSave'
  | 'kbArticleStatus'
  | 'kbVersions'
  | 'kbRestore'
  | 'kbSynonymsGet'
  | 'kbSynonymsSet'
  | 'kbRanking'

/** The knowledge base behind the HTTP routes: articles, versions, search index, ranking inputs. */
export class KbService {
  readonly articles: KbArticleStore
  readonly ranking: KbRankingStore
  readonly index: KbIndex

  private constructor(db: Kysely<Database>, kind: DbKind, publish: (a: Appended) => void) {
    this.articles = new KbArticleStore(db, kind, publish)
    this.ranking = new KbRankingStore(db)
    this.index = new KbIndex(db)
  }

  static async start(db: Kysely<Database>, kind: DbKind, publish: (a: Appended) => void): Promise<KbService> {
    const kb = new KbService(db, kind, publish)
    await kb.index.load()
    return kb
  }

  async save(input: KbArticleInput, by: string) {
    const result = await this.articles.save(input, by)
    if (result.changed) await this.index.catchUp()
    return result
  }

  handlers(): Pick<Handlers, KbRoute> {
    const afterWrite = async <T>(p: Promise<T>) => {
      const out = await p
      await this.index.catchUp()
      return out
    }
    return {
      kbSearch: ({ query }) => this.index.search(query),
      kbFeedback: async ({ claims, params, body }) => {
        if (!(await this.articles.get(params.id))) {
          throw new ApiFailure({ code: 'NOT_FOUND', message: `no knowledge-base article ${params.id}` })
        }
        const tally = await this.ranking.vote(params.id, body.query, claims.sub, body.helpful)
        await this.index.reloadRanking()
        return tally
      },
      kbArticleGet: async ({ params }) => {
        const a = await this.articles.get(params.id)
        if (!a) throw new ApiFailure({ code: 'NOT_FOUND', message: `no knowledge-base article ${params.id}` })
        return a
      },
      kbArticleSave: ({ claims, body }) => this.save(body, claims.sub),
      kbArticleStatus: ({ claims, params, body }) =>
        afterWrite(this.articles.setStatus(params.id, body.status as KbStatus, claims.sub)),
      kbVersions: ({ params }) => this.articles.versions(params.id),
      kbRestore: ({ claims, params, body }) => afterWrite(this.articles.restore(params.id, body.version, claims.sub)),
      kbSynonymsGet: async () => ({ groups: await this.ranking.synonyms() }),
      kbSynonymsSet: async ({ body }) => {
        const groups = await this.ranking.setSynonyms(body.groups)
        await this.index.reloadRanking()
        return { groups }
      },
      kbRanking: () => this.ranking.rankingData(),
    }
  }
}
