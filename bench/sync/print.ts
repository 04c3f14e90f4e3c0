/** The sync bench's console lines for one measured case and its windows. */
import type { CaseResult } from './fanOut'
import { fmt, r0 } from './format'

export function printCase(r: CaseResult, seats: number): void {
  console.log(
    `  ${r.kind}: ${r.connected}/${seats} connected in ${r0(r.connectMs)} ms, quiet after ${r0(r.settleMs)} ms ` +
      `(${r.presenceEvents} presence events) · RSS ${r0(r.rssBeforeKiB / 1024)} → ${r0(r.rssSeatsKiB / 1024)} MiB · ` +
      `all leave: responsive again after ${r0(r.disconnectMs)} ms` +
      (r.connectFailed ? ` · ${r.connectFailed} connects failed: ${r.connectErrors.join('; ')}` : '') +
      (r.dropped ? ` · ${r.dropped} dropped: ${r.dropReasons.join(', ')}` : '') +
      (r.problems.length ? `\n    log: ${r.problems.join('\n    ')}` : ''),
  )
  for (const w of r.windows) {
    console.log(
      `    @${w.rate}/s: ${r0(w.writesPerSec)} writes/s (ack p50/p99 ${fmt(w.ackP50)}/${fmt(w.ackP99)} ms) · ` +
        `${r0(w.deliveredPerSec)} ev/s · latency p50/p95/p99/max ${fmt(w.p50)}/${fmt(w.p95)}/${fmt(w.p99)}/` +
        `${fmt(w.max)} ms · all seats p99 ${fmt(w.allSeatsP99)} ms · got ${w.received}/${w.expected} · ` +
        `CPU server ${fmt(w.serverCpu, 2)} (${fmt(w.serverUsPerEvent)} µs/ev) swarm ${fmt(w.swarmCpu, 2)} ` +
        `writer ${fmt(w.orchestratorCpu, 2)} machine ${fmt(w.machineBusy, 2)}/2 (others ${fmt(w.otherCpu, 2)}, ` +
        `steal ${fmt(w.steal, 2)}) · ` +
        `swarm loop lag p99 ${fmt(w.swarmLagP99)} ms · RSS ${r0(w.rssLoadKiB / 1024)} MiB` +
        (w.skewed ? ` · ${w.skewed} negative latencies (clock skew)` : '') +
        (w.writeErrors.length ? ` · write errors: ${w.writeErrors.join('; ')}` : ''),
    )
  }
}
