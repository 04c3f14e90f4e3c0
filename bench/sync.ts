import { execFileSync, fork, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { io, type Socket } from 'socket.io-client'
import { freePort, spawnUntil, startBuiltServer, stopChild } from '../scripts/lib/processes.mjs'
import { AccessTokens } from '../src/server/auth/accessTokens'
import { LocalCache } from '../src/main/services/sync/localCache'
import type { Ack } from '../src/shared/api/socket'
import type { LiveChange, PullResult } from '../src/shared/sync/feed'
import type { WriteResult } from '../src/shared/sync/mutations'
import { LatencyHistogram, quantile, wallNow } from './latency'
import type { ConnectResult, SwarmCommand, SwarmReply, SwarmReport, SwarmStats } from './swarmProtocol'
import { stats, type BenchRow } from './table'

/**
 * `npm run bench -- sync`: fan-out of committed changes to N connected seats (real socket.io
 * clients on loopback, in child processes), against a bare socket.io server broadcasting the same
 * payload to the same clients in the same run; and a seat catching up a backlog of changes.
 *
 * Per seat count, for the built sync server and then the bare server (bench/baseline/
 * socketioBroadcast.mjs), each freshly started: connect N seats (agents, so each is in
 * 'feed:all'), wait until the connect-time traffic stops, read the server's RSS, then one writer
 * issues acknowledged writes (customer.updateFields, notes = send time) at BENCH_RATE/s and at
 * BENCH_LIGHT_RATE/s, each for a warm-up plus BENCH_WINDOW_MS. Latency = receipt − send time of
 * every (seat, change) pair; ev/s = receipts inside the window ÷ window. Finally all seats leave at
 * once and the time until the server answers HTTP again is taken.
 *
 * Environment: BENCH_SEATS=500,1000,2000 BENCH_WINDOW_MS=5000 BENCH_WARMUP_MS=1000 BENCH_RATE=1000
 * BENCH_LIGHT_RATE=20 (0: off) BENCH_CATCHUP=10000 BENCH_CATCHUP_RUNS=5 BENCH_SWARMS=1
 * BENCH_MAX_INFLIGHT=200 BENCH_BATCH_MS=0 (>0: also the bare server coalescing changes, a what-if).
 */
const ROOT = join(import.meta.dirname, '..')
const env = (name: string, fallback: number) => {
  const v = Number(process.env[name])
  return Number.isFinite(v) && v > 0 ? v : fallback
}
const SEATS = (process.env.BENCH_SEATS ?? '500,1000,2000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0 && n <= 10_000)
const WINDOW_MS = env('BENCH_WINDOW_MS', 5000)
const WARMUP_MS = env('BENCH_WARMUP_MS', 1000)
const RATE = env('BENCH_RATE', 1000)
/** a second, light write rate per case (0: off): fan-out latency when the fan-out is not saturated */
const LIGHT_RATE = Number(process.env.BENCH_LIGHT_RATE ?? 20)
const RATES = LIGHT_RATE > 0 && LIGHT_RATE !== RATE ? [RATE, LIGHT_RATE] : [RATE]
const CATCHUP = env('BENCH_CATCHUP', 10_000)
const CATCHUP_RUNS = env('BENCH_CATCHUP_RUNS', 5)
const SWARMS = Math.min(4, env('BENCH_SWARMS', 1))
/** writes awaiting their ack; a server slower than RATE holds the writer here (closed loop) */
const MAX_INFLIGHT = env('BENCH_MAX_INFLIGHT', 200)
/** opt-in what-if (0: off): also run the bare server coalescing changes into one event per this many ms */
const BATCH_MS = Number(process.env.BENCH_BATCH_MS ?? 0)
const PULL_PAGE = 1000
const CONNECT_CONCURRENCY = 50
const JWT_SECRET = 'bench-sync-jwt-secret-0123456789abcdefgh' // 40 characters, test-only
const WRITER = { sub: 'u-agent01', role: 'agent', storeId: null, name: '李娜' } as const

// targets from the issue
const TARGET_SEATS = 2000
const TARGET_P99_MS = 100
const TARGET_RATIO = 0.5
const TARGET_CATCHUP_MS = 2000

// phase limits: every wait below is bounded
const SERVER_START_MS = 60_000
const CONNECT_MS = 180_000
const SETTLE_MS = 90_000
const ACK_MS = 30_000
const DRAIN_MS = 30_000
const IPC_MS = 60_000
const QUIET_WAIT_MS = 15_000

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
const r0 = (n: number) => Math.round(n)
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : NaN)

async function until(what: string, test: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 20) {
  const end = performance.now() + timeoutMs
  while (!(await test())) {
    if (performance.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(everyMs)
  }
}

// ---- processes -------------------------------------------------------------------------------

function rssKiB(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)\s+kB/)
  return m ? Number(m[1]) : NaN
}

