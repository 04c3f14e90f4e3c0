import { timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import { ApiFailure } from '../../shared/api/errors'
import type { PortalLookupRequest, PortalLookupResult } from '../../shared/portal/portal'
import type { Database } from '../db/schema'
import { LookupLimiter } from './lookupLimiter'
import { PortalSessions } from './portalSessions'
import { loadPortalView } from './portalView'

/** Every failed lookup takes at least this long, whichever part did not match. */
const FAILURE_FLOOR_MS = 300

/** One error for "no such code" and "wrong digits", so a guess learns nothing about which. */
const NO_MATCH = { code: 'NOT_FOUND', message: 'no work order matches this service code and phone number' } as const

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))

/**
 * The progress page's lookup: service code + the last 4 digits of the customer's phone. Rate
 * limited per client address and per code, the same answer and similar timing for an unknown code
 * and wrong digits; a match opens a short-lived session for the live stream.
 */
export class PortalLookup {
  private readonly limiter: LookupLimiter

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number,
    readonly sessions: PortalSessions,
  ) {
    this.limiter = new LookupLimiter(db, now)
  }

  async lookup(req: PortalLookupRequest, ip: string): Promise<PortalLookupResult> {
    const started = Date.now()
    const attempt = await this.limiter.begin([`ip:${ip}`, `code:${req.code}`])
    if (attempt.retryAfterSec > 0) {
      throw new ApiFailure({
        code: 'RATE_LIMITED',
        message: 'too many failed lookups; try again later',
        retryAfterSec: attempt.retryAfterSec,
      })
    }
    const row = await this.db
      .selectFrom('work_orders as wo')
      .innerJoin('customers as c', 'c.id', 'wo.customer_id')
      .select(['wo.id', 'c.phone_masked'])
      .where('wo.service_code', '=', req.code)
      .executeTakeFirst()
    // the comparison runs for an unknown code too, against digits no phone ends with
    const expected = Buffer.from((row?.phone_masked ?? '').slice(-4).padStart(4, 'x'))
    const matches = timingSafeEqual(expected, Buffer.from(req.phoneLast4)) && row !== undefined
    if (!row || !matches) {
      await sleep(started + FAILURE_FLOOR_MS - Date.now())
      throw new ApiFailure(NO_MATCH)
    }
    await attempt.succeeded()
    const session = await this.sessions.issue(row.id)
    return { ...session, view: await loadPortalView(this.db, row.id, this.now()) }
  }
}
