import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as OpenCC from 'opencc-js/cn2t'
import { phoneFor } from '../../src/server/seed/chineseNames'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { getJson, postJson } from '../support/http'
import { startTestServer, type Backend, type TestServer } from '../support/syncServer'

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' })

interface Plan {
  csv: string
  /** distinct new customers */
  fresh: number
  /** rows repeating the previous row's member with another spelling of its phone */
  repeats: number
  bad: { line: number; field: string }[]
}

/** A customer file with good rows and the usual mistakes, each bad row's line number known. */
function buildCsv(rows: number, existingName: string): Plan {
  const lines = ['member_no,name,phone,birthday,home_store_id,tags,focus,address']
  const bad: Plan['bad'] = []
  let fresh = 0
  let repeats = 0
  let previousGood = false
  for (let i = 0; i < rows; i++) {
    const good = () => {
      lines.push(
        `M3${String(i).padStart(7, '0')},客户${i},${phone},1988-0${(i % 9) + 1}-15,st-0${(i % 8) + 1},导入|华东,,"上海市某路 ${i} 号"`,
      )
      fresh++
      previousGood = true
    }
    const line = lines.length + 1
    const phone = phoneFor(500_000 + i)
    if (i % 997 === 1) {
      lines.push(`M3${String(i).padStart(7, '0')},坏号码${i},12345,,st-01,,,`)
      bad.push({ line, field: 'phone' })
      previousGood = false
    } else if (i % 991 === 2) {
      lines.push(`M3${String(i).padStart(7, '0')},,${phone},,st-02,,,`)
      bad.push({ line, field: 'name' })
      previousGood = false
    } else if (i % 983 === 3) {
      lines.push(`M3${String(i).padStart(7, '0')},错店${i},${phone},,st-99,,,`)
      bad.push({ line, field: 'home_store_id' })
      previousGood = false
    } else if (i % 250 === 6 && previousGood) {
      // the same member again, with a spaced phone: folded into the earlier row, not created twice
      lines.push(
        `M3${String(i - 1).padStart(7, '0')},重复会员,"${phoneFor(500_000 + i - 1).replace(/(\d{3})(\d{4})/, '$1 $2 ')}",,st-01,复购,,`,
      )
      repeats++
      previousGood = false
    } else {
      good()
    }
  }
  // a Traditional-script spelling of a customer already on file, with the same phone
  lines.push(`M10000000,${toTraditional(existingName)},${phoneFor(0)},,st-01,,,`)
  return { csv: `${lines.join('\n')}\n`, fresh, repeats, bad }
}

describe.each([
  ['sqlite', 10_000],
  ['postgres', 300],
] as [Backend, number][])('customer CSV import on %s (%i rows)', (backend, rows) => {
  let server: TestServer
  let token: string
  let plan: Plan

  beforeAll(async () => {
    server = await startTestServer(backend)
    token = (await postJson(server.url, '/api/auth/login', { username: 'admin', password: DEMO_PASSWORD })).json
      .accessToken
    const first = (await getJson(server.url, '/api/customers/c-0000001', token)).json
    plan = buildCsv(rows, first.name)
  })
  afterAll(async () => {
    await server?.stop()
  })

  const upload = (csv: string, as = token) =>
    fetch(new URL('/api/import/customers', server.url), {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${as}` },
      body: csv,
    })

  it('imports the good rows, reports each bad one by line and field, and matches duplicates', async () => {
    const res = await upload(plan.csv)
    expect(res.status).toBe(200)
    const report = await res.json()
    expect(report.rows).toBe(rows + 1)
    expect(report.errors.map((e: { row: number; field: string }) => ({ line: e.row, field: e.field }))).toEqual(
      plan.bad,
    )
    expect(report.errors[0].reason).toMatch(/not a mainland mobile/)
    expect(plan.repeats).toBeGreaterThan(0)
    expect(report).toMatchObject({ inserted: plan.fresh, merged: plan.repeats, updated: 0 })
    expect(report.unchanged).toBe(1) // the Traditional-script name is the same customer, same name
    const find = async (i: number) =>
      (await getJson(server.url, `/api/customers/search?q=${encodeURIComponent(phoneFor(500_000 + i))}`, token)).json
    expect((await find(7))[0]).toMatchObject({ name: '客户7' })
    // the repeated member is one customer, carrying the later row's name
    expect(await find(5)).toHaveLength(1)
    expect((await find(5))[0]).toMatchObject({ name: '重复会员', memberNo: 'M30000005' })
  })

  it('changes nothing when the same file is imported again', async () => {
    const report = await (await upload(plan.csv)).json()
    expect(report).toMatchObject({ inserted: 0, updated: 0, unchanged: plan.fresh + 1, merged: plan.repeats })
    expect(report.errors).toHaveLength(plan.bad.length)
  })

  it('refuses agents, a missing column, and serves the template', async () => {
    const agent = (await postJson(server.url, '/api/auth/login', { username: 'agent01', password: DEMO_PASSWORD })).json
      .accessToken
    expect((await upload(plan.csv, agent)).status).toBe(403)
    const noPhone = await (await upload('member_no,name\nM1,张三\n')).json()
    expect(noPhone.error).toMatchObject({ code: 'SCHEMA', field: 'csv', message: expect.stringContaining('phone') })
    const template = await fetch(new URL('/api/import/customers/template.csv', server.url))
    expect(template.headers.get('content-type')).toContain('text/csv')
    const again = await (await upload(await template.text())).json()
    expect(again.errors).toEqual([])
  })
})

describe('purchase CSV import', () => {
  let server: TestServer
  let token: string
  beforeAll(async () => {
    server = await startTestServer('sqlite')
    token = (await postJson(server.url, '/api/auth/login', { username: 'admin', password: DEMO_PASSWORD })).json
      .accessToken
  })
  afterAll(async () => {
    await server?.stop()
  })
  const upload = async (csv: string) =>
    (
      await fetch(new URL('/api/import/purchases', server.url), {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
        body: csv,
      })
    ).json()

  it('lands purchases on the buyer (member or phone), raises the tier, reports bad rows, and is idempotent', async () => {
    const recent = new Date(Date.now() - 5 * 86_400_000).toISOString()
    const csv = [
      'order_no,customer,store_id,product,amount,purchased_at',
      `SO90000001,M10000004,st-05,KFR-72LW 柜机,7999.00,${recent}`,
      `SO90000002,"+86 ${phoneFor(4).slice(0, 3)} ${phoneFor(4).slice(3)}",st-05,延保服务 2 年,299,${recent}`,
      `SO90000003,M99999999,st-01,无主订单,10,${recent}`,
      `SO90000004,M10000004,st-01,负数,-5,${recent}`,
      `SO90000001,M10000004,st-05,KFR-72LW 柜机,7999.00,${recent}`,
    ].join('\n')
    const first = await upload(csv)
    expect(first).toMatchObject({ rows: 5, inserted: 2, unchanged: 0, merged: 1 })
    expect(first.errors.map((e: any) => [e.row, e.field])).toEqual([
      [4, 'customer'],
      [5, 'amount'],
    ])
    const profile = (await getJson(server.url, '/api/customers/c-0000005/profile', token)).json
    expect(profile.customer.tier).toBe('core')
    expect(profile.recentPurchases.map((p: any) => p.orderNo)).toEqual(
      expect.arrayContaining(['SO90000001', 'SO90000002']),
    )
    const timeline = (await getJson(server.url, '/api/customers/c-0000005/timeline?kinds=purchase&limit=500', token))
      .json
    expect(timeline.events.map((e: any) => e.refId)).toContain('SO90000001')
    expect(await upload(csv)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 })
  })
})
