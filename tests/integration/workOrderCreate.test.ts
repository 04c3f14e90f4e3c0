import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSyncServer, type SyncServer } from '../../src/server/app'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { getJson, postJson } from '../support/http'
import { createTempDatabase, type TempDatabase } from '../support/postgres'
import { TEST_JWT_SECRET } from '../support/syncServer'

const MIN = 60_000

describe.each(['sqlite', 'postgres'] as const)('opening work orders over HTTP (%s)', (backend) => {
  let dataDir = ''
  let pg: TempDatabase | null = null
  let server: SyncServer
  let now = Date.parse('2026-11-23T10:00:00+08:00') // Monday, open
  const tokens: Record<string, string> = {}
  let core = ''
  let basicSt01 = ''
  let st02 = ''

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sc-wo-'))
    pg = backend === 'postgres' ? await createTempDatabase() : null
    server = await startSyncServer(
      { port: 0, dataDir, databaseUrl: pg?.url, jwtSecret: TEST_JWT_SECRET, logLevel: 'silent' },
      { now: () => now },
    )
    // start from empty desks: the demo data's open orders would fill every agent's capacity
    await server.db.db.updateTable('work_orders').set({ status: 'closed' }).execute()
    for (const u of ['agent01', 'desk01', 'super01', 'admin']) {
      tokens[u] = (await postJson(server.url, '/api/auth/login', { username: u, password: DEMO_PASSWORD })).json
        .accessToken as string
    }
    const pick = (tier: string, store: string) =>
      server.db.db
        .selectFrom('customers')
        .select('id')
        .where('tier', '=', tier)
        .where('home_store_id', '=', store)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    core = (await pick('core', 'st-01')).id
    basicSt01 = (await pick('basic', 'st-01')).id
    st02 = (await pick('basic', 'st-02')).id
  })
  afterAll(async () => {
    await server?.close()
    await pg?.drop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  const create = (user: string, body: Record<string, unknown>) =>
    postJson(server.url, '/api/work-orders', { requestId: randomUUID(), channel: 'call', ...body }, tokens[user])

  it('suggests A for a core customer threatening 12315, assigns by skill with the reason, gives a code', async () => {
    const res = await create('agent01', {
      customerId: core,
      type: '投诉',
      title: '空调维修不及时',
      description: '三次上门还没修好，要投诉到12315',
    })
    expect(res.status).toBe(200)
    const order = res.json.order
    expect(res.json.suggestedPriority).toBe('A')
    expect(order).toMatchObject({
      priority: 'A',
      status: 'assigned',
      assigneeId: 'u-agent01',
      assignReason: '技能匹配: 空调维修、投诉; 当前负载 0/8',
      storeId: 'st-01',
    })
    expect(order.priorityReason).toContain('紧急词: 12315 → A')
    expect(order.serviceCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/)
    expect(order.sla.firstResponse.dueAt).toBe(now + 5 * MIN)
    expect(order.sla.solution.dueAt).toBe(now + 30 * MIN)
    const feed = await server.db.db.selectFrom('change_feed').select('seq').where('entity_id', '=', order.id).execute()
    expect(feed.map((r) => Number(r.seq))).toEqual([order.feedSeq])
    const timeline = await getJson(server.url, `/api/customers/${core}/timeline?kinds=work_order`, tokens.agent01)
    expect(timeline.json.events.some((e: { refId: string }) => e.refId === order.serviceCode)).toBe(true)
  })

  it('keeps the agent’s override with the suggestion in the reason, and counts load', async () => {
    const body = { customerId: basicSt01, type: '维修', title: '空调不制冷', description: '', priority: 'C' }
    const first = (await create('agent01', body)).json.order
    expect(first.priority).toBe('C')
    expect(first.priorityReason).toBe('急迫词: 不制冷 → B; 人工调整: B → C')
    expect(first.assignReason).toBe('技能匹配: 空调维修; 当前负载 1/8')
    const second = (await create('agent01', body)).json.order
    expect(second.assignReason).toBe('技能匹配: 空调维修; 当前负载 2/8')
    expect(second.serviceCode).not.toBe(first.serviceCode)
  })

  it('answers a repeated request id with the first order instead of opening a second', async () => {
    const body = { requestId: randomUUID(), channel: 'chat', customerId: basicSt01, type: '咨询', title: '延保' }
    const a = await postJson(server.url, '/api/work-orders', body, tokens.agent01)
    const b = await postJson(server.url, '/api/work-orders', body, tokens.agent01)
    expect(b.json.order.id).toBe(a.json.order.id)
    const rows = await server.db.db.selectFrom('work_orders').select('id').where('title', '=', '延保').execute()
    expect(rows).toHaveLength(1)
  })

  it("refuses a front desk opening an order for another store's customer", async () => {
    const res = await create('desk01', { customerId: st02, type: '售后', title: '换货' })
    expect(res.status).toBe(403)
    expect(res.json.error.reason).toEqual({ key: 'otherStore' })
  })

  it('lets a supervisor reassign, naming who did it, and nobody else', async () => {
    const order = (await create('agent01', { customerId: basicSt01, type: '咨询', title: '会员积分' })).json.order
    const assign = (user: string, assigneeId: string) =>
      postJson(server.url, `/api/work-orders/${order.id}/assign`, { assigneeId }, tokens[user])
    expect((await assign('agent01', 'u-agent02')).status).toBe(403)
    const wrongStore = await assign('super01', 'u-desk02')
    expect(wrongStore.status).toBe(400)
    expect(wrongStore.json.error.field).toBe('assigneeId')
    const res = await assign('super01', 'u-desk01')
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ assigneeId: 'u-desk01', assignReason: '主管指派: 张伟; 当前负载 1/8' })
    const feed = await server.db.db
      .selectFrom('change_feed')
      .select(['by_user', 'changed_fields'])
      .where('entity_id', '=', order.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()
    expect(feed.by_user).toBe('u-super01')
    expect(JSON.parse(feed.changed_fields)).toEqual(['assigneeId', 'assignReason', 'activity'])
  })

  it('starts new orders on the policy an admin set, and only an admin may set it', async () => {
    const policy = { firstResponseMin: 60, solutionMin: 480, warnRatio: 0.8, tierHoldMin: [120, 240] }
    const set = (user: string, p: typeof policy | null) =>
      postJson(server.url, '/api/sla/policies', { type: '维修', priority: 'C', policy: p }, tokens[user])
    expect((await set('super01', policy)).status).toBe(403)
    const table = (await set('admin', policy)).json as unknown as { type: string; priority: string; custom: boolean }[]
    expect(table).toHaveLength(21)
    expect(table.filter((e) => e.custom)).toEqual([{ type: '维修', priority: 'C', policy, custom: true }])

    const body = { customerId: basicSt01, type: '维修', title: '遥控器失灵', priority: 'C' }
    const order = (await create('agent01', body)).json.order
    expect(order.sla.firstResponse).toMatchObject({ targetMin: 60, dueAt: now + 60 * MIN })
    await set('admin', null)
    const listed = (await getJson(server.url, '/api/sla/policies', tokens.agent01)).json as unknown as typeof table
    expect(listed.some((e) => e.custom)).toBe(false)
    expect((await create('agent01', body)).json.order.sla.firstResponse.targetMin).toBe(240)
  })

  it('notifies the assignee and the supervisor as the clock passes 75 % and the breach', async () => {
    const order = (await create('agent01', { customerId: core, type: '投诉', title: '漏电', description: '插座漏电' }))
      .json.order
    now += 4 * MIN
    await server.slaScheduler.tick()
    now += 2 * MIN
    await server.slaScheduler.tick()
    const mine = (await getJson(server.url, '/api/notifications', tokens.agent01)).json as unknown as {
      workOrderId: string
      kind: string
      tier: number | null
    }[]
    const lead = (await getJson(server.url, '/api/notifications', tokens.super01)).json as unknown as typeof mine
    const about = (list: typeof mine) => list.filter((n) => n.workOrderId === order.id).map((n) => [n.kind, n.tier])
    expect(about(mine).sort()).toEqual([
      ['sla.breach', null],
      ['sla.escalated', 1],
      ['sla.warning', 1],
    ])
    expect(about(lead).sort()).toEqual([
      ['sla.escalated', 1],
      ['sla.warning', 1],
    ])
  })
})
