import type { LiveChange } from '../../shared/sync/feed'

/** A frame never carries more changes than this; a fuller room is sent at once. */
export const MAX_BATCH = 200

/**
 * Coalesces live changes per feed room for a few milliseconds, so a burst of writes costs each
 * connected seat one WebSocket frame instead of one per change. Fan-out to thousands of seats is
 * bound by frames sent, not by bytes, so this is what lets one node keep up (see bench/sync.ts).
 * Changes keep their commit order inside a room; the window bounds the added latency.
 */
export class FeedBatcher {
  private readonly pending = new Map<string, LiveChange[]>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly windowMs: number,
    private readonly send: (room: string, batch: LiveChange[]) => void,
  ) {}

  add(room: string, change: LiveChange): void {
    if (this.windowMs <= 0) return this.send(room, [change])
    const batch = this.pending.get(room)
    if (batch === undefined) this.pending.set(room, [change])
    else batch.push(change)
    if ((batch?.length ?? 1) >= MAX_BATCH) return this.flushRoom(room)
    this.timer ??= setTimeout(() => this.flush(), this.windowMs)
  }

  /** Sends everything waiting (the timer, shutdown). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    for (const room of [...this.pending.keys()]) this.flushRoom(room)
  }

  private flushRoom(room: string): void {
    const batch = this.pending.get(room)
    this.pending.delete(room)
    if (batch !== undefined && batch.length > 0) this.send(room, batch)
  }
}
