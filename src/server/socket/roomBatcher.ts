/** A frame never carries more items than this; a fuller batch is sent at once. */
export const MAX_BATCH = 200

/**
 * Coalesces what goes to the same rooms for a few milliseconds, so a burst costs each connected
 * seat one WebSocket frame instead of one per item. Fan-out to thousands of seats is bound by
 * frames sent, not bytes (bench/sync.ts), and some bursts are n² without it: when 2,000 seats
 * reconnect after a restart, each one's presence goes to all the others.
 * Items keep their order inside a batch; the window bounds the added latency.
 */
export class RoomBatcher<T> {
  private readonly pending = new Map<string, { rooms: string[]; items: T[] }>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly windowMs: number,
    /** `rooms` is a union: a socket in several of them gets the batch once */
    private readonly send: (rooms: string[], batch: T[]) => void,
  ) {}

  add(rooms: string | string[], item: T): void {
    const list = typeof rooms === 'string' ? [rooms] : rooms
    if (this.windowMs <= 0) return this.send(list, [item])
    const key = list.join('|')
    const batch = this.pending.get(key)
    if (batch === undefined) this.pending.set(key, { rooms: list, items: [item] })
    else batch.items.push(item)
    if ((batch?.items.length ?? 1) >= MAX_BATCH) return this.flushKey(key)
    this.timer ??= setTimeout(() => this.flush(), this.windowMs)
  }

  /** Sends everything waiting (the timer, shutdown). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    for (const key of [...this.pending.keys()]) this.flushKey(key)
  }

  private flushKey(key: string): void {
    const batch = this.pending.get(key)
    this.pending.delete(key)
    if (batch !== undefined && batch.items.length > 0) this.send(batch.rooms, batch.items)
  }
}
