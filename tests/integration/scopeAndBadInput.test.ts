import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { postJson } from '../support/http'
import { openSeat, type Seat } from '../support/seats'
import { startTestServer, type TestServer } from '../support/syncServer'

async function rawSocket(url: string, username: string): Promise<{ socket: Socket; frames: [string, any][] }> {
  const { json } = await postJson(url, '/api/auth/login', { username, password: DEMO_PASSWORD })
  const socket = io(url, { transports: ['websocket'], auth: { token: json.accessToken }, reconnection: false })
  const frames: [string, any][] = []
  socket.onAny((event: string, payload: unknown) => frames.push([event, payload]))
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', () => resolve())
    socket.on('connect_error', reject)
  })
  return { socket, frames }
}

describe('store scope and bad input on the sync socket', () => {
  let server: TestServer
  let agent: Seat
  let desk: Seat
  let wire: Awaited<ReturnType<typeof rawSocket>>

  beforeAll(async () => {
    server = await startTestServer('sqlite')
    agent = await openSeat(server.url, 'agent01')
    desk = await openSeat(server.url, 'desk01') // store st-01
    wire = await rawSocket(server.url, 'desk01')
  })
  afterAll(async () => {
    wire?.socket.close()
    await agent?.close()
    await desk?.close()
    await server?.stop()
  })

  it('never lets a store-A front desk receive a store-B record: not in its cache, not on the wire', async () => {
    const all = await agent.call('customers.list', { limit: 5000 })
    const own = all.find((c) => c.homeStoreId === 'st-01')!
    const other = all.find((c) => c.homeStoreId === 'st-02')!
    const otherOrder = (await agent.call('workOrders.list', { limit: 5000 })).find(
      (w) => w.storeId === 'st-02' && w.status === 'assigned',
    )!
    await agent.call('records.write', { mutation: { kind: 'customer.setTags', customerId: own.id, tags: ['本店'] } })
    await agent.call('records.write', { mutation: { kind: 'customer.setTags', customerId: other.id, tags: ['外店'] } })
    await agent.call('records.write', {
      mutation: { kind: 'workOrder.setStatus', workOrderId: otherOrder.id, status: 'in_progress' },
    })
    await expect.poll(() => agent.service.seat.status().pending).toBe(0)
    await expect.poll(async () => (await desk.call('customers.get', { id: own.id }))?.tags).toEqual(['本店'])

    const feedFrames = wire.frames.filter(([e]) => e === 'feed:changes').flatMap(([, p]) => p as any[])
    expect(feedFrames.map((p) => p.entityId)).toEqual([own.id])
    expect(JSON.stringify(wire.frames)).not.toContain('st-02')

    expect(desk.service.cache.storeIds()).toEqual(['st-01'])
    expect(desk.service.cache.get('customer', other.id)).toBeNull()
    expect(await desk.service.dispatch('customers.get', { id: other.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const pulled = await wire.socket.emitWithAck('sync:pull', { since: 0, limit: 5000 })
    expect(pulled.result.changes.every((c: any) => c.data.homeStoreId === 'st-01' || c.data.storeId === 'st-01')).toBe(
      true,
    )
    const snap = await wire.socket.emitWithAck('sync:snapshot', { entity: 'customer', after: null, limit: 5000 })
    expect(snap.result.records.length).toBeGreaterThan(0)
    expect(snap.result.records.every((c: any) => c.homeStoreId === 'st-01')).toBe(true)
  })

  it('refuses writes to another store with a reason', async () => {
    const other = (await agent.call('customers.list', { limit: 5000 })).find((c) => c.homeStoreId === 'st-02')!
    const res = await wire.socket.emitWithAck('sync:write', {
      opId: crypto.randomUUID(),
      mutation: { kind: 'customer.setTags', customerId: other.id, tags: ['越权'] },
    })
    expect(res).toMatchObject({
      ok: true,
      result: { status: 'rejected', error: { code: 'FORBIDDEN', reason: { key: 'otherStore' } } },
    })
  })

  it('answers malformed, unknown and oversized events with an error naming the problem and stays up', async () => {
    const s = wire.socket
    const errors = () => wire.frames.filter(([e]) => e === 'sync:error').map(([, p]) => p)
    expect(
      await s.emitWithAck('sync:write', { opId: 'not-a-uuid', mutation: { kind: 'customer.setTags' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'SCHEMA', field: 'opId' },
    })
    expect(await s.emitWithAck('sync:pull', { since: -1, limit: 10 })).toMatchObject({
      ok: false,
      error: { field: 'since' },
    })
    s.emit('drop:tables', {})
    s.emit('sync:pull', { since: 0, limit: 1 }) // no ack callback
    await expect.poll(() => errors().length).toBe(2)
    expect(errors()[0]).toMatchObject({ event: 'drop:tables', error: { code: 'SCHEMA', field: 'event' } })
    expect(errors()[1]).toMatchObject({
      event: 'sync:pull',
      error: { message: expect.stringContaining('acknowledgement') },
    })
    const huge = await s.emitWithAck('sync:ping', { sentAt: 1, payload: 'x'.repeat(300_000) })
    expect(huge).toMatchObject({ ok: false, error: { code: 'SCHEMA', message: expect.stringContaining('exceeds') } })
    expect(s.connected).toBe(true)
    expect(await s.emitWithAck('sync:ping', { sentAt: 2, payload: 'still here' })).toMatchObject({ ok: true })
  })

  it('tells the later writer which fields it overwrote (last writer wins per field)', async () => {
    const peer = await openSeat(server.url, 'agent02')
    try {
      const c = (await agent.call('customers.list', { limit: 5 }))[0]!
      const overwrote: any[] = []
      peer.service.on('event', (name, p) => name === 'write.overwrote' && overwrote.push(p))
      await agent.call('records.write', {
        mutation: {
          kind: 'customer.updateFields',
          customerId: c.id,
          fields: { focus: '关注安装时间' },
          base: { focus: c.focus },
        },
      })
      await expect.poll(() => agent.service.seat.status().pending).toBe(0)
      await peer.call('records.write', {
        mutation: {
          kind: 'customer.updateFields',
          customerId: c.id,
          fields: { focus: '关注价格' },
          base: { focus: c.focus },
        },
      })
      await expect.poll(() => overwrote.length).toBe(1)
      expect(overwrote[0].fields).toEqual([{ field: 'focus', theirs: '关注安装时间', yours: '关注价格' }])
      await expect.poll(async () => (await agent.call('customers.get', { id: c.id }))?.focus).toBe('关注价格')
    } finally {
      await peer.close()
    }
  })
})
