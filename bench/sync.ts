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
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AccessTokens } from '../src/server/auth/accessTokens'
import { catchUp } from './sync/catchUp'
import {
  BATCH_MS,
  CATCHUP,
  CATCHUP_RUNS,
  JWT_SECRET,
  RATES,
  SEATS,
  SWARMS,
  WARMUP_MS,
  WINDOW_MS,
  WRITER,
} from './sync/config'
import { fanOutCase, type CaseResult } from './sync/fanOut'
import { fmt, r0 } from './sync/format'
import { printCase } from './sync/print'
import { buildRows, type SeatCountCases } from './sync/rows'
import { SwarmProcess } from './sync/swarm'
import { checkBuild } from './sync/targets'
import { stats, type BenchRow } from './table'

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
      const cases: SeatCountCases[] = []
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
        for (const r of [syncRes, baseRes, ...(batchedRes ? [batchedRes] : [])]) printCase(r, seats)
        cases.push({ sync: syncRes, base: baseRes, batched: batchedRes })
      }
      return buildRows(cases, cu)
    } finally {
      for (const s of swarms) s.child.kill('SIGKILL')
      await rm(work, { recursive: true, force: true })
    }
  },
}
