import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { startSyncServer, type SyncServer } from '../../src/server/app'
import { openDatabase } from '../../src/server/db/database'
import type { Database } from '../../src/server/db/schema'
import { slaColumns } from '../../src/server/workOrders/slaColumns'
import { SlaScheduler } from '../../src/server/workOrders/slaScheduler'
import { DEFAULT_CALENDAR } from '../../src/shared/workOrders/businessCalendar'
import { startSla } from '../../src/shared/workOrders/orderSla'
import { policyFor } from '../../src/shared/workOrders/slaPolicy'
import { createTempDatabase, type TempDatabase } from '../support/postgres'
import { TEST_JWT_SECRET } from '../support/syncServer'

const cn = (local: string) => Date.parse(`${local}:00+08:00`)
const MIN = 60_000

/** An open A-priority complaint assigned to agent01, its SLA started at `at`. */
async function insertOrder(db: Kysely<Database>, id: string, at: number): Promise<void> {
  const sla = startSla(policyFor('投诉', 'A'), at, DEFAULT_CALENDAR)
  await db
    .insertInto('work_orders')
    .values({
      id,
      service_code: `T${id.slice(-7).padStart(7, '0')}`,
      customer_id: 'c-0000001',
      store_id: 'st-01',
      type: '投诉',
      priority: 'A',
      status: 'assigned',
      title: '投诉：空调',
      description: '空调漏水，三次上门未修好',
      assignee_id: 'u-agent01',
      created_at: at,
      updated_at: at,
      ...slaColumns(sla, 0),
    })
    .execute()
}

const noticesOf = (db: Kysely<Database>, orderId: string) =>
  db
    .selectFrom('notifications')
    .select(['user_id', 'kind', 'clock', 'tier'])
    .where('work_order_id', '=', orderId)
    .orderBy('at')
    .orderBy('kind')
    .orderBy('user_id')
    .execute()

const slaChangesOf = async (db: Kysely<Database>, orderId: string) =>
  (await db.selectFrom('change_feed').select('changed_fields').where('entity_id', '=', orderId).execute()).filter((r) =>
    JSON.parse(r.changed_fields).includes('sla'),
  ).length

describe.each(['sqlite', 'postgres'] as const)('SLA scheduler (%s)', (backend) => {
  let dataDir = ''
  let pg: TempDatabase | null = null
  let server: SyncServer | undefined
  let now = cn('2026-11-23T10:00') // a Monday, inside the default calendar's 09:00–18:00
  const start = async () => {
    server = await startSyncServer(
      { port: 0, dataDir, databaseUrl: pg?.url, jwtSecret: TEST_JWT_SECRET, logLevel: 'silent' },
      { now: () => now },
    )
    return server
  }
  afterAll(async () => {
    await server?.close()
    await pg?.drop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('processes a breach that happened while the server was down once, on start', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sc-sla-'))
    pg = backend === 'postgres' ? await createTempDatabase() : null
    let s = await start()
    await insertOrder(s.db.db, 'wo-sla-1', now)

    now += 4 * MIN // past 75 % of the 5-minute first response
    expect(await s.slaScheduler.tick()).toMatchObject({ orders: 1, events: 1 })
    expect(await noticesOf(s.db.db, 'wo-sla-1')).toEqual([
      { user_id: 'u-agent01', kind: 'sla.warning', clock: 'firstResponse', tier: 1 },
      { user_id: 'u-super01', kind: 'sla.warning', clock: 'firstResponse', tier: 1 },
    ])
    await s.close()

    // down from 10:04 to 10:40: first response due 10:05, tier 1 → 2 at 10:20, solution due 10:30
    now = cn('2026-11-23T10:40')
    s = await start()
    const notices = (await noticesOf(s.db.db, 'wo-sla-1')).slice(2)
    expect(notices).toEqual([
      { user_id: 'u-agent01', kind: 'sla.breach', clock: 'firstResponse', tier: null },
      { user_id: 'u-agent01', kind: 'sla.escalated', clock: null, tier: 1 },
      { user_id: 'u-super01', kind: 'sla.escalated', clock: null, tier: 1 },
      { user_id: 'u-admin', kind: 'sla.escalated', clock: null, tier: 2 },
      { user_id: 'u-agent01', kind: 'sla.escalated', clock: null, tier: 2 },
      { user_id: 'u-super01', kind: 'sla.escalated', clock: null, tier: 2 },
      { user_id: 'u-agent01', kind: 'sla.breach', clock: 'solution', tier: null },
    ])
    const order = await s.db.db
      .selectFrom('work_orders')
      .selectAll()
      .where('id', '=', 'wo-sla-1')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(order.sla!).tier).toBe(2)
    expect(order.sla_next_at).toBe(cn('2026-11-23T10:50')) // tier 2 holds 30 minutes
    expect(await slaChangesOf(s.db.db, 'wo-sla-1')).toBe(2)

    // another restart finds nothing new
    await s.close()
    s = await start()
    expect(await noticesOf(s.db.db, 'wo-sla-1')).toHaveLength(9)
    expect(await slaChangesOf(s.db.db, 'wo-sla-1')).toBe(2)

    now = cn('2026-11-23T10:51')
    await s.slaScheduler.tick()
    expect((await noticesOf(s.db.db, 'wo-sla-1')).slice(9)).toEqual([
      { user_id: 'u-admin', kind: 'sla.escalated', clock: null, tier: 3 },
      { user_id: 'u-agent01', kind: 'sla.escalated', clock: null, tier: 3 },
    ])
  })

  it('records every event once when two nodes tick the same database at the same time', async () => {
    const s = server!
    const orders = 250
    const at = now
    for (let i = 0; i < orders; i++) await insertOrder(s.db.db, `wo-race-${String(i).padStart(4, '0')}`, at)
    now = at + 6 * MIN // every first response breached → breach + tier 1 for each order
    // a second node: its own connection pool on PostgreSQL; on SQLite the one writer connection
    const other = backend === 'postgres' ? openDatabase({ databaseUrl: pg!.url, dataDir }) : null
    try {
      const second = new SlaScheduler({
        db: other?.db ?? s.db.db,
        kind: backend,
        now: () => now,
        broadcast: () => undefined,
        batchSize: 50,
      })
      const [a, b] = await Promise.all([s.slaScheduler.tick(), second.tick()])
      expect(a.orders + b.orders).toBe(orders)
      const breaches = await s.db.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('work_order_id', 'like', 'wo-race-%')
        .where('kind', '=', 'sla.breach')
        .executeTakeFirstOrThrow()
      expect(Number(breaches.n)).toBe(orders)
      const feed = await s.db.db
        .selectFrom('change_feed')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('entity_id', 'like', 'wo-race-%')
        .executeTakeFirstOrThrow()
      expect(Number(feed.n)).toBe(orders)
    } finally {
      await other?.close()
    }
  })
})