let clockTicks = 100
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
} catch {
  // Linux default
}
/** user + system CPU seconds of a process so far */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) / clockTicks
}

/** busy and stolen CPU seconds of the whole machine so far (all cores) */
function machineCpu(): { busy: number; steal: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f
  return { busy: (user + nice + system + irq + softirq) / clockTicks, steal: steal / clockTicks }
}

interface Target {
  /** batched: the bare server coalescing changes per BENCH_BATCH_MS into one event (what-if, opt-in) */
  kind: 'sync' | 'baseline' | 'batched'
  child: ChildProcess
  url: string
  /** warn/error lines the process logged after it was ready */
  problems: string[]
}

function watchLog(child: ChildProcess, problems: string[]): void {
  let partial = ''
  const onChunk = (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) {
      const level = Number(line.match(/"level":(\d+)/)?.[1] ?? 0)
      if (level >= 40 || /error/i.test(line)) problems.push(line.slice(0, 400))
    }
  }
  child.stdout?.on('data', onChunk)
  child.stderr?.on('data', onChunk)
}

async function startTarget(kind: Target['kind'], dataDir: string, template: LiveChange | null): Promise<Target> {
  const port = await freePort()
  const problems: string[] = []
  let child: ChildProcess
  if (kind === 'sync') {
    // LOG_LEVEL stays 'info': readiness is the info-level 'sync server listening' line
    ;({ child } = await startBuiltServer({
      root: ROOT,
      port,
      dataDir,
      env: { JWT_SECRET, SEED_DEMO: '1' },
      timeoutMs: SERVER_START_MS,
    }))
  } else {
    ;({ child } = await spawnUntil(process.execPath, [join(ROOT, 'bench/baseline/socketioBroadcast.mjs')], {
      cwd: ROOT,
      env: {
        PORT: String(port),
        BENCH_TEMPLATE: JSON.stringify(template ?? { data: {} }),
        BATCH_MS: kind === 'batched' ? String(BATCH_MS) : '0',
      },
      ready: /baseline socket\.io listening/,
      timeoutMs: SERVER_START_MS,
    }))
  }
  watchLog(child, problems)
  return { kind, child, url: `http://127.0.0.1:${port}`, problems }
}

class SwarmProcess {
  private nextId = 1
  private readonly pending = new Map<number, (r: SwarmReply) => void>()
  private constructor(readonly child: ChildProcess) {
    child.on('message', (m: SwarmReply) => this.pending.get(m.id)?.(m))
    child.on('exit', (code) => {
      for (const resolve of this.pending.values()) resolve({ id: -1, ok: false, error: `swarm exited (${code})` })
      this.pending.clear()
    })
  }

  static async start(): Promise<SwarmProcess> {
    const child = fork(join(ROOT, 'bench/seatSwarm.ts'), [], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const swarm = new SwarmProcess(child)
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('seat swarm did not start within 30 s')), 30_000)
      swarm.pending.set(0, () => {
        clearTimeout(timer)
        resolve()
      })
    })
    return swarm
  }

  request<T>(command: SwarmCommand, timeoutMs = IPC_MS): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`seat swarm: '${command.cmd}' unanswered after ${timeoutMs} ms`))
      }, timeoutMs)
      this.pending.set(id, (reply) => {
        clearTimeout(timer)
        this.pending.delete(id)
        if (reply.ok) resolve(reply.result as T)
        else reject(new Error(`seat swarm: ${reply.error}`))
      })
      this.child.send({ ...command, id })
    })
  }
}

