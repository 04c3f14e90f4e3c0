import { sql, type Kysely } from 'kysely'
import type { KbFeedbackTally, KbRankingData } from '../../shared/domain/kb'
import { normalizeForSearch } from '../../shared/kb/normalize'
import type { Database } from '../db/schema'

/** Synonym groups and feedback votes: the ranking inputs besides the articles themselves. */
export class KbRankingStore {
  constructor(private readonly db: Kysely<Database>) {}

  async synonyms(): Promise<string[][]> {
    const rows = await this.db.selectFrom('kb_synonym_groups').select('terms').orderBy('position').execute()
    return rows.map((r) => JSON.parse(r.terms) as string[])
  }

  /** Replaces every group (the admin edits the list as a whole). */
  async setSynonyms(groups: string[][]): Promise<string[][]> {
    const clean = groups.map((g) => [...new Set(g.map((w) => w.trim()).filter(Boolean))]).filter((g) => g.length > 1)
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('kb_synonym_groups').execute()
      if (clean.length > 0) {
        await trx
          .insertInto('kb_synonym_groups')
          .values(clean.map((terms, position) => ({ position, terms: JSON.stringify(terms) })))
          .execute()
      }
    })
    return clean
  }

  /** One user's vote for (query, article); voting again replaces the earlier vote. */
  async vote(
    articleId: string,
    query: string,
    userId: string,
    helpful: boolean,
    now = Date.now(),
  ): Promise<KbFeedbackTally> {
    const key = normalizeForSearch(query).slice(0, 200)
    await this.db
      .insertInto('kb_feedback')
      .values({ article_id: articleId, query: key, user_id: userId, helpful: helpful ? 1 : 0, at: now })
      .onConflict((oc) =>
        oc.columns(['article_id', 'query', 'user_id']).doUpdateSet({ helpful: helpful ? 1 : 0, at: now }),
      )
      .execute()
    const [tally] = await this.tallies(articleId, key)
    return tally ?? { query: key, articleId, up: 0, down: 0 }
  }

  async tallies(articleId?: string, query?: string): Promise<KbFeedbackTally[]> {
    let q = this.db
      .selectFrom('kb_feedback')
      .select(['article_id', 'query', sql<number>`sum(helpful)`.as('up'), sql<number>`sum(1 - helpful)`.as('down')])
      .groupBy(['article_id', 'query'])
      .orderBy('query')
      .orderBy('article_id')
    if (articleId !== undefined) q = q.where('article_id', '=', articleId)
    if (query !== undefined) q = q.where('query', '=', query)
    const rows = await q.execute()
    return rows.map((r) => ({ query: r.query, articleId: r.article_id, up: Number(r.up), down: Number(r.down) }))
  }

  async rankingData(): Promise<KbRankingData> {
    return { synonyms: await this.synonyms(), feedback: await this.tallies() }
  }
}
