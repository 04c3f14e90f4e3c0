/**
 * One fan-out case: a freshly started target with N seats connected, measured in one window per
 * write rate (latency of every seat × change receipt, delivered events/s, CPU, RSS), then all
 * seats leaving at once.
 */
import type { Socket } from 'socket.io-client'
import { stopChild } from '../../scripts/lib/processes.mjs'
import type { LiveChange } from '../../src/shared/sync/feed'
import { LatencyHistogram, quantile, wallNow } from '../latency'
import { BATCH_MS, CONNECT_CONCURRENCY, CONNECT_MS, DRAIN_MS, RATES, SETTLE_MS, WARMUP_MS, WINDOW_MS } from './config'
import { fmt } from './format'
import { cpuSeconds, machineCpu, quietMachine, rssKiB } from './machine'
import { requestAll, type SwarmProcess } from './swarm'
import type { ConnectResult, SwarmReport, SwarmStats } from './swarmProtocol'
import { startTarget, type Target } from './targets'
import { sleep, until } from './wait'
import { connectSocket, Writer, type LoadResult } from './writer'

/** One measured window at one write rate with the seats connected. */
export interface WindowResult {
  rate: number
  writesPerSec: number
  ackP50: number
  ackP99: number
  writeErrors: string[]
  rejected: number
  deliveredPerSec: number
  expected: number
  received: number
  p50: number
  p90: number
  p95: number
  p99: number
  max: number
  /** per change: time until the last seat had it (changes every seat received) */
  allSeatsP50: number
  allSeatsP99: number
  incompleteChanges: number
  skewed: number
  /** CPU cores used over the window: the server, the seat swarm(s), the writer (orchestrator) */
  serverCpu: number
  /** server CPU time per delivered event, µs: what one delivery costs, whatever the machine load */
  serverUsPerEvent: number
  swarmCpu: number
  swarmLagP99: number
  orchestratorCpu: number
  /** the whole machine (2 cores), and what processes other than this benchmark's used of it */
  machineBusy: number
  otherCpu: number
  steal: number
  rssLoadKiB: number
}

export interface CaseResult {
  kind: Target['kind']
  seats: number
  connected: number
  connectFailed: number
  connectErrors: string[]
  connectMs: number
  settleMs: number
  presenceEvents: number
  rssBeforeKiB: number
  rssSeatsKiB: number
  dropped: number
  dropReasons: string[]
  /** after all seats disconnect at once: until /health answers within 50 ms again */
  disconnectMs: number
  windows: WindowResult[]
  problems: string[]
}

async function measureWindow(
  label: string,
  pid: number,
  swarms: SwarmProcess[],
  writer: Writer,
  connected: number,
  rate: number,
): Promise<{ window: WindowResult; reports: SwarmReport[] }> {
  const othersBefore = await quietMachine([pid, ...swarms.map((sw) => sw.child.pid!)])
  if (othersBefore > 0.3)
    console.log(`  (${label}: other processes use ${fmt(othersBefore, 2)} cores; measuring anyway)`)
  // the measured window, preceded by a warm-up at the same rate
  const start = wallNow() + 200
  const winStart = start + WARMUP_MS
  const winEnd = winStart + WINDOW_MS
  await requestAll(swarms, { cmd: 'arm', winStart, winEnd })
  // CPU is read from /proc by the orchestrator: a saturated swarm would stamp its own marks late
  const cpuMarks: {
    server: number
    swarm: number
    orch: NodeJS.CpuUsage
    machine: { busy: number; steal: number }
    t: number
  }[] = []
  let rssLoadKiB = NaN
  const mark = () =>
    cpuMarks.push({
      server: cpuSeconds(pid),
      swarm: swarms.reduce((x, sw) => x + cpuSeconds(sw.child.pid!), 0),
      orch: process.cpuUsage(),
      machine: machineCpu(),
      t: wallNow(),
    })
  const markStart = setTimeout(mark, winStart - wallNow())
  const markEnd = setTimeout(() => {
    mark()
    rssLoadKiB = rssKiB(pid)
  }, winEnd - wallNow())
  let load: LoadResult
  try {
    load = await writer.drive(rate, start, winStart, winEnd)
  } finally {
    clearTimeout(markStart)
    clearTimeout(markEnd)
  }
  const expected = load.appliedInWindow * connected

  // drain: wait until every seat has every window change, or nothing arrived for 2 s
  let received = 0
  let lastChange = performance.now()
  await until(
    `${label}: delivery to drain`,
    async () => {
      const s = await requestAll<SwarmStats>(swarms, { cmd: 'stats' })
      const n = s.reduce((a, x) => a + x.windowEvents, 0)
      if (n !== received) {
        received = n
        lastChange = performance.now()
      }
      return n >= expected || performance.now() - lastChange > 2000
    },
    DRAIN_MS,
    100,
  ).catch(() => undefined) // what arrived by then is what is reported
  const reports = await requestAll<SwarmReport>(swarms, { cmd: 'report' })

  const hist = new LatencyHistogram()
  const perSeq = new Map<number, [number, number]>()
  for (const rep of reports) {
    hist.merge(rep.latency)
    for (const [seq, n, max] of rep.perSeq) {
      const e = perSeq.get(seq) ?? [0, 0]
      perSeq.set(seq, [e[0] + n, Math.max(e[1], max)])
    }
  }
  const complete: number[] = []
  let incomplete = 0
  for (const seq of load.windowSeqs) {
    const e = perSeq.get(seq)
    if (e && e[0] >= connected) complete.push(e[1])
    else incomplete++
  }
  const [a, b] = cpuMarks
  const wall = a && b ? (b.t - a.t) / 1000 : NaN
  const serverCpu = a && b ? (b.server - a.server) / wall : NaN
  const swarmCpu = a && b ? (b.swarm - a.swarm) / wall : NaN
  const orchestratorCpu = a && b ? (b.orch.user + b.orch.system - a.orch.user - a.orch.system) / 1e6 / wall : NaN
  const machineBusy = a && b ? (b.machine.busy - a.machine.busy) / wall : NaN
  const deliveredPerSec = reports.reduce((x, rep) => x + rep.receivedInWindow, 0) / (WINDOW_MS / 1000)
  const window: WindowResult = {
    rate,
    writesPerSec: load.ackRate,
    ackP50: quantile(load.ackMs, 0.5),
    ackP99: quantile(load.ackMs, 0.99),
    writeErrors: load.errors,
    rejected: load.rejected + load.failed,
    deliveredPerSec,
    expected,
    received: hist.total,
    p50: hist.quantile(0.5),
    p90: hist.quantile(0.9),
    p95: hist.quantile(0.95),
    p99: hist.quantile(0.99),
    max: hist.max,
    allSeatsP50: quantile(complete, 0.5),
    allSeatsP99: quantile(complete, 0.99),
    incompleteChanges: incomplete,
    skewed: hist.negative,
    serverCpu,
    serverUsPerEvent: (serverCpu * 1e6) / deliveredPerSec,
    swarmCpu,
    swarmLagP99: Math.max(...reports.map((rep) => rep.loopDelayP99)),
    orchestratorCpu,
    machineBusy,
    otherCpu: machineBusy - serverCpu - swarmCpu - orchestratorCpu,
    steal: a && b ? (b.machine.steal - a.machine.steal) / wall : NaN,
    rssLoadKiB,
  }
  return { window, reports }
}

