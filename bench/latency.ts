/**
 * A fixed-size latency histogram: 0.1 ms buckets below 1 s, 1 ms buckets up to 120 s, so a swarm
 * can record millions of receipts in constant memory and processes can merge their counts.
 */
const FINE_MS = 1000
const FINE_STEP = 0.1
const FINE = FINE_MS / FINE_STEP
const MAX_MS = 120_000
const BUCKETS = FINE + (MAX_MS - FINE_MS)

/** Wall-clock milliseconds with sub-millisecond precision, comparable across local processes. */
export const wallNow = (): number => performance.timeOrigin + performance.now()

export class LatencyHistogram {
  readonly counts = new Uint32Array(BUCKETS)
  total = 0
  /** receipts stamped before they were sent: clock skew between processes (expected: 0) */
  negative = 0
  max = 0

  add(ms: number): void {
    if (ms < 0) {
      this.negative++
      ms = 0
    }
    if (ms > this.max) this.max = ms
    const i = ms < FINE_MS ? Math.floor(ms / FINE_STEP) : Math.min(BUCKETS - 1, FINE + Math.floor(ms - FINE_MS))
    this.counts[i]!++
    this.total++
  }

  /** non-empty buckets only, for IPC */
  toJSON(): SparseHistogram {
    const buckets: [number, number][] = []
    this.counts.forEach((n, i) => {
      if (n > 0) buckets.push([i, n])
    })
    return { buckets, total: this.total, negative: this.negative, max: this.max }
  }

  merge(h: SparseHistogram): void {
    for (const [i, n] of h.buckets) this.counts[i]! += n
    this.total += h.total
    this.negative += h.negative
    this.max = Math.max(this.max, h.max)
  }

  /** the q-quantile (0..1), as the upper edge of its bucket; NaN when empty */
  quantile(q: number): number {
    if (this.total === 0) return NaN
    const target = Math.max(1, Math.ceil(q * this.total))
    let seen = 0
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!
      if (seen >= target) return i < FINE ? (i + 1) * FINE_STEP : FINE_MS + (i - FINE) + 1
    }
    return this.max
  }
}

export interface SparseHistogram {
  buckets: [number, number][]
  total: number
  negative: number
  max: number
}

/** q-quantile of plain samples (nearest rank). */
export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return NaN
  const s = [...samples].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!
}
