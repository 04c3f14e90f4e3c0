import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

/** How often the feed is read while a progress page is open. */
export const PORTAL_POLL_MS = 400

type Listener = () => void

/**
 * Tells open progress pages that their order changed. It reads the change feed — the same
 * committed, numbered changes the seats' live events carry — after its cursor, so a write that
 * landed on another server node reaches this node's pages as well. One indexed range read per
 * tick per node, only while a page is open, however many pages watch.
 */
export class PortalFeed {
  private readonly listeners = new Map<string, Set<Listener>>()
  private cursor: number | null = null
  private timer: NodeJS.Timeout | null = null
  private reading = false

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /**
   * Calls `listener` after each change of the order committed from now on; returns the
   * unsubscribe. Read the order after this resolves and nothing falls between.
   */
  async watch(workOrderId: string, listener: Listener): Promise<() => void> {
    this.cursor ??= await this.head()
    let set = this.listeners.get(workOrderId)
    if (!set) this.listeners.set(workOrderId, (set = new Set()))
    set.add(listener)
    this.timer ??= setInterval(() => void this.tick(), PORTAL_POLL_MS)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(workOrderId)
      if (this.listeners.size === 0) this.stop()
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.cursor = null
  }

  private async head(): Promise<number> {
    const row = await this.db.selectFrom('feed_heads').select('seq').where('scope', '=', 'all').executeTakeFirst()
    return Number(row?.seq ?? 0)
  }

  private async tick(): Promise<void> {
    if (this.reading) return
    this.reading = true
    try {
      this.cursor ??= await this.head()
      const rows = await this.db
        .selectFrom('change_feed')
        .select(['seq', 'entity_id'])
        .where('seq', '>', this.cursor)
        .where('entity', '=', 'workOrder')
        .orderBy('seq')
        .limit(5000)
        .execute()
      if (rows.length === 0) return
      this.cursor = Number(rows.at(-1)!.seq)
      for (const id of new Set(rows.map((r) => r.entity_id))) {
        for (const listener of this.listeners.get(id) ?? []) listener()
      }
    } catch (err) {
      this.onError(err)
    } finally {
      this.reading = false
    }
  }
}
