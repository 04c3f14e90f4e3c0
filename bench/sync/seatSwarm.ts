/**
 * Simulated seats for `npm run bench -- sync`: real socket.io-client connections (WebSocket only,
 * like the console's SyncClient) in a child process, so their CPU is not the orchestrator's.
 * Driven over IPC (bench/sync/swarmProtocol.ts). Every `feed:change` is stamped on receipt; the send
 * time travels in the change itself (`data.notes`), so latency = receipt − write.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { io, type Socket } from 'socket.io-client'
import { LatencyHistogram, wallNow } from '../latency'
import type { ConnectResult, SwarmReply, SwarmReport, SwarmRequest, SwarmStats } from './swarmProtocol'

const send = (msg: SwarmReply) => process.send?.(msg)

let sockets: Socket[] = []
let closing = false
let connected = 0
let dropped = 0
const dropReasons = new Set<string>()
let presenceEvents = 0
let feedEvents = 0
let lastEventAt = 0

// the armed window
let winStart = Infinity
let winEnd = -Infinity
let windowEvents = 0
let receivedInWindow = 0
let hist = new LatencyHistogram()
let perSeq = new Map<number, [number, number]>()
const loopDelay = monitorEventLoopDelay({ resolution: 10 })

function onChange(c: { seq?: number; data?: { notes?: unknown } }): void {
  const t = wallNow()
  feedEvents++
  lastEventAt = t
  if (t >= winStart && t <= winEnd) receivedInWindow++
  const sent = Number(c?.data?.notes)
  if (!(sent >= winStart && sent < winEnd)) return
  windowEvents++
  const ms = t - sent
  hist.add(ms)
  const seq = Number(c.seq)
  const e = perSeq.get(seq)
  if (e) {
    e[0]++
    if (ms > e[1]) e[1] = ms
  } else perSeq.set(seq, [1, ms])
}

const onPresence = (entries: number) => {
  presenceEvents += entries
}

function connectOne(url: string, token: string | null, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = io(url, {
      transports: ['websocket'],
      auth: token ? { token } : {},
      reconnection: false,
      forceNew: true,
      timeout: timeoutMs,
    })
    let up = false
    socket.on('feed:change', onChange)
    // the batching what-if of the bare baseline (BENCH_BATCH_MS)
    socket.on('feed:changes', (batch: unknown) => {
      if (Array.isArray(batch)) for (const c of batch) onChange(c as Parameters<typeof onChange>[0])
    })
    socket.on('presence:updates', (batch: unknown) => {
      if (Array.isArray(batch)) onPresence(batch.length)
    })
    socket.once('connect', () => {
      up = true
      connected++
      sockets.push(socket)
      resolve(null)
    })
    socket.once('connect_error', (err) => {
      socket.close()
      resolve(err.message)
    })
    socket.on('disconnect', (reason) => {
      if (!up) return
      up = false
      connected--
      if (!closing) {
        dropped++
        dropReasons.add(reason)
      }
    })
  })
}

async function connectAll(
  url: string,
  tokens: (string | null)[],
  concurrency: number,
  timeoutMs: number,
): Promise<ConnectResult> {
  const t0 = performance.now()
  let next = 0
  let failed = 0
  const errors = new Set<string>()
  const lane = async () => {
    while (next < tokens.length) {
      const err = await connectOne(url, tokens[next++] ?? null, timeoutMs)
      if (err) {
        failed++
        errors.add(err)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane))
  return { connected, failed, ms: performance.now() - t0, errors: [...errors].slice(0, 5) }
}

function arm(start: number, end: number): void {
  winStart = start
  winEnd = end
  windowEvents = 0
  receivedInWindow = 0
  hist = new LatencyHistogram()
  perSeq = new Map()
  // from now until the report: warm-up, window and drain
  loopDelay.reset()
  loopDelay.enable()
}

function stats(): SwarmStats {
  return {
    connected,
    dropped,
    dropReasons: [...dropReasons],
    presenceEvents,
    feedEvents,
    windowEvents,
    lastEventAt,
  }
}

function report(): SwarmReport {
  loopDelay.disable()
  return {
    ...stats(),
    receivedInWindow,
    latency: hist.toJSON(),
    perSeq: [...perSeq].map(([seq, [n, max]]) => [seq, n, max]),
    loopDelayP99: loopDelay.count > 0 ? loopDelay.percentile(99) / 1e6 : NaN,
  }
}

async function disconnectAll(): Promise<number> {
  closing = true
  const n = sockets.length
  for (const s of sockets) s.disconnect()
  sockets = []
  connected = 0
  presenceEvents = 0
  feedEvents = 0
  await new Promise((r) => setTimeout(r, 50))
  closing = false
  return n
}

process.on('message', (raw: SwarmRequest) => {
  void (async () => {
    try {
      let result: unknown
      switch (raw.cmd) {
        case 'connect':
          result = await connectAll(raw.url, raw.tokens, raw.concurrency, raw.timeoutMs)
          break
        case 'arm':
          arm(raw.winStart, raw.winEnd)
          result = true
          break
        case 'stats':
          result = stats()
          break
        case 'report':
          result = report()
          break
        case 'disconnect':
          result = await disconnectAll()
          break
      }
      send({ id: raw.id, ok: true, result })
    } catch (err) {
      send({ id: raw.id, ok: false, error: String(err) })
    }
  })()
})

// never outlive the orchestrator, and never run unbounded
process.on('disconnect', () => process.exit(0))
setTimeout(() => process.exit(3), 30 * 60_000).unref()
send({ id: 0, ok: true, result: 'ready' })
