import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { getJson, postJson } from '../support/http'
import { startTestServer, type TestServer } from '../support/syncServer'

/** A real 1×1 PNG, as a canvas's toDataURL gives it. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
const SIGNATURE = `data:image/png;base64,${PNG_BASE64}`
const png = Buffer.from(PNG_BASE64, 'base64')
/** PNG header and end, 210 KB of data between: over the 200 KB limit */
const OVERSIZE = `data:image/png;base64,${Buffer.concat([png.subarray(0, 33), Buffer.alloc(210 * 1024), png.subarray(-12)]).toString('base64')}`

const report = {
  workDone: '上门检测空调不制冷，补充冷媒并更换室外机电容，试机正常',
  parts: [
    { name: '启动电容 35μF', quantity: 1 },
    { name: 'R32 冷媒 (kg)', quantity: 2 },
  ],
  signerName: '李女士',
  signaturePng: SIGNATURE,
}

describe.each(['sqlite', 'postgres'] as const)('signed on-site service reports (%s)', (backend) => {
  let server: TestServer
  const tokens: Record<string, string> = {}
  const orders: Record<'st01' | 'st02', { id: string; serviceCode: string; customerId: string; title: string }> =
    {} as never

  const save = (user: string, orderId: string, body: Record<string, unknown> = report) =>
    postJson(server.url, `/api/work-orders/${orderId}/report`, body, tokens[user])
  const read = (user: string, orderId: string) =>
    getJson(server.url, `/api/work-orders/${orderId}/report`, tokens[user])

  beforeAll(async () => {
    server = await startTestServer(backend)
    for (const u of ['agent01', 'desk01', 'super01', 'admin']) {
      tokens[u] = (await postJson(server.url, '/api/auth/login', { username: u, password: DEMO_PASSWORD })).json
        .accessToken as string
    }
    for (const [key, store] of [
      ['st01', 'st-01'],
      ['st02', 'st-02'],
    ] as const) {
      const customer = await server.db.db
        .selectFrom('customers')
        .select('id')
        .where('home_store_id', '=', store)
        .orderBy('id')
        .executeTakeFirstOrThrow()
      const created = await postJson(
        server.url,
        '/api/work-orders',
        {
          requestId: randomUUID(),
          channel: 'visit',
          customerId: customer.id,
          type: '维修',
          title: '空调不制冷上门维修',
        },
        tokens.super01,
      )
      expect(created.status).toBe(200)
      orders[key] = created.json.order
    }
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('has no report until the customer signs; then the report, its hash and a verified mark', async () => {
    const before = await read('desk01', orders.st01.id)
    expect(before.status).toBe(200)
    expect(before.json.report).toBeNull()
    expect(before.json.order).toMatchObject({ serviceCode: orders.st01.serviceCode, storeId: 'st-01' })

    const saved = await save('desk01', orders.st01.id)
    expect(saved.status).toBe(200)
    expect(saved.json.report).toMatchObject({
      version: 1,
      workDone: report.workDone,
      parts: report.parts,
      signerName: '李女士',
      signaturePng: SIGNATURE,
      signedBy: { id: 'u-desk01' },
      order: { serviceCode: orders.st01.serviceCode, type: '维修', title: '空调不制冷上门维修' },
      verified: true,
    })
    expect(saved.json.report.hash).toMatch(/^[0-9a-f]{64}$/)

    const after = await read('agent01', orders.st01.id)
    expect(after.json.report).toEqual(saved.json.report)
  })

  it('puts the signing on the customer timeline under the order’s service code', async () => {
    const timeline = await getJson(
      server.url,
      `/api/customers/${orders.st01.customerId}/timeline?kinds=work_order`,
      tokens.agent01,
    )
    const entry = (timeline.json.events as { title: string; refId: string; channel: string }[]).find((e) =>
      e.title.startsWith('服务报告已签字'),
    )
    expect(entry).toMatchObject({ refId: orders.st01.serviceCode, channel: 'store' })
  })

  it('keeps the first signing when the customer signs again: a new version with its own hash', async () => {
    const first = (await read('desk01', orders.st01.id)).json.report
    const second = await save('super01', orders.st01.id, { ...report, workDone: '复查：运行稳定，出风温度 12℃' })
    expect(second.json.report).toMatchObject({ version: 2, verified: true, signedBy: { id: 'u-super01' } })
    expect(second.json.report.hash).not.toBe(first.hash)
    const rows = await server.db.db
      .selectFrom('service_reports')
      .select(['version', 'hash', 'work_done'])
      .where('work_order_id', '=', orders.st01.id)
      .orderBy('version')
      .execute()
    expect(rows.map((r) => r.version)).toEqual([1, 2])
    expect(rows[0]).toMatchObject({ hash: first.hash, work_done: report.workDone })
  })

  it('shows a report edited after signing as not verified', async () => {
    const order = orders.st02.id
    expect((await save('agent01', order)).status).toBe(200)
    await server.db.db
      .updateTable('service_reports')
      .set({ work_done: '更换整机' })
      .where('work_order_id', '=', order)
      .execute()
    const res = await read('super01', order)
    expect(res.json.report).toMatchObject({ workDone: '更换整机', verified: false })
  })

  it("refuses a front desk another store's order, and an admin signing", async () => {
    const post = await save('desk01', orders.st02.id)
    expect(post.status).toBe(403)
    expect(post.json.error.reason).toEqual({ key: 'otherStore' })
    expect((await read('desk01', orders.st02.id)).status).toBe(403)
    expect((await save('admin', orders.st01.id)).status).toBe(403)
    expect((await read('desk01', 'wo-missing')).status).toBe(404)
  })

  it('refuses a report for a closed order', async () => {
    const order = orders.st02.id
    await server.db.db.updateTable('work_orders').set({ status: 'closed' }).where('id', '=', order).execute()
    const res = await save('agent01', order)
    expect(res.status).toBe(409)
    expect(res.json.error.message).toMatch(/closed/)
    expect((await read('agent01', order)).json.order.status).toBe('closed')
  })

  it('refuses a signature that is not a PNG, or over 200 KB, naming the field', async () => {
    const cases = [
      ['data:image/jpeg;base64,/9j/4AAQSkZJRg==', 'is not a data:image/png;base64 URL'],
      [
        `data:image/png;base64,${Buffer.from('GIF89a fake image data here, not a png').toString('base64')}`,
        'is not a PNG image',
      ],
      [OVERSIZE, 'is larger than 200 KB'],
    ] as const
    for (const [signaturePng, message] of cases) {
      const res = await save('desk01', orders.st01.id, { ...report, signaturePng })
      expect(res.status, message).toBe(400)
      expect(res.json.error).toMatchObject({ code: 'SCHEMA', field: 'signaturePng' })
      expect(res.json.error.message).toContain(message)
    }
    const unsigned = await save('desk01', orders.st01.id, { ...report, signerName: '  ' })
    expect(unsigned.json.error.field).toBe('signerName')
    expect((await read('desk01', orders.st01.id)).json.report.version).toBe(2)
  })
})
