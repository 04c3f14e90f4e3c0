/** The writer seat: its socket, acknowledged requests, and writes at a given rate with their acks. */
import { randomUUID } from 'node:crypto'
import { io, type Socket } from 'socket.io-client'
import type { Ack } from '../../src/shared/api/socket'
import type { WriteResult } from '../../src/shared/sync/mutations'
import { wallNow } from '../latency'
import { ACK_MS, MAX_INFLIGHT } from './config'
import type { Target } from './targets'
import { sleep, until } from './wait'

export function connectSocket(url: string, token: string | null): Promise<Socket> {
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

export async function request<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const ack = (await socket.timeout(ACK_MS).emitWithAck(event, payload)) as Ack<T>
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`)
  return ack.result
}

export interface LoadResult {
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
export class Writer {
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
