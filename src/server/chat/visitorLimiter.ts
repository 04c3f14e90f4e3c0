/** Per-key token buckets: `burst` events at once, then `perSec` a second. */
export class VisitorLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(
    private readonly burst: number,
    private readonly perSec: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0: allowed (and counted); otherwise seconds until the next event is allowed. */
  take(key: string): number {
    const now = this.now()
    if (this.buckets.size > 10_000) this.prune(now)
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now }
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSec)
    b.at = now
    this.buckets.set(key, b)
    if (b.tokens >= 1) {
      b.tokens -= 1
      return 0
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSec))
  }

  /** Forgets full buckets: a visitor who has been quiet long enough is like a new one. */
  private prune(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.perSec >= this.burst) this.buckets.delete(key)
    }
  }
}
