import type { SparseHistogram } from '../latency'

/** Orchestrator → seat swarm (bench/sync/seatSwarm.ts) over the child's IPC channel. */
export type SwarmCommand =
  | { cmd: 'connect'; url: string; tokens: (string | null)[]; concurrency: number; timeoutMs: number }
  /** start counting a measurement window; times are wall-clock ms (see wallNow) */
  | { cmd: 'arm'; winStart: number; winEnd: number }
  | { cmd: 'stats' }
  | { cmd: 'report' }
  | { cmd: 'disconnect' }

export type SwarmRequest = SwarmCommand & { id: number }
export type SwarmReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string }

export interface ConnectResult {
  connected: number
  failed: number
  ms: number
  errors: string[]
}

export interface SwarmStats {
  connected: number
  /** sockets the server closed while the swarm wanted them open */
  dropped: number
  dropReasons: string[]
  presenceEvents: number
  feedEvents: number
  /** feed events whose write was sent inside the armed window */
  windowEvents: number
  lastEventAt: number
}

export interface SwarmReport extends SwarmStats {
  /** feed events received (receive time) inside the window */
  receivedInWindow: number
  /** send → receive latency of every receipt of a change written inside the window */
  latency: SparseHistogram
  /** per change written inside the window: [seq, seats that received it, slowest receipt ms] */
  perSeq: [number, number, number][]
  /** event-loop delay p99 of the swarm from arm to report (warm-up, window, drain), ms */
  loopDelayP99: number
}
