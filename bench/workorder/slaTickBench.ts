import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrateToLatest, openDatabase } from '../../src/server/db/database'
import { PiiCipher } from '../../src/server/privacy/piiCipher'
import { loadPiiKeys } from '../../src/server/privacy/piiKeys'
import { intBetween, pick, seededRandom } from '../../src/server/seed/random'
import { readSla, slaColumns } from '../../src/server/workOrders/slaColumns'
import { SlaScheduler } from '../../src/server/workOrders/slaScheduler'
import { DEFAULT_CALENDAR } from '../../src/shared/workOrders/businessCalendar'
import { advanceSla, startSla } from '../../src/shared/workOrders/orderSla'
import { policyFor, type Priority } from '../../src/shared/workOrders/slaPolicy'
import { row, type BenchRow } from '../table'

const MIN = 60_000
const NOW0 = Date.parse('2026-11-23T10:00:00+08:00') // a Monday, the default calendar is open

/** Minutes before NOW0 an order of each priority may have started without anything being due yet. */
const RECENT: Record<Priority, number> = { A: 3, B: 20, C: 120 }

/**
 * The SLA scheduler over a SQLite database of `orders` open orders with running clocks: an idle
 * tick (nothing due: one index probe), CPU while ticking every second, and a tick that finds
 * thousands due at once — against the full scan (read and check every order's SLA) a scheduler
 * without the index would do each tick.
 */
export async function slaTickBench(orders: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sc-bench-sla-'))
  const handle = openDatabase({ dataDir: dir })
  try {
    const db = handle.db
    await migrateToLatest(db, new PiiCipher(loadPiiKeys({ dataDir: dir })))
    const rnd = seededRandom(9)
    const rows = Array.from({ length: orders }, (_, i) => {
      const priority = pick(rnd, ['A', 'B', 'B', 'B', 'B', 'C', 'C', 'C', 'C', 'C'] as const)
      const at = NOW0 - intBetween(rnd, 0, RECENT[priority] * 60) * 1000
      return {
        id: `wo-${i}`,
        service_code: `B${String(i).padStart(7, '0')}`,
        customer_id: `c-${i}`,
        store_id: `st-0${(i % 8) + 1}`,
        type: '维修',
        priority,
        status: 'assigned',
        title: '维修',
        description: '',
        assignee_id: `u-${i % 500}`,
        created_at: at,
        updated_at: at,
        ...slaColumns(startSla(policyFor('维修', priority), at, DEFAULT_CALENDAR), 0),
      }
    })
    for (let i = 0; i < rows.length; i += 500) {
      await db
        .insertInto('work_orders')
        .values(rows.slice(i, i + 500))
        .execute()
    }
    let now = NOW0
    const scheduler = new SlaScheduler({
      db,
      kind: 'sqlite',
      now: () => now,
      broadcast: () => undefined,
      intervalMs: 1000,
    })

    const idle: number[] = []
    for (let k = 0; k < 50; k++) {
      const t0 = performance.now()
      await scheduler.tick()
      idle.push(performance.now() - t0)
    }
    const scan: number[] = []
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now()
      const all = await db.selectFrom('work_orders').select(['id', 'sla']).execute()
      let due = 0
      for (const r of all) if (advanceSla(readSla(r)!, now, DEFAULT_CALENDAR).events.length > 0) due++
      if (due !== 0) throw new Error('nothing should be due at the start')
      scan.push(performance.now() - t0)
    }

    // CPU while the real timer ticks every second with nothing due
    const cpu0 = process.cpuUsage()
    const wall0 = performance.now()
    await scheduler.start()
    await new Promise((r) => setTimeout(r, 5000))
    await scheduler.stop()
    const used = process.cpuUsage(cpu0)
    const idleCpuPct = Math.round(((used.user + used.system) / 1000 / (performance.now() - wall0)) * 1000) / 10

    // five minutes later: A first responses breach, some B clocks warn
    now = NOW0 + 5 * MIN
    const t0 = performance.now()
    const busy = await scheduler.tick()
    const busyMs = performance.now() - t0
    return [
      {
        ...row(`SLA tick, ${orders.toLocaleString('en')} open orders, none due`, 'full scan of every SLA', idle, scan),
        extra: { idleCpuPct },
      },
      {
        ...row(`SLA tick, ${busy.orders.toLocaleString('en')} orders due at once`, 'same', [busyMs], [busyMs]),
        extra: {
          events: busy.events,
          ordersPerSec: Math.round(busy.orders / (busyMs / 1000)),
        },
      },
    ]
  } finally {
    await handle.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
