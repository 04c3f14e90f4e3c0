/**
 * The catch-up case: a seat pulling a backlog of changes from the server, by the bare sync:pull
 * loop and by the seat's real path into a LocalCache, against one SQLite query on the server DB.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Socket } from 'socket.io-client'
import { stopChild } from '../../scripts/lib/processes.mjs'
import { LocalCache } from '../../src/main/services/sync/localCache'
import type { LiveChange, PullResult } from '../../src/shared/sync/feed'
import { quantile, wallNow } from '../latency'
import { CATCHUP, CATCHUP_RUNS, PULL_PAGE } from './config'
import { cpuSeconds } from './machine'
import { startTarget } from './targets'
import { sleep } from './wait'
import { connectSocket, request, Writer } from './writer'

export interface CatchUpResult {
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
export async function catchUp(dataDir: string, writerToken: string, seatToken: string, work: string) {
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
