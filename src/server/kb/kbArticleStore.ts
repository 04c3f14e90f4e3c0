import type { Kysely, Selectable, Transaction } from 'kysely'
import { ApiFailure } from '../../shared/api/errors'
import { KB_TRANSITIONS, type KbArticleInput, type KbStatus, type KbVersion } from '../../shared/domain/kb'
import type { KbArticleRecord } from '../../shared/domain/records'
import type { DbKind } from '../db/database'
import type { Database, KbArticleVersionsTable } from '../db/schema'
import { appendChange, type Appended } from '../sync/changeFeed'
import { kbArticleRecord } from '../sync/recordMappers'

export interface KbSaveResult {
  article: KbArticleRecord
  version: number
  /** false when the article already had exactly this content: no version, no change */
  changed: boolean
}

const CONTENT_FIELDS = ['title', 'body', 'category', 'tags', 'synonyms', 'audience', 'status'] as const

function contentOf(a: KbArticleInput) {
  return {
    title: a.title,
    body: a.body,
    category: a.category,
    tags: JSON.stringify(a.tags),
    synonyms: JSON.stringify(a.synonyms),
    audience: a.audience,
    status: a.status,
  }
}

export function inputOfVersion(v: Selectable<KbArticleVersionsTable>, id: string): KbArticleInput {
  return {
    id,
    title: v.title,
    body: v.body,
    category: v.category,
    tags: JSON.parse(v.tags) as string[],
    synonyms: JSON.parse(v.synonyms) as string[],
    audience: v.audience as KbArticleInput['audience'],
    status: v.status as KbStatus,
  }
}

/**
 * Articles and their versions. Every save that changes something writes a new version and a
 * change-feed entry (seats update their offline copy, every server node its search index);
 * saving identical content changes nothing, which is what makes re-imports idempotent.
 */
export class KbArticleStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DbKind,
    private readonly publish: (a: Appended) => void = () => {},
  ) {}

  async get(id: string): Promise<KbArticleRecord | null> {
    const row = await this.db.selectFrom('kb_articles').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? kbArticleRecord(row) : null
  }

  async all(): Promise<KbArticleRecord[]> {
    return (await this.db.selectFrom('kb_articles').selectAll().orderBy('id').execute()).map(kbArticleRecord)
  }

  async save(input: KbArticleInput, by: string | null, now = Date.now()): Promise<KbSaveResult> {
    const { result, appended } = await this.db.transaction().execute(async (trx) => this.saveIn(trx, input, by, now))
    if (appended) this.publish(appended)
    return result
  }

  /** Moves the article along draft → review → published (or back, or to archived). */
  async setStatus(id: string, status: KbStatus, by: string | null): Promise<KbSaveResult> {
    const current = await this.require(id)
    const from = current.status as KbStatus
    if (from !== status && !KB_TRANSITIONS[from]?.includes(status)) {
      throw new ApiFailure({
        code: 'CONFLICT',
        field: 'status',
        message: `an article in ${from} can go to ${KB_TRANSITIONS[from]?.join(', ') || 'nothing'}, not ${status}`,
      })
    }
    return this.save({ ...current, status }, by)
  }

  async versions(id: string): Promise<KbVersion[]> {
    await this.require(id)
    const rows = await this.db
      .selectFrom('kb_article_versions')
      .selectAll()
      .where('article_id', '=', id)
      .orderBy('version', 'desc')
      .execute()
    return rows.map((v) => ({ ...inputOfVersion(v, id), version: v.version, savedAt: v.saved_at, savedBy: v.saved_by }))
  }

  /** Brings back an earlier version's content (and status) as a new version. */
  async restore(id: string, version: number, by: string | null): Promise<KbSaveResult> {
    await this.require(id)
    const v = await this.db
      .selectFrom('kb_article_versions')
      .selectAll()
      .where('article_id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst()
    if (!v) throw new ApiFailure({ code: 'NOT_FOUND', field: 'version', message: `${id} has no version ${version}` })
    return this.save(inputOfVersion(v, id), by)
  }

  private async require(id: string): Promise<KbArticleRecord> {
    const a = await this.get(id)
    if (!a) throw new ApiFailure({ code: 'NOT_FOUND', message: `no knowledge-base article ${id}` })
    return a
  }

  private async saveIn(
    trx: Transaction<Database>,
    input: KbArticleInput,
    by: string | null,
    now: number,
  ): Promise<{ result: KbSaveResult; appended: Appended | null }> {
    const existing = await trx.selectFrom('kb_articles').selectAll().where('id', '=', input.id).executeTakeFirst()
    const content = contentOf(input)
    if (existing) {
      const changedFields = CONTENT_FIELDS.filter((f) => existing[f] !== content[f])
      if (changedFields.length === 0) {
        return {
          result: { article: kbArticleRecord(existing), version: existing.version, changed: false },
          appended: null,
        }
      }
    }
    const version = (existing?.version ?? 0) + 1
    if (existing) {
      await trx
        .updateTable('kb_articles')
        .set({ ...content, version, updated_at: now })
        .where('id', '=', input.id)
        .execute()
    } else {
      await trx
        .insertInto('kb_articles')
        .values({ id: input.id, ...content, version, updated_at: now })
        .execute()
    }
    await trx
      .insertInto('kb_article_versions')
      .values({ article_id: input.id, version, ...content, saved_at: now, saved_by: by })
      .execute()
    const row = await trx.selectFrom('kb_articles').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow()
    const record = kbArticleRecord(row)
    const appended = await appendChange(
      trx,
      this.kind,
      {
        entity: 'kbArticle',
        entityId: input.id,
        storeId: null,
        data: record,
        changedFields: existing ? CONTENT_FIELDS.filter((f) => existing[f] !== content[f]) : [...CONTENT_FIELDS],
        by,
        opId: null,
      },
      now,
    )
    return { result: { article: { ...record, feedSeq: appended.change.seq }, version, changed: true }, appended }
  }
}
