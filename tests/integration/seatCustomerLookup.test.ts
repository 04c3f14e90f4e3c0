import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { phoneFor } from '../../src/server/seed/chineseNames'
import { seatIdOf } from '../../src/main/services/seatId'
import { ServerCluster } from '../support/builtServers'
import { openSeat, type Seat } from '../support/seats'

describe('customer lookup from a seat, online and offline', () => {
  let cluster: ServerCluster
  let port: number
  let seat: Seat
  let supervisor: Seat

  beforeAll(async () => {
    cluster = await ServerCluster.create('sqlite')
    const node = await cluster.start()
    port = node.port
    seat = await openSeat(node.url, 'agent01')
    supervisor = await openSeat(node.url, 'super01')
  })
  afterAll(async () => {
    await seat?.close()
    await supervisor?.close()
    await cluster?.close()
  })

  it('searches the server while online and reveals with an audit row naming this seat', async () => {
    const phone = phoneFor(0)
    const found = await seat.call('customers.search', { q: `+86 ${phone}`, limit: 5 })
    expect(found.source).toBe('server')
    expect(found.hits[0]).toMatchObject({ id: 'c-0000001', matched: 'phone' })
    const record = await seat.call('customers.get', { id: 'c-0000001' })
    expect(record?.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`)
    expect(await seat.call('customers.reveal', { id: 'c-0000001', field: 'phone' })).toEqual({
      field: 'phone',
      value: phone,
    })
    const audit = await supervisor.call('audit.list', { limit: 5 })
    expect(audit[0]).toMatchObject({ action: 'reveal', entityId: 'c-0000001', seat: seatIdOf(seat.dataDir) })
  })

  it('pops the caller from the seat cache by keyed hash, or from the server on a miss', async () => {
    const cached = (await seat.call('customers.list', { limit: 1 }))[0]!
    const index = Number(cached.id.slice(2)) - 1
    const n = phoneFor(index)
    expect(
      await seat.call('customers.screenPop', { phone: `+86-${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}` }),
    ).toMatchObject({
      source: 'cache',
      normalized: n,
      customer: { id: cached.id },
    })
    const cold = phoneFor(1999) // c-0002000: not in the working set unless it has an open order
    const first = await seat.call('customers.screenPop', { phone: cold })
    expect(first.customer?.id).toBe('c-0002000')
    expect((await seat.call('customers.screenPop', { phone: cold })).source).toBe('cache')
    expect(await seat.call('customers.screenPop', { phone: '13900000000' })).toMatchObject({
      customer: null,
      source: 'none',
    })
    expect(await seat.call('customers.screenPop', { phone: 'hello' })).toEqual({
      customer: null,
      normalized: null,
      source: 'none',
    })
  })

  it('falls back to the cache offline: the opened customer is still there and found by name', async () => {
    const opened = await seat.call('customers.get', { id: 'c-0000001' })
    await cluster.stop(port)
    await expect.poll(() => seat.service.sync.isConnected()).toBe(false)
    expect(await seat.call('customers.get', { id: 'c-0000001' })).toEqual(opened)
    const found = await seat.call('customers.search', { q: opened!.name, limit: 5 })
    expect(found.source).toBe('cache')
    expect(found.hits.map((h) => h.id)).toContain('c-0000001')
    expect((await seat.service.dispatch('customers.reveal', { id: 'c-0000001', field: 'phone' })).ok).toBe(false)
    // screen pops keep working offline for cached customers (the key stays in memory)
    expect(await seat.call('customers.screenPop', { phone: phoneFor(0) })).toMatchObject({
      source: 'cache',
      customer: { id: 'c-0000001' },
    })
  })
})
