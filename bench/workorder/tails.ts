/** p50/p95/p99 of a sample in ms (three decimals: decisions take microseconds). */
export function tails(samples: number[]): { p50Ms: number; p95Ms: number; p99Ms: number } {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] as number) * 1000) / 1000
  return { p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99) }
}

export function time(fn: () => unknown): number {
  const t0 = performance.now()
  fn()
  return performance.now() - t0
}
