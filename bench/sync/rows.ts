/** The sync bench's result rows (one per seat count × write rate, two for catch-up) and its verdicts on the targets. */
import { stats, type BenchRow } from '../table'
import type { CatchUpResult } from './catchUp'
import { BATCH_MS, PULL_PAGE, RATE, TARGET_CATCHUP_MS, TARGET_P99_MS, TARGET_RATIO, TARGET_SEATS } from './config'
import type { CaseResult } from './fanOut'
import { fmt, r0 } from './format'

/** The cases measured at one seat count: the sync server, the bare server and (opt-in) the bare server batching. */
export interface SeatCountCases {
  sync: CaseResult
  base: CaseResult
  batched: CaseResult | null
}

export function buildRows(cases: SeatCountCases[], cu: CatchUpResult): BenchRow[] {
  const rows: BenchRow[] = []
  const verdicts: string[] = []
  for (const { sync: sc, base: bc, batched } of cases) {
    sc.windows.forEach((s, i) => {
      const b = bc.windows[i]!
      const ratio = s.deliveredPerSec / b.deliveredPerSec
      const extra: Record<string, number | string> = {
        'ev/s': r0(s.deliveredPerSec),
        'base ev/s': r0(b.deliveredPerSec),
        // acks come back in bursts when the server's loop is saturated; ev/s ÷ seats is the steady figure
        'writes/s': r0(s.writesPerSec),
        'base writes/s': r0(b.writesPerSec),
        'changes/s to all': r0(s.deliveredPerSec / sc.connected),
        'base changes/s': r0(b.deliveredPerSec / bc.connected),
        'p95 ms': fmt(s.p95),
        'p99 ms': fmt(s.p99),
        'base p95': fmt(b.p95),
        'base p99': fmt(b.p99),
        'all-seats p99': fmt(s.allSeatsP99),
        'ack p99 ms': fmt(s.ackP99),
        'srv µs/ev': fmt(s.serverUsPerEvent),
        'base µs/ev': fmt(b.serverUsPerEvent),
        'CPU srv/swarm/other': `${fmt(s.serverCpu, 2)}/${fmt(s.swarmCpu, 2)}/${fmt(s.otherCpu, 2)}`,
        'late %': fmt((100 * Math.max(0, s.expected - s.received)) / Math.max(1, s.expected), 2),
      }
      const w = batched?.windows[i]
      if (w) {
        extra[`batched ${BATCH_MS}ms ev/s`] = r0(w.deliveredPerSec)
        extra['batched p99'] = fmt(w.p99)
        extra['batched µs/ev'] = fmt(w.serverUsPerEvent)
      }
      if (i === 0) {
        // per case, not per window: measured once with the seats connected and idle
        extra['RSS/seat KiB'] = fmt((sc.rssSeatsKiB - sc.rssBeforeKiB) / sc.seats)
        extra['base RSS/seat'] = fmt((bc.rssSeatsKiB - bc.rssBeforeKiB) / bc.seats)
        extra['connect s'] = fmt(sc.settleMs / 1000, 2)
        extra['base connect s'] = fmt(bc.settleMs / 1000, 2)
        extra['leave s'] = fmt(sc.disconnectMs / 1000, 2)
        extra['base leave s'] = fmt(bc.disconnectMs / 1000, 2)
      }
      if (sc.seats === TARGET_SEATS && s.rate === RATE) {
        const latencyOk = s.p99 < TARGET_P99_MS && s.writesPerSec >= 0.95 * RATE && s.received >= s.expected
        const ratioOk = ratio >= TARGET_RATIO
        extra.target =
          `p99<${TARGET_P99_MS}ms@${RATE}/s: ${latencyOk ? 'met' : 'MISSED'}; ` +
          `≥${TARGET_RATIO}× base: ${ratioOk ? 'met' : 'MISSED'}`
        verdicts.push(
          `${latencyOk ? 'MET   ' : 'MISSED'} ${TARGET_SEATS} seats, p99 < ${TARGET_P99_MS} ms at ${RATE} ev/s: ` +
            `p99 ${fmt(s.p99)} ms at ${r0(s.writesPerSec)} writes/s committed, ${s.received}/${s.expected} receipts`,
          `${ratioOk ? 'MET   ' : 'MISSED'} ≥ ${TARGET_RATIO} × baseline throughput at ${TARGET_SEATS} seats: ` +
            `${fmt(ratio, 2)} × (${r0(s.deliveredPerSec)} vs ${r0(b.deliveredPerSec)} ev/s delivered)`,
        )
      } else if (s.rate === RATE) {
        extra.target = `ratio ${ratio >= TARGET_RATIO ? '≥' : '<'} ${TARGET_RATIO}`
      } else {
        extra.target = 'light load: latency only (both deliver all)'
      }
      rows.push({
        case: `sync ${sc.seats} seats @${s.rate}/s`,
        baseline: 'bare socket.io broadcast, same clients (ratio = ev/s ÷ base ev/s)',
        runs: 1,
        medianMs: fmt(s.p50),
        p90Ms: fmt(s.p90),
        baselineMedianMs: fmt(b.p50),
        ratio: fmt(ratio, 2),
        extra,
      })
    })
  }
  if (!cases.some((c) => c.sync.seats === TARGET_SEATS)) {
    verdicts.push(`n/a    ${TARGET_SEATS}-seat targets: not measured in this run (BENCH_SEATS)`)
  }

  const n = cu.head - cu.from
  const pull = stats(cu.pullMs)
  const cache = stats(cu.cacheMs)
  const base = stats(cu.sqliteMs)
  const pullOk = pull.p90 < TARGET_CATCHUP_MS
  const cacheOk = cache.p90 < TARGET_CATCHUP_MS
  const catchExtra = (p90: number, ok: boolean) => ({
    pages: cu.pages,
    'backlog commits/s (0 seats)': r0(cu.commitsPerSec),
    'backlog ack p99 ms': fmt(cu.ackP99),
    'backlog server CPU': fmt(cu.writeCpu, 2),
    target: `<${TARGET_CATCHUP_MS} ms: ${ok ? 'met' : 'MISSED'} (p90 ${r0(p90)} ms)`,
  })
  rows.push({
    case: `catch-up ${n.toLocaleString('en-US')} changes: sync:pull ×${PULL_PAGE}`,
    baseline: 'one better-sqlite3 query on the server DB',
    runs: cu.pullMs.length,
    medianMs: fmt(pull.median),
    p90Ms: fmt(pull.p90),
    baselineMedianMs: fmt(base.median),
    ratio: fmt(pull.median / base.median),
    extra: catchExtra(pull.p90, pullOk),
  })
  rows.push({
    case: `catch-up ${n.toLocaleString('en-US')} changes: pull + LocalCache.applyChanges`,
    baseline: 'one better-sqlite3 query on the server DB',
    runs: cu.cacheMs.length,
    medianMs: fmt(cache.median),
    p90Ms: fmt(cache.p90),
    baselineMedianMs: fmt(base.median),
    ratio: fmt(cache.median / base.median),
    extra: catchExtra(cache.p90, cacheOk),
  })
  verdicts.push(
    `${pullOk && cacheOk ? 'MET   ' : 'MISSED'} catch-up of ${n} changes < ${TARGET_CATCHUP_MS} ms: ` +
      `pull loop median ${r0(pull.median)} ms (p90 ${r0(pull.p90)}), with LocalCache median ${r0(cache.median)} ms (p90 ${r0(cache.p90)})`,
  )
  console.log(`\nsync targets (from the issue):\n  ${verdicts.join('\n  ')}`)
  return rows
}
