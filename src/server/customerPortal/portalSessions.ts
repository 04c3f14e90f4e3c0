import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { PORTAL_SESSION_MINUTES } from '../../shared/portal/portal'
import type { Database } from '../db/schema'

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * Progress-page sessions: an opaque random token for one order, short-lived. Only its hash is
 * stored, in the database, so any server node behind a balancer accepts it.
 */
export class PortalSessions {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number,
  ) {}

  async issue(workOrderId: string): Promise<{ token: string; expiresAt: number }> {
    const now = this.now()
    const token = randomBytes(24).toString('base64url')
    const expiresAt = now + PORTAL_SESSION_MINUTES * 60_000
    await this.db.deleteFrom('portal_sessions').where('expires_at', '<=', now).execute()
    await this.db
      .insertInto('portal_sessions')
      .values({ token_hash: hashOf(token), work_order_id: workOrderId, created_at: now, expires_at: expiresAt })
      .execute()
    return { token, expiresAt }
  }

  /** The order a live token opens, or null (unknown or expired). */
  async resolve(token: string): Promise<{ workOrderId: string; expiresAt: number } | null> {
    const row = await this.db
      .selectFrom('portal_sessions')
      .select(['work_order_id', 'expires_at'])
      .where('token_hash', '=', hashOf(token))
      .executeTakeFirst()
    if (!row || Number(row.expires_at) <= this.now()) return null
    return { workOrderId: row.work_order_id, expiresAt: Number(row.expires_at) }
  }
}
