import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CustomerRecord } from '../../src/shared/domain/records'
import { ServerCluster } from '../support/builtServers'
import { readFeed } from '../support/feedRows'
import { openSeat, type Seat } from '../support/seats'

describe('offline edits: queued while the server is down, delivered exactly once in order', () => {
  let cluster: ServerCluster
  let seat: Seat
  let port: number

  beforeAll(async () => {
    cluster = await ServerCluster.create('sqlite')
    const node = await cluster.start()
    port = node.port
    seat = await openSeat(node.url, 'agent01')
  })
  afterAll(async () => {
    await seat?.close()
    await cluster?.close()
  })

  it('keeps 50 edits across 10 records through a server outage and counts them down', async () => {
    const customers: CustomerRecord[] = (await seat.call('customers.list', { limit: 10 })).slice(0, 10)
    expect(customers).toHaveLength(10)
    const stores = await seat.call('stores.list', {})
    expect(stores.find((s) => s.id === 'st-01')?.name).toBe('上海徐汇旗舰店')

    await cluster.stop(port)
    await expect.poll(() => seat.service.sync.isConnected()).toBe(false)
    expect(await seat.call('sync.status', {})).toMatchObject({ connected: false })

    // reads keep working from the cache while offline, store names included
    expect((await seat.call('workOrders.list', { limit: 5 })).length).toBeGreaterThan(0)
    expect(await seat.call('stores.list', {})).toEqual(stores)

    const written: { opId: string; customerId: string; notes: string }[] = []
    for (let i = 0; i < 50; i++) {
      const c = customers[i % 10]!
      const notes = `离线备注 ${i}`
      const { opId, outbox } = await seat.call('records.write', {
        mutation: { kind: 'customer.updateFields', customerId: c.id, fields: { notes } },
      })
      expect(outbox.pending).toBe(i + 1)
      written.push({ opId, customerId: c.id, notes })
    }
    // the agent sees their own edits at once, from the cache with the outbox on top
    expect((await seat.call('customers.get', { id: customers[3]!.id }))?.notes).toBe('离线备注 43')

    seat.outboxHistory.length = 0
    await cluster.start(port)
    await expect.poll(() => seat.service.seat.status().pending, { timeout: 30_000 }).toBe(0)

    // the banner counted down from 50 to 0 without going up
    const counts = seat.outboxHistory.map((s) => s.pending)
    expect(counts.at(-1)).toBe(0)
    expect(counts.every((n, i) => i === 0 || n <= counts[i - 1]!)).toBe(true)
    expect(counts[0]).toBeGreaterThanOrEqual(49)

    const feed = (await readFeed(cluster)).filter((r) => r.by_user === 'u-agent01')
    const byOp = new Map(feed.map((r) => [r.op_id, r]))
    expect(feed).toHaveLength(50)
    expect(byOp.size).toBe(50)
    for (const w of written) expect(byOp.has(w.opId)).toBe(true)
    for (const c of customers) {
      const typed = written.filter((w) => w.customerId === c.id).map((w) => w.notes)
      const landed = feed.filter((r) => r.entity_id === c.id).map((r) => JSON.parse(r.data).notes)
      expect(landed).toEqual(typed)
    }
    await seat.service.seat.idle()
    expect((await seat.call('customers.get', { id: customers[9]!.id }))?.notes).toBe('离线备注 49')
  })

  it('shows a refused write with its reason, keeps it out of the retry loop, and lets the agent dismiss it', async () => {
    const order = (await seat.call('workOrders.list', { limit: 500 })).find((w) => w.status === 'new')!
    const rejected: unknown[] = []
    seat.service.on('event', (name, payload) => {
      if (name === 'write.rejected') rejected.push(payload)
    })
    await seat.call('records.write', {
      mutation: { kind: 'workOrder.setStatus', workOrderId: order.id, status: 'closed' },
    })
    await expect.poll(() => rejected.length).toBe(1)
    expect(rejected[0]).toMatchObject({
      error: {
        code: 'SCHEMA',
        field: 'status',
        message: expect.stringContaining('new to closed'),
        reason: { key: 'invalidTransition', params: { from: 'new', to: 'closed' } },
      },
    })
    const list = await seat.call('outbox.rejected', {})
    expect(list).toHaveLength(1)
    // the reason survives in the seat's cache, so the dialog can say it after a restart
    expect(list[0]!.error.reason).toEqual({ key: 'invalidTransition', params: { from: 'new', to: 'closed' } })
    expect(await seat.call('outbox.status', {})).toEqual({ pending: 0, rejected: 1 })
    // the cached order shows the server's truth, not the refused change
    expect((await seat.call('workOrders.list', { limit: 500 })).find((w) => w.id === order.id)?.status).toBe('new')
    expect(await seat.call('outbox.dismiss', { opId: list[0]!.opId })).toEqual({ pending: 0, rejected: 0 })
  })
})
