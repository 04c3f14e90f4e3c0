import { afterAll, describe, expect, it } from 'vitest'
import type { CustomerRecord } from '../../src/shared/domain/records'
import { ServerCluster } from '../support/builtServers'
import { readFeed } from '../support/feedRows'
import { openSeat, type Seat } from '../support/seats'

const USERS = ['agent01', 'agent02', 'super01', 'admin', 'desk01']

describe.each(['sqlite', 'postgres'] as const)('kill -9 of the server while 5 seats write (%s)', (backend) => {
  const seats: Seat[] = []
  let cluster: ServerCluster | undefined
  afterAll(async () => {
    await Promise.all(seats.map((s) => s.close()))
    await cluster?.close()
  })

  it('keeps every acknowledged write and lands every unacknowledged one exactly once', async () => {
    cluster = await ServerCluster.create(backend)
    const node = await cluster.start()
    for (const u of USERS) seats.push(await openSeat(node.url, u))

    // each seat edits one customer it may see; the front desk only its own store's
    const targets: CustomerRecord[] = []
    for (const s of seats) {
      const mine = (await s.call('customers.list', { limit: 50 })).find((c) => !targets.some((t) => t.id === c.id))!
      targets.push(mine)
    }
    const opIds: string[] = []
    let writing = true
    const writers = seats.map(async (s, i) => {
      for (let k = 0; writing; k++) {
        const { opId } = await s.call('records.write', {
          mutation: {
            kind: 'customer.updateFields',
            customerId: targets[i]!.id,
            fields: { focus: `${USERS[i]} #${k}` },
          },
        })
        opIds.push(opId)
        await new Promise((r) => setTimeout(r, 15))
      }
    })
    await new Promise((r) => setTimeout(r, 800))
    const ackedBeforeCrash = new Set((await readFeed(cluster)).map((r) => r.op_id))
    cluster.kill(node.port)
    await new Promise((r) => setTimeout(r, 800))
    writing = false
    await Promise.all(writers)
    await cluster.start(node.port)
    for (const s of seats) await expect.poll(() => s.service.seat.status().pending, { timeout: 30_000 }).toBe(0)

    const feed = (await readFeed(cluster)).filter((r) => r.op_id !== null)
    const counts = new Map<string, number>()
    for (const r of feed) counts.set(r.op_id!, (counts.get(r.op_id!) ?? 0) + 1)
    expect(opIds.length).toBeGreaterThan(50)
    for (const id of opIds) expect(counts.get(id), `op ${id}`).toBe(1)
    for (const id of ackedBeforeCrash) if (id) expect(counts.get(id)).toBe(1)
    expect(feed.length).toBe(opIds.length)
    // the last edit of each seat is what the record holds now, for every seat
    await Promise.all(seats.map((s) => s.service.seat.idle()))
    for (const [i, s] of seats.entries()) {
      const last = feed.filter((r) => r.entity_id === targets[i]!.id).at(-1)!
      expect((await s.call('customers.get', { id: targets[i]!.id }))?.focus).toBe(JSON.parse(last.data).focus)
    }
  })
})
