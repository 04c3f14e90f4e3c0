/** Settings of `npm run bench -- sync` (environment variables: see bench/sync.ts), its targets and wait limits. */
import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '../..')
const env = (name: string, fallback: number) => {
  const v = Number(process.env[name])
  return Number.isFinite(v) && v > 0 ? v : fallback
}
export const SEATS = (process.env.BENCH_SEATS ?? '500,1000,2000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0 && n <= 10_000)
export const WINDOW_MS = env('BENCH_WINDOW_MS', 5000)
export const WARMUP_MS = env('BENCH_WARMUP_MS', 1000)
export const RATE = env('BENCH_RATE', 1000)
/** a second, light write rate per case (0: off): fan-out latency when the fan-out is not saturated */
const LIGHT_RATE = Number(process.env.BENCH_LIGHT_RATE ?? 20)
export const RATES = LIGHT_RATE > 0 && LIGHT_RATE !== RATE ? [RATE, LIGHT_RATE] : [RATE]
export const CATCHUP = env('BENCH_CATCHUP', 10_000)
export const CATCHUP_RUNS = env('BENCH_CATCHUP_RUNS', 5)
export const SWARMS = Math.min(4, env('BENCH_SWARMS', 1))
/** writes awaiting their ack; a server slower than RATE holds the writer here (closed loop) */
export const MAX_INFLIGHT = env('BENCH_MAX_INFLIGHT', 200)
/** opt-in what-if (0: off): also run the bare server coalescing changes into one event per this many ms */
export const BATCH_MS = Number(process.env.BENCH_BATCH_MS ?? 0)
export const PULL_PAGE = 1000
export const CONNECT_CONCURRENCY = 50
export const JWT_SECRET = 'bench-sync-jwt-secret-0123456789abcdefgh' // 40 characters, test-only
export const WRITER = { sub: 'u-agent01', role: 'agent', storeId: null, name: '李娜' } as const

// targets from the issue
export const TARGET_SEATS = 2000
export const TARGET_P99_MS = 100
export const TARGET_RATIO = 0.5
export const TARGET_CATCHUP_MS = 2000

// phase limits: every wait below is bounded
export const SERVER_START_MS = 60_000
export const CONNECT_MS = 180_000
export const SETTLE_MS = 90_000
export const ACK_MS = 30_000
export const DRAIN_MS = 30_000
export const IPC_MS = 60_000
export const QUIET_WAIT_MS = 15_000