export async function fanOutCase(
  kind: Target['kind'],
  seats: number,
  swarms: SwarmProcess[],
  seatTokens: string[],
  writerToken: string | null,
  customerIds: string[],
  dataDir: string,
  template: LiveChange,
): Promise<CaseResult> {
  const label = `${kind === 'sync' ? 'sync server' : kind === 'batched' ? `bare socket.io, ${BATCH_MS} ms batches` : 'bare socket.io'} × ${seats} seats`
  const target = await startTarget(kind, dataDir, template)
  let writerSocket: Socket | null = null
  try {
    const pid = target.child.pid!
    writerSocket = await connectSocket(target.url, writerToken)
    const writer = new Writer(writerSocket, kind, customerIds)
    // warm the write path (JIT, prepared statements) before anything is measured
    const warm = wallNow()
    await writer.drive(Infinity, warm, warm, warm + 10_000, 300)
    await sleep(500)
    const rssBeforeKiB = rssKiB(pid)

    // connect the seats, spread over the swarms
    const t0 = performance.now()
    const per = Math.ceil(seats / swarms.length)
    const connects = await Promise.all(
      swarms.map((s, i) =>
        s.request<ConnectResult>(
          {
            cmd: 'connect',
            url: target.url,
            tokens:
              kind === 'sync'
                ? seatTokens.slice(i * per, Math.min(seats, (i + 1) * per))
                : Array<null>(Math.max(0, Math.min(per, seats - i * per))).fill(null),
            concurrency: CONNECT_CONCURRENCY,
            timeoutMs: 20_000,
          },
          CONNECT_MS,
        ),
      ),
    )
    const connectMs = performance.now() - t0
    const connected = connects.reduce((a, c) => a + c.connected, 0)
    const connectFailed = connects.reduce((a, c) => a + c.failed, 0)
    // settle: the connect-time presence broadcasts (sync server) have stopped arriving
    let last = -1
    let quietSince = performance.now()
    await until(
      `${label}: presence broadcasts to settle`,
      async () => {
        const s = await requestAll<SwarmStats>(swarms, { cmd: 'stats' })
        const n = s.reduce((a, x) => a + x.presenceEvents + x.feedEvents, 0)
        if (n !== last) {
          last = n
          quietSince = performance.now()
        }
        return performance.now() - quietSince > 1000
      },
      SETTLE_MS,
      100,
    )
    const settleMs = quietSince - t0
    const presenceEvents = last
    const rssSeatsKiB = rssKiB(pid)

    const windows: WindowResult[] = []
    let reports: SwarmReport[] = []
    for (const rate of RATES) {
      const m = await measureWindow(`${label} @${rate}/s`, pid, swarms, writer, connected, rate)
      windows.push(m.window)
      reports = m.reports
    }

    // the seats leave at once: how long the server's event loop stays busy with their departure
    await requestAll(swarms, { cmd: 'disconnect' })
    const tLeave = performance.now()
    let disconnectMs = NaN
    while (performance.now() - tLeave < 60_000) {
      const t = performance.now()
      // any HTTP answer will do (the bare server answers 404): it shows the event loop is free
      const ok = await fetch(`${target.url}/health`, { signal: AbortSignal.timeout(30_000) }).then(
        (r) => r.status > 0,
        () => false,
      )
      if (ok && performance.now() - t < 50) {
        disconnectMs = t - tLeave
        break
      }
      await sleep(50)
    }
    return {
      disconnectMs,
      kind,
      seats,
      connected,
      connectFailed,
      connectErrors: connects.flatMap((c) => c.errors),
      connectMs,
      settleMs,
      presenceEvents,
      rssBeforeKiB,
      rssSeatsKiB,
      dropped: reports.reduce((x, rep) => x + rep.dropped, 0),
      dropReasons: [...new Set(reports.flatMap((rep) => rep.dropReasons))],
      windows,
      problems: target.problems.slice(0, 5),
    }
  } finally {
    writerSocket?.close()
    await requestAll(swarms, { cmd: 'disconnect' }).catch(() => undefined)
    await stopChild(target.child, 10_000)
  }
}
