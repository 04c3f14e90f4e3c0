/** One measured thing next to the baseline measured in the same run. */
export interface BenchRow {
  case: string
  baseline: string
  runs: number
  medianMs: number
  p90Ms: number
  baselineMedianMs: number
  /** median / baseline median: stable across noisy machines where absolute times are not */
  ratio: number
  /**
   * Further named figures of this row (throughput, tail latencies, memory, verdicts…), printed as
   * a second table keyed by `case` and kept in the JSON. Benchmarks without extras print as before.
   */
  extra?: Record<string, number | string>
}

export function stats(samples: number[]): { median: number; p90: number } {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number
  return { median: at(0.5), p90: at(0.9) }
}

export function row(name: string, baselineName: string, samples: number[], baseline: number[]): BenchRow {
  const m = stats(samples)
  const b = stats(baseline)
  return {
    case: name,
    baseline: baselineName,
    runs: samples.length,
    medianMs: round(m.median),
    p90Ms: round(m.p90),
    baselineMedianMs: round(b.median),
    ratio: round(m.median / b.median),
  }
}

const round = (n: number) => Math.round(n * 10) / 10

export function printTable(title: string, rows: BenchRow[]): void {
  console.log(`\n${title}`)
  console.table(rows.map(({ extra: _extra, ...main }) => main))
  const withExtra = rows.filter((r) => r.extra && Object.keys(r.extra).length > 0)
  if (withExtra.length === 0) return
  // one column per figure name, in first-seen order; a row without that figure shows blank
  console.table(withExtra.map((r) => ({ case: r.case, ...r.extra })))
}
