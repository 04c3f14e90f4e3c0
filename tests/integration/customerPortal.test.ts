import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WorkOrderRecord } from '../../src/shared/domain/records'
import type { CustomerRecord } from '../../src/shared/domain/records'
import type { Mutation } from '../../src/shared/sync/mutations'
import { getJson, postJson } from '../support/http'
import { portalPost, PortalStream } from '../support/portalClient'
import { openSeat, type Seat } from '../support/seats'
import { startTestServer, type Backend, type TestServer } from '../support/syncServer'
import { waitFor } from '../support/waitFor'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
const codeValue = (code: string) => [...code].reduce((n, ch) => n * 32 + ALPHABET.indexOf(ch), 0)
const last4 = (c: CustomerRecord) => c.phoneMasked.slice(-4)
const otherDigits = (digits: string) => String((Number(digits) + 1) % 10_000).padStart(4, '0')

describe.each<Backend>(['sqlite', 'postgres'])('customer progress page and survey (%s)', (backend) => {
  let server: TestServer
  let agent: Seat
  let customer: CustomerRecord

  const openOrder = async (title: string): Promise<WorkOrderRecord> =>
    (
      await agent.call('workOrders.create', {
        requestId: randomUUID(),
        customerId: customer.id,
        type: '维修',
        title,
        description: '客户反映空调外机噪音大',
        channel: 'call',
      })
    ).order
  const write = async (mutation: Mutation) => {
    await agent.call('records.write', { mutation })
    await waitFor('outbox drained', async () => (await agent.call('outbox.status', {})).pending === 0)
  }
  const setStatus = (id: string, status: 'in_progress' | 'resolved') =>
    write({ kind: 'workOrder.setStatus', workOrderId: id, status })
  const lookup = (order: WorkOrderRecord, digits = last4(customer), ip?: string) =>
    portalPost(server.url, '/api/portal/lookup', { code: order.serviceCode, phoneLast4: digits }, ip)
  const login = async (username: string) =>
    (await postJson(server.url, '/api/auth/login', { username, password: DEMO_PASSWORD })).json.accessToken as string

  beforeAll(async () => {
    server = await startTestServer(backend)
    agent = await openSeat(server.url, 'agent01')
    customer = (await agent.call('customers.list', { limit: 1 }))[0]!
  }, 120_000)
  afterAll(async () => {
    await agent?.close()
    await server?.stop()
  })

  it('shows the order to the code + last 4 digits: status, customer-visible steps, masked names only', async () => {
    const order = await openOrder('空调外机噪音大')
    await write({
      kind: 'workOrder.addNote',
      workOrderId: order.id,
      body: '内部：怀疑压缩机问题',
      visibility: 'internal',
    })
    await write({ kind: 'workOrder.addNote', workOrderId: order.id, body: '师傅明天上午上门', visibility: 'customer' })
    const reply = await lookup(order, last4(customer), '127.0.0.11')
    expect(reply.status).toBe(200)
    const { view, token } = reply.json
    expect(token).toMatch(/^[\w-]{32}$/)
    expect(view).toMatchObject({ serviceCode: order.serviceCode, type: '维修', status: order.status })
    expect(view.customerName).toBe(`${[...customer.name][0]}${'*'.repeat([...customer.name].length - 1)}`)
    expect(view.phoneMasked).toBe(customer.phoneMasked)
    expect(view.entries.map((e: { kind: string }) => e.kind)).toEqual(['created', 'progress'])
    const text = JSON.stringify(reply.json)
    expect(text).toContain('师傅明天上午上门')
    // internal notes, reasons and staff names stay inside
    expect(text).not.toContain('压缩机')
    expect(text).not.toContain(order.priorityReason)
    expect(text).not.toContain('李娜')
    expect(text).not.toContain(customer.name)
  })

  it('answers an unknown code and wrong digits identically, and slowly enough to say nothing', async () => {
    const order = await openOrder('冰箱不制冷')
    const unknownCode = { ...order, serviceCode: order.serviceCode.replace(/^./, (c) => (c === '2' ? '3' : '2')) }
    const wrongDigits = await lookup(order, otherDigits(last4(customer)), '127.0.0.12')
    const noSuchCode = await lookup(unknownCode, last4(customer), '127.0.0.13')
    expect(wrongDigits.status).toBe(404)
    expect(noSuchCode.status).toBe(wrongDigits.status)
    expect(noSuchCode.json).toEqual(wrongDigits.json)
    expect(wrongDigits.json).not.toHaveProperty('view')
    for (const r of [wrongDigits, noSuchCode]) expect(r.ms).toBeGreaterThanOrEqual(290)
    expect(Math.abs(wrongDigits.ms - noSuchCode.ms)).toBeLessThan(200)
  })

  it('gives nothing without the digits or a live token, and codes are not sequential', async () => {
    const orders = [await openOrder('洗衣机漏水'), await openOrder('热水器报错 E1'), await openOrder('电视黑屏')]
    const noDigits = await portalPost(server.url, '/api/portal/lookup', { code: orders[0]!.serviceCode }, '127.0.0.14')
    expect(noDigits.status).toBe(400)
    expect(JSON.stringify(noDigits.json)).not.toContain(orders[0]!.title)
    expect((await PortalStream.open(server.url, 'not-a-token')).status).toBe(401)
    expect((await getJson(server.url, '/api/portal/stream')).status).toBe(401)
    const values = orders.map((o) => codeValue(o.serviceCode))
    for (let i = 1; i < values.length; i++) expect(Math.abs(values[i]! - values[i - 1]!)).toBeGreaterThan(1000)
  })

  it('serves only its own page files: an object member name is a plain 404', async () => {
    expect((await fetch(`${server.url}/portal/assets/portal.css`)).status).toBe(200)
    expect((await fetch(`${server.url}/chat/assets/chat.js`)).status).toBe(200)
    for (const path of ['/portal/assets/constructor', '/chat/assets/__proto__', '/portal/assets/toString']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404)
    }
  })

  it('delivers the progress update an agent posts to the open page within 2 s', async () => {
    const order = await openOrder('燃气灶打不着火')
    const { json } = await lookup(order, last4(customer), '127.0.0.15')
    const stream = await PortalStream.open(server.url, json.token)
    try {
      await stream.next((v) => v.entries.length === 1)
      const posted = Date.now()
      await agent.call('records.write', {
        mutation: {
          kind: 'workOrder.addNote',
          workOrderId: order.id,
          body: '配件已到货，今天下午上门',
          visibility: 'customer',
        },
      })
      await stream.next((v) => v.entries.some((e) => e.body === '配件已到货，今天下午上门'), 2000)
      console.info(`[portal] progress update on the page after ${Date.now() - posted} ms (${backend})`)
      await setStatus(order.id, 'in_progress')
      const moved = await stream.next((v) => v.status === 'in_progress', 2000)
      expect(moved.entries.at(-1)).toMatchObject({ kind: 'status', to: 'in_progress' })
    } finally {
      stream.close()
    }
  })

  it('invites to a survey on resolve; a good score is recorded once and leaves the order resolved', async () => {
    const order = await openOrder('油烟机异响')
    await setStatus(order.id, 'in_progress')
    await setStatus(order.id, 'resolved')
    const { json } = await lookup(order, last4(customer), '127.0.0.16')
    expect(json.view.surveyPath).toMatch(/^\/s\/[\w-]{32}$/)
    const token = json.view.surveyPath.slice(3)
    const page = await fetch(new URL(json.view.surveyPath, server.url))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(order.serviceCode)

    const answer = { csat: 5, nps: 9, comment: '师傅很专业' }
    const first = await portalPost(server.url, `/api/portal/survey/${token}`, answer)
    expect(first).toMatchObject({ status: 200, json: { outcome: 'recorded' } })
    const again = await portalPost(server.url, `/api/portal/survey/${token}`, { csat: 1, nps: 0 })
    expect(again.status).toBe(409)

    const after = await lookup(order, last4(customer), '127.0.0.16')
    expect(after.json.view).toMatchObject({ status: 'resolved', surveyPath: null })
    const { entries } = await agent.call('workOrders.activity', { id: order.id })
    expect(entries.at(-1)).toMatchObject({ kind: 'survey', visibility: 'internal', data: { csat: 5, nps: 9 } })
    const agentToken = await login('agent01')
    const timeline = await getJson(server.url, `/api/customers/${customer.id}/timeline?kinds=survey`, agentToken)
    expect(timeline.json.events[0]).toMatchObject({ kind: 'survey', refId: order.serviceCode })
  })

  it('a poor score reopens the order (status, SLA and feed as a seat write) and notifies the supervisors', async () => {
    const order = await openOrder('冰箱门封条脱落')
    await setStatus(order.id, 'in_progress')
    await setStatus(order.id, 'resolved')
    // resolving stops the solution clock (seen on the seat once the change arrives)
    await waitFor('resolved on the seat', async () => {
      const seen = await agent.call('workOrders.get', { id: order.id })
      return seen?.status === 'resolved' && seen.sla?.solution.metAt != null
    })
    const { json } = await lookup(order, last4(customer), '127.0.0.17')
    const stream = await PortalStream.open(server.url, json.token)
    try {
      const token = json.view.surveyPath.slice(3)
      const reply = await portalPost(server.url, `/api/portal/survey/${token}`, {
        csat: 2,
        nps: 8,
        comment: '还是有异味',
      })
      expect(reply).toMatchObject({ status: 200, json: { outcome: 'reopened' } })
      await stream.next((v) => v.status === 'in_progress' && v.surveyPath === null, 2000)
    } finally {
      stream.close()
    }
    // the reopen reaches the seat through the change feed, with the solution clock running again
    await waitFor(
      'reopened on the seat',
      async () => (await agent.call('workOrders.get', { id: order.id }))?.status === 'in_progress',
    )
    const reopened = await agent.call('workOrders.get', { id: order.id })
    expect(reopened?.sla?.solution.metAt).toBeNull()
    const { entries } = await agent.call('workOrders.activity', { id: order.id })
    expect(entries.slice(-2)).toMatchObject([
      { kind: 'status', data: { from: 'resolved', to: 'in_progress' } },
      { kind: 'survey', visibility: 'internal', data: { csat: 2, outcome: 'reopened' } },
    ])
    const notices = await getJson(server.url, '/api/notifications', await login('super01'))
    expect(notices.json).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'survey.poor', workOrderId: order.id })]),
    )
    const agentNotices = await getJson(server.url, '/api/notifications', await login('agent02'))
    expect(agentNotices.json.some((n: { kind: string }) => n.kind === 'survey.poor')).toBe(false)
  })

  it('refuses the 6th lookup after 5 failures from one address or on one code, for 15 min, with retry-after', async () => {
    const order = await openOrder('微波炉不加热')
    const wrong = otherDigits(last4(customer))
    for (let i = 0; i < 5; i++) expect((await lookup(order, wrong, '127.0.0.21')).status).toBe(404)
    const blocked = await lookup(order, last4(customer), '127.0.0.21')
    expect(blocked.status).toBe(429)
    expect(blocked.json.error.code).toBe('RATE_LIMITED')
    expect(Number(blocked.retryAfter)).toBeGreaterThan(800)
    expect(Number(blocked.retryAfter)).toBeLessThanOrEqual(900)
    // the same address is refused for another code too
    const other = await openOrder('净水器漏水')
    expect((await lookup(other, last4(customer), '127.0.0.21')).status).toBe(429)
    // one code guessed from five addresses: refused from a sixth, even with the right digits
    expect((await lookup(other, last4(customer), '127.0.0.22')).status).toBe(200)
    for (let i = 0; i < 5; i++) expect((await lookup(other, wrong, `127.0.0.${30 + i}`)).status).toBe(404)
    expect((await lookup(other, last4(customer), '127.0.0.40')).status).toBe(429)
  })
})
