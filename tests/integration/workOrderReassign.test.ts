import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WorkOrderRecord } from '../../src/shared/domain/records'
import type { AssigneeCandidate } from '../../src/shared/workOrders/assignees'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { getJson, postJson } from '../support/http'
import { startTestServer, type Backend, type TestServer } from '../support/syncServer'

describe.each<Backend>(['sqlite', 'postgres'])('supervisor reassigns a work order (%s)', (backend) => {
  let server: TestServer
  let supervisor = ''
  let agent = ''
  let order: WorkOrderRecord

  const token = async (username: string) =>
    (await postJson(server.url, '/api/auth/login', { username, password: DEMO_PASSWORD })).json.accessToken as string
  const candidates = async (as = supervisor) => getJson(server.url, `/api/work-orders/${order.id}/assignees`, as)
  /** open orders per assignee, counted straight from the database */
  const dbLoads = async () => {
    const rows = await server.db.db
      .selectFrom('work_orders')
      .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', 'not in', ['resolved', 'closed'])
      .where('assignee_id', 'is not', null)
      .groupBy('assignee_id')
      .execute()
    return new Map(rows.map((r) => [r.assignee_id!, Number(r.n)]))
  }

  beforeAll(async () => {
    server = await startTestServer(backend)
    ;[supervisor, agent] = await Promise.all([token('super01'), token('agent01')])
    const created = await postJson(
      server.url,
      '/api/work-orders',
      {
        requestId: randomUUID(),
        customerId: 'c-0000001',
        storeId: 'st-01',
        type: '维修',
        title: '空调不制冷',
        description: '客户说空调开机半小时仍然不制冷',
        channel: 'call',
      },
      supervisor,
    )
    expect(created.status).toBe(200)
    order = created.json.order as WorkOrderRecord
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
  })

  it("lists the agents and this store's front desks with loads from the database and the automatic pick", async () => {
    const { status, json } = await candidates()
    expect(status).toBe(200)
    const list = json as unknown as AssigneeCandidate[]
    const ids = list.map((c) => c.id)
    expect(ids).toEqual(expect.arrayContaining(['u-agent01', 'u-agent02', 'u-desk01']))
    // another store's front desk and non-agents are never candidates
    expect(ids).not.toContain('u-desk02')
    expect(ids).not.toContain('u-super01')
    for (const c of list) expect(c.storeId === null || c.storeId === order.storeId).toBe(true)

    const loads = await dbLoads()
    for (const c of list) {
      expect(c.load, c.id).toBe(loads.get(c.id) ?? 0)
      expect(c.capacity).toBeGreaterThan(0)
    }
    // 空调维修 fits a 维修 order about the 空调; 咨询/退换货 do not
    const agent01 = list.find((c) => c.id === 'u-agent01')!
    expect(agent01).toMatchObject({ skillFit: true, fittingSkills: ['空调维修'] })
    expect(list.find((c) => c.id === 'u-agent02')).toMatchObject({ skillFit: false, fittingSkills: [] })
    // fitting skills first
    const firstUnfit = list.findIndex((c) => !c.skillFit)
    expect(list.slice(firstUnfit).every((c) => !c.skillFit)).toBe(true)

    // the rule, judging the order as if it came in now, picks whom it picked at creation
    const picked = list.filter((c) => c.recommended)
    expect(picked).toHaveLength(1)
    expect(picked[0]!.id).toBe(order.assigneeId)
    expect(picked[0]!.reason).toBe(order.assignReason)
    expect(list.filter((c) => c.current).map((c) => c.id)).toEqual([order.assigneeId])
    expect(list.filter((c) => !c.recommended).every((c) => c.reason === null)).toBe(true)
  })

  it('refuses an agent with 403, and an unknown order with 404', async () => {
    expect((await candidates(agent)).status).toBe(403)
    const assign = await postJson(server.url, `/api/work-orders/${order.id}/assign`, { assigneeId: 'u-agent02' }, agent)
    expect(assign.status).toBe(403)
    expect((await getJson(server.url, '/api/work-orders/wo-missing/assignees', supervisor)).status).toBe(404)
  })

  it('reassigns: new assignee and reason, loads move, the activity records it', async () => {
    const before = (await candidates()).json as unknown as AssigneeCandidate[]
    const loadOf = (list: AssigneeCandidate[], id: string) => list.find((c) => c.id === id)!.load
    const previous = order.assigneeId!
    expect(previous).not.toBe('u-agent02')

    const res = await postJson(
      server.url,
      `/api/work-orders/${order.id}/assign`,
      { assigneeId: 'u-agent02' },
      supervisor,
    )
    expect(res.status).toBe(200)
    const updated = res.json as WorkOrderRecord
    expect(updated.assigneeId).toBe('u-agent02')
    expect(updated.assignReason).toMatch(/^主管指派: 张伟; 当前负载 \d+\/\d+$/)

    const fetched = (await getJson(server.url, `/api/work-orders/${order.id}`, supervisor)).json
    expect(fetched).toMatchObject({ assigneeId: 'u-agent02', assignReason: updated.assignReason })

    const after = (await candidates()).json as unknown as AssigneeCandidate[]
    expect(loadOf(after, 'u-agent02')).toBe(loadOf(before, 'u-agent02') + 1)
    expect(loadOf(after, previous)).toBe(loadOf(before, previous) - 1)
    const agent02 = after.find((c) => c.id === 'u-agent02')!
    expect(agent02.current).toBe(true)
    expect(updated.assignReason).toBe(`主管指派: 张伟; 当前负载 ${agent02.load}/${agent02.capacity}`)

    const activity = (await getJson(server.url, `/api/work-orders/${order.id}/activity`, supervisor))
      .json as unknown as { kind: string; body: string; visibility: string; data: unknown }[]
    expect(activity.at(-1)).toMatchObject({
      kind: 'assigned',
      visibility: 'internal',
      body: updated.assignReason,
      data: { from: previous, to: 'u-agent02' },
    })
  })

  it("refuses another store's front desk with the field named", async () => {
    const res = await postJson(
      server.url,
      `/api/work-orders/${order.id}/assign`,
      { assigneeId: 'u-desk02' },
      supervisor,
    )
    expect(res.status).toBe(400)
    expect(res.json.error).toMatchObject({ code: 'SCHEMA', field: 'assigneeId' })
  })
})
