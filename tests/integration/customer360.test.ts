import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { phoneFor } from '../../src/server/seed/chineseNames'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { getJson, postJson } from '../support/http'
import { openSeat } from '../support/seats'
import { startTestServer, type Backend, type TestServer } from '../support/syncServer'

/** Every written form of a number, to look for in raw database bytes. */
function phoneForms(national: string): string[] {
  return [national, `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`, `86${national}`]
}

describe.each(['sqlite', 'postgres'] as Backend[])('customer lookup and privacy on %s', (backend) => {
  let server: TestServer
  const tokens: Record<string, string> = {}
  const phone = phoneFor(0) // customer c-0000001, store st-01

  beforeAll(async () => {
    server = await startTestServer(backend)
    for (const u of ['agent01', 'desk01', 'desk02', 'super01']) {
      tokens[u] = (
        await postJson(server.url, '/api/auth/login', { username: u, password: DEMO_PASSWORD })
      ).json.accessToken
    }
  })
  afterAll(async () => {
    await server?.stop()
  })

  const search = async (q: string, as = 'agent01') =>
    (await getJson(server.url, `/api/customers/search?q=${encodeURIComponent(q)}`, tokens[as])).json as any[]

  it('finds the same customer by the four common phone forms', async () => {
    const forms = [
      phone,
      `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
      `+86-${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`,
      `86${phone}`,
    ]
    for (const f of forms) {
      const hits = await search(f)
      expect(hits[0], f).toMatchObject({
        id: 'c-0000001',
        matched: 'phone',
        phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}`,
      })
    }
  })

  it('finds by member number, order number, service code and (partial) name', async () => {
    expect((await search('M10000000'))[0]).toMatchObject({ id: 'c-0000001', matched: 'member' })
    const me = (await getJson(server.url, '/api/customers/c-0000001', tokens.agent01)).json
    const byName = await search(me.name.slice(0, 1))
    expect(byName.length).toBeGreaterThan(0)
    expect(byName.every((h) => h.name.startsWith(me.name.slice(0, 1)) || h.name.includes(me.name.slice(0, 1)))).toBe(
      true,
    )
    expect((await search(me.name.slice(1))).some((h) => h.id === 'c-0000001')).toBe(true)
    const po = await server.db.db
      .selectFrom('purchases')
      .select(['order_no', 'customer_id'])
      .limit(1)
      .executeTakeFirstOrThrow()
    expect((await search(po.order_no))[0]).toMatchObject({ id: po.customer_id, matched: 'order' })
    const wo = await server.db.db
      .selectFrom('work_orders')
      .select(['service_code', 'customer_id'])
      .limit(1)
      .executeTakeFirstOrThrow()
    expect((await search(wo.service_code.toLowerCase()))[0]).toMatchObject({
      id: wo.customer_id,
      matched: 'serviceCode',
    })
    expect(await search('%')).toEqual([])
  })

  it("keeps store B's customers from a store-A front desk: empty search, 403 on the direct URL", async () => {
    // c-0000002 belongs to st-02 (customers are spread over stores in order)
    const other = phoneFor(1)
    expect(await search(other, 'desk01')).toEqual([])
    expect((await search(other, 'desk02'))[0]).toMatchObject({ id: 'c-0000002' })
    const direct = await getJson(server.url, '/api/customers/c-0000002', tokens.desk01)
    expect(direct.status).toBe(403)
    expect(direct.json.error.code).toBe('FORBIDDEN')
    expect((await search('M', 'desk01')).every((h) => h.homeStoreId === 'st-01')).toBe(true)
  })

  it('reveals a phone only through an audited call that a supervisor can read', async () => {
    const res = await fetch(new URL('/api/customers/c-0000001/reveal', server.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens.agent01}`,
        'x-seat-id': 'seat-test-1',
      },
      body: JSON.stringify({ field: 'phone' }),
    })
    expect(await res.json()).toEqual({ field: 'phone', value: phone })
    expect((await getJson(server.url, '/api/audit', tokens.agent01)).status).toBe(403)
    const audit = (await getJson(server.url, '/api/audit', tokens.super01)).json as any[]
    expect(audit[0]).toMatchObject({
      userId: 'u-agent01',
      userName: '李娜',
      action: 'reveal',
      entity: 'customer',
      entityId: 'c-0000001',
      seat: 'seat-test-1',
      detail: { field: 'phone' },
    })
  })

  it('builds the 360 first screen: RFM with its reason, hints, open orders, recent purchases', async () => {
    // find a customer with purchases and a work order
    const wo = await server.db.db
      .selectFrom('work_orders')
      .innerJoin('purchases', 'purchases.customer_id', 'work_orders.customer_id')
      .select('work_orders.customer_id')
      .where('work_orders.status', '!=', 'closed')
      .limit(1)
      .executeTakeFirstOrThrow()
    const { status, json } = await getJson(server.url, `/api/customers/${wo.customer_id}/profile`, tokens.agent01)
    expect(status).toBe(200)
    expect(json.customer.id).toBe(wo.customer_id)
    expect(['core_value', 'potential', 'churn_risk']).toContain(json.rfm.segment)
    expect(json.rfm.reason.orders).toBe(json.rfm.frequency)
    expect(json.openWorkOrders.length).toBeGreaterThan(0)
    expect(json.openWorkOrders.every((o: any) => o.status !== 'closed')).toBe(true)
    expect(json.recentPurchases.length).toBeGreaterThan(0)
    expect(Array.isArray(json.hints)).toBe(true)
  })

  it('pages the timeline newest first and filters it by kind and channel', async () => {
    const id = 'c-0000001'
    const url = (q: string) => `/api/customers/${id}/timeline?${q}`
    const all = (await getJson(server.url, url('limit=500'), tokens.agent01)).json
    expect(all.events.length).toBeGreaterThan(0)
    const ats = all.events.map((e: any) => e.at)
    expect(ats).toEqual([...ats].sort((a: number, b: number) => b - a))
    const first = (await getJson(server.url, url('limit=1'), tokens.agent01)).json
    expect(first.events).toEqual(all.events.slice(0, 1))
    if (all.events.length > 1) {
      const after = first.events[0]
      const next = (await getJson(server.url, url(`limit=1&before=${after.at}&beforeId=${after.id}`), tokens.agent01))
        .json
      expect(next.events).toEqual(all.events.slice(1, 2))
    }
    const kind = all.events[0].kind
    const filtered = (await getJson(server.url, url(`limit=500&kinds=${kind}`), tokens.agent01)).json
    expect(filtered.events.length).toBe(all.events.filter((e: any) => e.kind === kind).length)
    const bad = await getJson(server.url, url('kinds=telegram'), tokens.agent01)
    expect(bad.json.error).toMatchObject({ code: 'SCHEMA', field: 'kinds.0' })
    expect((await getJson(server.url, `/api/customers/c-0000002/timeline`, tokens.desk01)).status).toBe(403)
    expect((await getJson(server.url, `/api/customers/c-0000002/profile`, tokens.desk01)).status).toBe(403)
  })

  it('merges two records of one person after a preview, moving history and leaving an audit trail', async () => {
    const survivor = 'c-0000009'
    const absorbed = 'c-0000017' // same store (st-01) as c-0000009
    const seat = await openSeat(server.url, 'agent01')
    try {
      await seat.call('customers.get', { id: absorbed }) // the seat has it cached
      const before = (await getJson(server.url, `/api/customers/${absorbed}/timeline?limit=500`, tokens.agent01)).json
        .events.length
      const preview = (
        await getJson(server.url, `/api/customers/${survivor}/merge-preview?absorbId=${absorbed}`, tokens.agent01)
      ).json
      expect(preview.moves.timeline_events).toBe(before)
      expect(preview.result.id).toBe(survivor)
      const merged = await postJson(
        server.url,
        `/api/customers/${survivor}/merge`,
        { absorbId: absorbed },
        tokens.agent01,
      )
      expect(merged.status).toBe(200)
      expect(merged.json.tags).toEqual(preview.result.tags)
      // the absorbed id now opens the survivor; its history moved; search no longer lists it
      expect((await getJson(server.url, `/api/customers/${absorbed}`, tokens.agent01)).json.id).toBe(survivor)
      expect(
        (await getJson(server.url, `/api/customers/${absorbed}/timeline?limit=500`, tokens.agent01)).json.events.length,
      ).toBeGreaterThanOrEqual(before)
      // the duplicate's number now finds the survivor
      expect((await search(phoneFor(16))).map((h) => h.id)).toEqual([survivor])
      const audit = (await getJson(server.url, '/api/audit', tokens.super01)).json as any[]
      expect(audit[0]).toMatchObject({ action: 'merge', entityId: survivor, detail: { absorbed: { id: absorbed } } })
      await expect.poll(() => seat.service.cache.get('customer', absorbed)).toBeNull()
      const self = await postJson(
        server.url,
        `/api/customers/${survivor}/merge`,
        { absorbId: survivor },
        tokens.agent01,
      )
      expect(self.json.error).toMatchObject({ code: 'SCHEMA', field: 'absorbId' })
    } finally {
      await seat.close()
    }
  })

  it('adds a second phone and an email that then find the customer; refuses one that belongs to someone else', async () => {
    const add = (id: string, kind: string, value: string) =>
      postJson(server.url, `/api/customers/${id}/identities`, { kind, value }, tokens.agent01)
    const extra = '139 0000 1234'
    const res = await add('c-0000003', 'phone', extra)
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject([{ kind: 'phone', masked: '139****1234' }])
    expect((await add('c-0000003', 'phone', '+86 13900001234')).json).toHaveLength(1) // same number again: no-op
    expect((await search('13900001234'))[0]).toMatchObject({ id: 'c-0000003', matched: 'phone' })
    await add('c-0000003', 'email', 'Chen.Jing@Example.com')
    expect((await search('chen.jing@example.com'))[0]).toMatchObject({ id: 'c-0000003', matched: 'email' })
    const taken = await add('c-0000004', 'phone', extra)
    expect(taken.status).toBe(409)
    expect(taken.json.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('c-0000003') })
    expect((await add('c-0000004', 'id_card', '110101199003071234')).json.error).toMatchObject({
      code: 'SCHEMA',
      field: 'value',
    })
    const profile = (await getJson(server.url, '/api/customers/c-0000003/profile', tokens.agent01)).json
    expect(profile.identities.map((i: any) => i.kind)).toEqual(['phone', 'email'])
    expect(JSON.stringify(profile)).not.toContain('Chen.Jing')
  })

  it('stores no phone number in plaintext: server database and seat cache', async () => {
    const seat = await openSeat(server.url, 'agent01')
    try {
      const samples = [0, 1, 2, 3, 500, 1999].map((i) => phoneFor(i))
      const files: string[] = [
        ...readdirSync(seat.dataDir)
          .filter((f) => f.startsWith('cache.db'))
          .map((f) => join(seat.dataDir, f)),
      ]
      let dump = ''
      if (backend === 'sqlite') {
        files.push(
          ...readdirSync(server.dataDir)
            .filter((f) => f.startsWith('console.db'))
            .map((f) => join(server.dataDir, f)),
        )
      } else {
        const url = (server.db as { pool?: { options: { connectionString?: string } } }).pool!.options.connectionString!
        dump = execFileSync('pg_dump', ['--data-only', url], { maxBuffer: 256 * 1024 * 1024 }).toString('latin1')
        expect(dump).toContain('COPY public.customers')
      }
      const blobs = [...files.map((f) => readFileSync(f).toString('latin1')), dump]
      for (const p of samples)
        for (const form of phoneForms(p)) for (const b of blobs) expect(b.includes(form), form).toBe(false)
    } finally {
      await seat.close()
    }
  })
})