const all = <T>(swarms: SwarmProcess[], command: SwarmCommand, timeoutMs?: number) =>
  Promise.all(swarms.map((s) => s.request<T>(command, timeoutMs)))

// ---- writer ----------------------------------------------------------------------------------

function connectSocket(url: string, token: string | null): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      transports: ['websocket'],
      auth: token ? { token } : {},
      reconnection: false,
      forceNew: true,
      timeout: 20_000,
    })
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', (err) => {
      socket.close()
      reject(new Error(`connect ${url}: ${err.message}`))
    })
  })
}

async function request<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const ack = (await socket.timeout(ACK_MS).emitWithAck(event, payload)) as Ack<T>
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`)
  return ack.result
}

interface LoadResult {
  sent: number
  /** writes sent inside the window that the server applied */
  appliedInWindow: number
  /** acks received inside the window, per second */
  ackRate: number
  rejected: number
  failed: number
  errors: string[]
  ackMs: number[]
  /** seqs of changes written inside the window */
  windowSeqs: Set<number>
}

/** One writer seat issuing writes with acks; the send time rides in the change as `notes`. */
class Writer {
  inflight = 0
  private k = 0
  constructor(
    readonly socket: Socket,
    private readonly kind: Target['kind'],
    private readonly customerIds: string[],
  ) {}

  /** resolves with the ack; never rejects */
  write(ts: number): Promise<{ ok: boolean; seq: number; error?: string }> {
    this.inflight++
    const payload =
      this.kind === 'sync'
        ? {
            opId: randomUUID(),
            mutation: {
              kind: 'customer.updateFields',
              customerId: this.customerIds[this.k++ % this.customerIds.length],
              fields: { notes: String(ts) },
            },
          }
        : { ts }
    const event = this.kind === 'sync' ? 'sync:write' : 'write'
    return this.socket
      .timeout(ACK_MS)
      .emitWithAck(event, payload)
      .then(
        (ack: Ack<WriteResult>) => {
          if (!ack.ok) return { ok: false, seq: 0, error: `${ack.error.code} ${ack.error.message}` }
          if (ack.result.status !== 'applied') return { ok: false, seq: 0, error: ack.result.error.message }
          return { ok: true, seq: ack.result.seq }
        },
        (err: unknown) => ({ ok: false, seq: 0, error: String(err) }),
      )
      .finally(() => this.inflight--)
  }

  /**
   * Writes at `rate` per second from `start` until `winEnd` (open loop, at most MAX_INFLIGHT
   * unacknowledged), then waits for the last acks. rate = Infinity: as fast as acks allow.
   */
  async drive(rate: number, start: number, winStart: number, winEnd: number, count = Infinity): Promise<LoadResult> {
    while (wallNow() < start) await sleep(1)
    const res: LoadResult = {
      sent: 0,
      appliedInWindow: 0,
      ackRate: 0,
      rejected: 0,
      failed: 0,
      errors: [],
      ackMs: [],
      windowSeqs: new Set(),
    }
    let acksInWindow = 0
    const t0 = wallNow()
    for (;;) {
      const now = wallNow()
      if (now >= winEnd || res.sent >= count) break
      const due = Number.isFinite(rate) ? Math.floor(((now - t0) * rate) / 1000) : Infinity
      while (res.sent < due && res.sent < count && this.inflight < MAX_INFLIGHT) {
        const ts = wallNow()
        res.sent++
        void this.write(ts).then((a) => {
          const at = wallNow()
          if (at >= winStart && at < winEnd) acksInWindow++
          const inWindow = ts >= winStart && ts < winEnd
          if (a.ok) {
            if (inWindow) {
              res.appliedInWindow++
              res.windowSeqs.add(a.seq)
              res.ackMs.push(at - ts)
            }
          } else {
            if (a.error?.startsWith('Error: operation has timed out')) res.failed++
            else res.rejected++
            if (res.errors.length < 5) res.errors.push(a.error ?? '?')
          }
        })
      }
      await sleep(1)
    }
    await until('the last write acks', () => this.inflight === 0, ACK_MS + 5000)
    res.ackRate = acksInWindow / ((winEnd - winStart) / 1000)
    return res
  }
}

// ---- one fan-out case ------------------------------------------------------------------------

/** One measured window at one write rate with the seats connected. */
interface WindowResult {
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

interface CaseResult {
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

/** total time this run may spend waiting for other processes on the machine to go quiet */
let quietBudgetMs = 60_000

/**
 * Waits (bounded, at most QUIET_WAIT_MS per window and quietBudgetMs per run) until processes
 * other than this benchmark's use under 0.3 cores, so a window is less likely to be measured
 * while something else (a test run, a type check) holds the machine. Returns their last figure.
 */
async function quietMachine(pids: number[]): Promise<number> {
  const ours = () => [process.pid, ...pids].reduce((x, p) => x + cpuSeconds(p), 0)
  const sample = async () => {
    const m0 = machineCpu().busy
    const o0 = ours()
    const t0 = performance.now()
    await sleep(500)
    return (machineCpu().busy - m0 - (ours() - o0)) / ((performance.now() - t0) / 1000)
  }
  const t0 = performance.now()
  let others = await sample()
  while (others > 0.3 && performance.now() - t0 < Math.min(QUIET_WAIT_MS, quietBudgetMs)) others = await sample()
  quietBudgetMs = Math.max(0, quietBudgetMs - (performance.now() - t0))
  return others
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
  await all(swarms, { cmd: 'arm', winStart, winEnd })
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
      const s = await all<SwarmStats>(swarms, { cmd: 'stats' })
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
  const reports = await all<SwarmReport>(swarms, { cmd: 'report' })

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

async function fanOutCase(
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
        const s = await all<SwarmStats>(swarms, { cmd: 'stats' })
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
    await all(swarms, { cmd: 'disconnect' })
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
    await all(swarms, { cmd: 'disconnect' }).catch(() => undefined)
    await stopChild(target.child, 10_000)
  }
}

// ---- catch-up --------------------------------------------------------------------------------

interface CatchUpResult {
  from: number
  head: number
  writeMs: number
  commitsPerSec: number
  /** server CPU (cores) while writing the backlog */
  writeCpu: number
  ackP50: number
  ackP99: number
  pullMs: number[]
  pages: number
  cacheMs: number[]
  sqliteMs: number[]
  template: LiveChange
  customerIds: string[]
  /** first start: migrate + seed the demo data */
  startMs: number
  problems: string[]
}

/** Starts the server on an empty data dir (it migrates and seeds 2,000 demo customers), then the catch-up. */
async function catchUp(dataDir: string, writerToken: string, seatToken: string, work: string) {
  const tStart = performance.now()
  const target = await startTarget('sync', dataDir, null)
  const startMs = performance.now() - tStart
  let writerSocket: Socket | null = null
  try {
    const file = join(dataDir, 'console.db')
    const seeded = new Database(file, { readonly: true, fileMustExist: true })
    // the writer edits a rotating set of customers
    const customerIds = (
      seeded.prepare('SELECT id FROM customers ORDER BY id LIMIT 500').all() as { id: string }[]
    ).map((r) => r.id)
    seeded.close()
    if (customerIds.length === 0) throw new Error('the server seeded no customers')
    writerSocket = await connectSocket(target.url, writerToken)
    const templateP = new Promise<LiveChange>((resolve) =>
      writerSocket!.once('feed:changes', (batch: LiveChange[]) => resolve(batch[0]!)),
    )
    const writer = new Writer(writerSocket, 'sync', customerIds)
    const probe = await writer.write(wallNow())
    if (!probe.ok) throw new Error(`probe write failed: ${probe.error}`)
    const template = await Promise.race([
      templateP,
      sleep(10_000).then(() => Promise.reject(new Error('the writer never received its own feed:changes'))),
    ])
    const from = (await request<PullResult>(writerSocket, 'sync:pull', { since: 0, limit: 1 })).head

    // the backlog: CATCHUP changes written as fast as the server acknowledges them (no seats)
    const t0 = wallNow()
    const cpu0 = cpuSeconds(target.child.pid!)
    const load = await writer.drive(Infinity, t0, t0, t0 + 300_000, CATCHUP)
    const writeMs = wallNow() - t0
    const writeCpu = (cpuSeconds(target.child.pid!) - cpu0) / (writeMs / 1000)
    if (load.rejected + load.failed > 0) throw new Error(`backlog writes failed: ${load.errors.join('; ')}`)
    const head = (await request<PullResult>(writerSocket, 'sync:pull', { since: 0, limit: 1 })).head
    writerSocket.close()
    writerSocket = null

    const pullMs: number[] = []
    const cacheMs: number[] = []
    const sqliteMs: number[] = []
    let pages = 0
    for (let run = 0; run < CATCHUP_RUNS; run++) {
      // baseline: the same rows straight from the server's database file, one query
      const db = new Database(file, { readonly: true, fileMustExist: true })
      try {
        const t = performance.now()
        const rows = db.prepare('SELECT * FROM change_feed WHERE seq > ? ORDER BY seq LIMIT ?').all(from, head - from)
        sqliteMs.push(performance.now() - t)
        if (rows.length !== head - from) throw new Error(`sqlite read ${rows.length} rows, expected ${head - from}`)
      } finally {
        db.close()
      }

      // a fresh seat's sync:pull loop from the cursor to the head
      const seat = await connectSocket(target.url, seatToken)
      try {
        let since = from
        let n = 0
        pages = 0
        const t = performance.now()
        for (let guard = 0; guard < 10_000; guard++) {
          const page = await request<PullResult>(seat, 'sync:pull', { since, limit: PULL_PAGE })
          pages++
          n += page.changes.length
          since = page.changes.at(-1)?.seq ?? since
          if (!page.more) break
        }
        pullMs.push(performance.now() - t)
        if (n !== head - from) throw new Error(`pull loop got ${n} changes, expected ${head - from}`)
      } finally {
        seat.close()
      }

      // the real seat path: the same loop applying each page to a LocalCache (as SeatSync.catchUp)
      const cache = new LocalCache(join(work, `seat-cache-${run}`, 'cache.db'))
      const seat2 = await connectSocket(target.url, seatToken)
      try {
        cache.bind('u-bench-0', 'all')
        cache.applyChanges([], from)
        const t = performance.now()
        for (let guard = 0; guard < 10_000; guard++) {
          const page = await request<PullResult>(seat2, 'sync:pull', { since: cache.cursor(), limit: PULL_PAGE })
          const lastSeq = page.changes.at(-1)?.seq ?? cache.cursor()
          cache.applyChanges(page.changes, page.more ? lastSeq : Math.max(lastSeq, page.head))
          if (!page.more) break
        }
        cacheMs.push(performance.now() - t)
        if (cache.cursor() !== head) throw new Error(`LocalCache cursor ${cache.cursor()}, expected ${head}`)
      } finally {
        seat2.close()
        cache.close()
      }
    }
    return {
      from,
      head,
      writeMs,
      commitsPerSec: CATCHUP / (writeMs / 1000),
      writeCpu,
      ackP50: quantile(load.ackMs, 0.5),
      ackP99: quantile(load.ackMs, 0.99),
      pullMs,
      pages,
      cacheMs,
      sqliteMs,
      template,
      customerIds,
      startMs,
      problems: target.problems.slice(0, 5),
    } satisfies CatchUpResult
  } finally {
    writerSocket?.close()
    await stopChild(target.child, 10_000)
  }
}

// ---- orchestration ---------------------------------------------------------------------------

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

function checkBuild(): void {
  const entry = join(ROOT, 'out/server/index.js')
  if (!existsSync(entry)) throw new Error('out/server/index.js is missing: run `npm run build` first')
  const src = Math.max(newestMtime(join(ROOT, 'src/server')), newestMtime(join(ROOT, 'src/shared')))
  if (src > statSync(entry).mtimeMs) {
    console.warn('sync bench: WARNING out/server/index.js is older than src/server or src/shared; run `npm run build`')
  }
}

export const sync = {
  async run(): Promise<BenchRow[]> {
    if (SEATS.length === 0) throw new Error('BENCH_SEATS lists no seat count')
    checkBuild()
    const maxSeats = Math.max(...SEATS)
    console.log(
      `sync bench: seats ${SEATS.join(', ')} · ${RATES.join(' and ')} writes/s · window ${WINDOW_MS} ms (+${WARMUP_MS} ms warm-up) · ` +
        `catch-up ${CATCHUP} changes × ${CATCHUP_RUNS} · ${SWARMS} swarm process(es)`,
    )
    console.log(
      'sync bench: server, seat swarm and writer share the same 2 cores, so client CPU competes with the server; ' +
        'latency uses wall-clock timestamps (performance.timeOrigin + now) across processes on this host',
    )
    const work = await mkdtemp(join(tmpdir(), 'sc-bench-sync-'))
    const dataDir = join(work, 'server')
    const swarms: SwarmProcess[] = []
    try {
      const tokens = new AccessTokens(JWT_SECRET, 3600)
      const writerToken = (await tokens.issue(WRITER)).token
      const seatTokens: string[] = []
      for (let i = 0; i < maxSeats; i++) {
        seatTokens.push(
          (await tokens.issue({ sub: `u-bench-${i}`, role: 'agent', storeId: null, name: `bench${i}` })).token,
        )
      }

      console.log(`sync bench: first server start (seeds demo data), then catch-up of ${CATCHUP} changes…`)
      const cu = await catchUp(dataDir, writerToken, seatTokens[0]!, work)
      const customerIds = cu.customerIds
      console.log(
        `sync bench: server first start ${r0(cu.startMs)} ms · backlog written at ${r0(cu.commitsPerSec)} commits/s with no seats (ack p50 ${fmt(cu.ackP50)} ms, ` +
          `server CPU ${fmt(cu.writeCpu, 2)} cores); ` +
          `pull loop median ${r0(stats(cu.pullMs).median)} ms`,
      )

      for (let i = 0; i < SWARMS; i++) swarms.push(await SwarmProcess.start())
      const cases: { sync: CaseResult; base: CaseResult; batched: CaseResult | null }[] = []
      for (const seats of SEATS) {
        console.log(`sync bench: ${seats} seats: sync server…`)
        const syncRes = await fanOutCase(
          'sync',
          seats,
          swarms,
          seatTokens,
          writerToken,
          customerIds,
          dataDir,
          cu.template,
        )
        console.log(`sync bench: ${seats} seats: bare socket.io…`)
        const baseRes = await fanOutCase('baseline', seats, swarms, seatTokens, null, customerIds, dataDir, cu.template)
        let batchedRes: CaseResult | null = null
        if (BATCH_MS > 0) {
          console.log(`sync bench: ${seats} seats: bare socket.io, changes coalesced per ${BATCH_MS} ms (what-if)…`)
          batchedRes = await fanOutCase('batched', seats, swarms, seatTokens, null, customerIds, dataDir, cu.template)
        }
        for (const r of [syncRes, baseRes, ...(batchedRes ? [batchedRes] : [])]) {
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
        cases.push({ sync: syncRes, base: baseRes, batched: batchedRes })
      }
      return buildRows(cases, cu)
    } finally {
      for (const s of swarms) s.child.kill('SIGKILL')
      await rm(work, { recursive: true, force: true })
    }
  },
}

function buildRows(
  cases: { sync: CaseResult; base: CaseResult; batched: CaseResult | null }[],
  cu: CatchUpResult,
): BenchRow[] {
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
