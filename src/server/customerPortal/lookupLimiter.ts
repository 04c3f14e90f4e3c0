import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { PORTAL_LOOKUP_LIMIT } from '../../shared/portal/portal'
import type { Database } from '../db/schema'

const WINDOW_MS = PORTAL_LOOKUP_LIMIT.windowMinutes * 60_000

export interface Attempt {
  /** seconds until the busiest key has fewer than the limit of failures; 0: go ahead */
  retryAfterSec: number
  /** the lookup matched: the attempt is forgotten */
  succeeded(): Promise<void>
}

/**
 * Failed progress-page lookups per key (client address, service code) in a sliding window, kept
 * in the database so every server node counts the same. An attempt is written before it is
 * checked, so parallel guesses see each other; a refused or successful attempt is removed again,
 * a failed one stays and counts.
 */
export class LookupLimiter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number,
  ) {}

  async begin(keys: string[]): Promise<Attempt> {
    const now = this.now()
    const id = randomUUID()
    const ids = keys.map((_, i) => `${id}:${i}`)
    await this.db
      .insertInto('portal_failures')
      .values(keys.map((key, i) => ({ id: ids[i]!, key, at: now })))
      .execute()
    const earlier = await this.db
      .selectFrom('portal_failures')
      .select(['key', 'at'])
      .where('key', 'in', keys)
      .where('at', '>', now - WINDOW_MS)
      .where('id', 'not in', ids)
      .orderBy('at', 'desc')
      .execute()
    let retryAfterMs = 0
    for (const key of keys) {
      const times = earlier.filter((r) => r.key === key).map((r) => Number(r.at))
      const limiting = times[PORTAL_LOOKUP_LIMIT.failures - 1]
      if (limiting !== undefined) retryAfterMs = Math.max(retryAfterMs, limiting + WINDOW_MS - now)
    }
    const forget = async () => {
      await this.db.deleteFrom('portal_failures').where('id', 'in', ids).execute()
    }
    if (retryAfterMs > 0) await forget()
    else
      await this.db
        .deleteFrom('portal_failures')
        .where('at', '<=', now - WINDOW_MS)
        .execute()
    return { retryAfterSec: Math.ceil(retryAfterMs / 1000), succeeded: forget }
  }
}
