import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PresenceEntry } from '../../src/shared/domain/presence'
import { ServerCluster } from '../support/builtServers'
import { openSeat, type Seat } from '../support/seats'
import { startBalancer } from '../support/tcpBalancer'

/** Two sync-server processes on one PostgreSQL database, joined by the PostgreSQL socket.io adapter. */
describe('two sync-server nodes behind a balancer', () => {
  let cluster: ServerCluster
  let node1: { port: number; url: string }
  let node2: { port: number; url: string }
  let balancer: Awaited<ReturnType<typeof startBalancer>>
  let seatA: Seat
  let seatB: Seat

  beforeAll(async () => {
    cluster = await ServerCluster.create('postgres')
    node1 = await cluster.start()
    node2 = await cluster.start()
    balancer = await startBalancer([node1.port, node2.port]) // A reaches node 1 while it lives
    seatA = await openSeat(balancer.url, 'agent01')
    seatB = await openSeat(node2.url, 'agent02')
  })
  afterAll(async () => {
    await seatA?.close()
    await seatB?.close()
    await balancer?.close()
    await cluster?.close()
  })

  const presenceOf = (seat: Seat, userId: string) => {
    const seen: PresenceEntry[] = []
    seat.service.on('event', (name, p) => {
      if (name === 'presence.update' && (p as PresenceEntry).userId === userId) seen.push(p as PresenceEntry)
    })
    return seen
  }

  it('shows a state change and a work-order change made on node 1 to a seat on node 2 within a second', async () => {
    const seenByB = presenceOf(seatB, 'u-agent01')
    await seatA.call('presence.set', { state: 'ready' })
    await expect.poll(() => seenByB.at(-1)?.state, { timeout: 1000 }).toBe('ready')
    expect((await seatB.call('presence.list', {})).find((p) => p.userId === 'u-agent01')?.state).toBe('ready')

    const order = (await seatA.call('workOrders.list', { limit: 500 })).find((w) => w.status === 'assigned')!
    const t0 = Date.now()
    await seatA.call('records.write', {
      mutation: { kind: 'workOrder.setStatus', workOrderId: order.id, status: 'in_progress' },
    })
    await expect
      .poll(async () => (await seatB.call('workOrders.list', { limit: 500 })).find((w) => w.id === order.id)?.status, {
        timeout: 1000,
        interval: 20,
      })
      .toBe('in_progress')
    expect(Date.now() - t0).toBeLessThan(1000)
  })

  it('moves node 1 seats to node 2 when node 1 stops, and they resume from their cursors', async () => {
    const cursorBefore = seatA.service.cache.cursor()
    await cluster.stop(node1.port)
    // while A is reconnecting, B tags a customer A has cached
    const customer = (await seatA.call('customers.list', { limit: 5 }))[0]!
    await seatB.call('records.write', {
      mutation: { kind: 'customer.setTags', customerId: customer.id, tags: ['偏好浅色系', '两节点测试'] },
    })
    await expect.poll(() => seatB.service.seat.status().pending, { timeout: 10_000 }).toBe(0)
    // through the feed, not a fresh HTTP read: A's cache gets it after reconnecting to node 2
    await expect
      .poll(() => seatA.service.cache.get<{ tags: string[] }>('customer', customer.id)?.tags, { timeout: 20_000 })
      .toEqual(['偏好浅色系', '两节点测试'])
    expect(seatA.service.cache.cursor()).toBeGreaterThan(cursorBefore)
    await expect.poll(() => seatA.service.sync.isConnected(), { timeout: 10_000 }).toBe(true)
  })
})
