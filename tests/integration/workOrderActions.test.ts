import { randomUUID } from 'node:crypto'
import { readFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSyncServer, type SyncServer } from '../../src/server/app'
import type { AccessClaims } from '../../src/server/auth/accessTokens'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { applyWrite } from '../../src/server/sync/writeService'
import type { WorkOrderRecord } from '../../src/shared/domain/records'
import type { Mutation } from '../../src/shared/sync/mutations'
import { MAX_ATTACHMENT_BYTES } from '../../src/shared/workOrders/attachments'
import { HANDOFF_TARGET_MIN } from '../../src/shared/workOrders/handoff'
import { getJson, postJson } from '../support/http'
import { createTempDatabase, type TempDatabase } from '../support/postgres'
import { TEST_JWT_SECRET } from '../support/syncServer'

const MIN = 60_000
const agent: AccessClaims = { sub: 'u-agent01', role: 'agent', storeId: null, name: '李娜' }
/** the smallest PNG: signature, IHDR 1×1, IDAT, IEND */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

describe.each(['sqlite', 'postgres'] as const)('work-order actions (%s)', (backend) => {
  let dataDir = ''
  let pg: TempDatabase | null = null
  let server: SyncServer
  // a Monday inside the default calendar's 09:00–18:00
  let now = Date.parse('2026-11-23T10:00:00+08:00')
  let token = ''
  let customers: string[] = []

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sc-actions-'))
    pg = backend === 'postgres' ? await createTempDatabase() : null
    server = await startSyncServer(
      { port: 0, dataDir, databaseUrl: pg?.url, jwtSecret: TEST_JWT_SECRET, logLevel: 'silent' },
      { now: () => now },
    )
    // only this test's orders in play: the demo data's open ones would fill the agents' capacity
    await server.db.db.updateTable('work_orders').set({ status: 'closed' }).execute()
    token = (await postJson(server.url, '/api/auth/login', { username: 'agent01', password: DEMO_PASSWORD })).json
      .accessToken as string
    customers = (await server.db.db.selectFrom('customers').select('id').orderBy('id').limit(2).execute()).map(
      (c) => c.id,
    )
  }, 120_000)
  afterAll(async () => {
    await server?.close()
    await pg?.drop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  const post = (path: string, body: unknown = {}) => postJson(server.url, path, body, token)
  const get = (path: string) => getJson(server.url, path, token)
  const open = async (customerId = customers[0]!, title = '冰箱冷藏室不制冷'): Promise<WorkOrderRecord> => {
    const body = {
      requestId: randomUUID(),
      channel: 'call',
      customerId,
      type: '维修',
      title,
      description: '客户反映冷藏室温度 15℃，冷冻正常',
    }
    return (await post('/api/work-orders', body)).json.order as WorkOrderRecord
  }
  const write = (mutation: Mutation) =>
    applyWrite(server.db.db, server.db.kind, agent, { opId: randomUUID(), mutation }, now)
  const note = (workOrderId: string, body: string, visibility: 'internal' | 'customer') =>
    write({ kind: 'workOrder.addNote', workOrderId, body, visibility })
  const record = async (id: string) => (await get(`/api/work-orders/${id}`)).json as WorkOrderRecord
  const activity = async (id: string) =>
    (await get(`/api/work-orders/${id}/activity`)).json as unknown as {
      kind: string
      body: string
      data: Record<string, unknown> | null
    }[]
  /** the latest entry of a kind (entries written at the same instant have no order among them) */
  const latest = async (id: string, kind: string) => (await activity(id)).filter((e) => e.kind === kind).at(-1)

  describe('hand-off to a department', () => {
    it("runs the department's own clock; a breach notifies once; the reply stops it", async () => {
      const order = await open()
      const opened = await post(`/api/work-orders/${order.id}/handoffs`, {
        department: 'IT',
        note: '请查系统里的安装记录',
      })
      expect(opened.status).toBe(200)
      expect(opened.json.clock).toMatchObject({ targetMin: HANDOFF_TARGET_MIN.IT, dueAt: now + 60 * MIN })
      const onRecord = (await record(order.id)).handoffs!
      expect(onRecord).toEqual([expect.objectContaining({ id: opened.json.id, department: 'IT' })])
      expect(await latest(order.id, 'handoff')).toMatchObject({
        kind: 'handoff',
        body: '请查系统里的安装记录',
        data: { department: 'IT', targetMin: 60 },
      })

      now += 59 * MIN
      expect((await server.slaScheduler.tick()).handoffBreaches).toBe(0)
      now += 2 * MIN
      expect((await server.slaScheduler.tick()).handoffBreaches).toBe(1)
      expect((await server.slaScheduler.tick()).handoffBreaches).toBe(0)
      const notices = (await get('/api/notifications')).json as unknown as { kind: string; workOrderId: string }[]
      expect(notices.filter((n) => n.kind === 'handoff.breach' && n.workOrderId === order.id)).toHaveLength(1)
      expect((await record(order.id)).handoffs![0]!.clock.breachedAt).toBe(opened.json.clock.dueAt)

      const replied = await post(`/api/work-orders/${order.id}/handoffs/${opened.json.id}/reply`, {
        note: '安装记录显示 11 月 2 日由第三方安装',
      })
      expect(replied.status).toBe(200)
      expect(replied.json).toMatchObject({ reply: '安装记录显示 11 月 2 日由第三方安装', repliedAt: now })
      expect(replied.json.clock.metAt).toBe(now)
      expect((await record(order.id)).handoffs).toEqual([])
      expect(await latest(order.id, 'handoffReply')).toMatchObject({ kind: 'handoffReply', data: { onTime: false } })
      const again = await post(`/api/work-orders/${order.id}/handoffs/${opened.json.id}/reply`, { note: '再次回复' })
      expect(again.status).toBe(409)
    })

    it('a reply within the target meets the clock on time and nothing is notified', async () => {
      const order = await open()
      const h = (await post(`/api/work-orders/${order.id}/handoffs`, { department: '仓储', note: '查电机库存' })).json
      now += 30 * MIN
      await post(`/api/work-orders/${order.id}/handoffs/${h.id}/reply`, { note: '有货，明天发出' })
      now += 3 * 60 * MIN
      expect((await server.slaScheduler.tick()).handoffBreaches).toBe(0)
      const all = (await get(`/api/work-orders/${order.id}/handoffs`)).json as unknown as {
        clock: { metAt: number | null; breachedAt: number | null }
      }[]
      expect(all).toHaveLength(1)
      expect(all[0]!.clock).toMatchObject({ metAt: expect.any(Number), breachedAt: null })
      expect(await latest(order.id, 'handoffReply')).toMatchObject({ kind: 'handoffReply', data: { onTime: true } })
    })

    it('refuses an unknown department, naming the field', async () => {
      const order = await open()
      const res = await post(`/api/work-orders/${order.id}/handoffs`, { department: '市场部', note: '帮忙看看' })
      expect(res.status).toBe(400)
      expect(res.json.error).toMatchObject({ code: 'SCHEMA', field: 'department' })
    })
  })

  describe('转为知识库文章', () => {
    it('refuses an order that is not resolved yet', async () => {
      const order = await open()
      const res = await post(`/api/work-orders/${order.id}/kb-draft`)
      expect(res.status).toBe(409)
      expect(res.json.error).toMatchObject({ code: 'CONFLICT', field: 'status' })
    })

    it("turns a resolved order's problem and solution into one internal, indexed draft", async () => {
      const order = await open(customers[0], '冰箱 BCD-520 冷藏室不制冷')
      await note(order.id, '已预约师傅明天上门', 'customer')
      await note(order.id, '客户家门禁密码 1234', 'internal')
      await note(order.id, '检测为风门电机卡滞，已更换风门电机', 'customer')
      await write({ kind: 'workOrder.setStatus', workOrderId: order.id, status: 'in_progress' })
      await write({ kind: 'workOrder.setStatus', workOrderId: order.id, status: 'resolved' })

      const res = await post(`/api/work-orders/${order.id}/kb-draft`)
      expect(res.status).toBe(200)
      expect(res.json.created).toBe(true)
      const article = (await get(`/api/kb/articles/${res.json.articleId}`)).json
      expect(article).toMatchObject({
        title: '冰箱 BCD-520 冷藏室不制冷',
        status: 'draft',
        audience: 'internal',
        category: '维修指引',
        tags: ['维修', '工单沉淀'],
      })
      const body = article.body as string
      expect(body.indexOf('## 问题')).toBeLessThan(body.indexOf('客户反映冷藏室温度 15℃'))
      expect(body.indexOf('## 解决方案')).toBeLessThan(body.indexOf('检测为风门电机卡滞，已更换风门电机'))
      expect(body).toContain(order.serviceCode)
      expect(body).not.toContain('门禁密码')
      const versions = (await get(`/api/kb/articles/${res.json.articleId}/versions`)).json as unknown as unknown[]
      expect(versions).toHaveLength(1)
      const hits = (await get(`/api/kb/search?q=${encodeURIComponent('风门电机')}&status=draft`)).json as unknown as {
        id: string
      }[]
      expect(hits.map((h) => h.id)).toContain(res.json.articleId)
      expect(await latest(order.id, 'kbDraft')).toMatchObject({
        kind: 'kbDraft',
        data: { articleId: res.json.articleId },
      })

      const again = await post(`/api/work-orders/${order.id}/kb-draft`)
      expect(again.json).toEqual({ articleId: res.json.articleId, created: false })
    })
  })

  describe('merging duplicates', () => {
    it('closes the duplicate into the order, keeping its notes and moving its hand-offs', async () => {
      const order = await open(customers[0], '洗衣机不排水')
      const dup = await open(customers[0], '洗衣机不排水（重复来电）')
      await note(dup.id, '客户第二次来电催促', 'internal')
      const h = (await post(`/api/work-orders/${dup.id}/handoffs`, { department: '物流', note: '查配件物流' })).json

      const res = await post(`/api/work-orders/${order.id}/merge`, { duplicateId: dup.id })
      expect(res.status).toBe(200)
      expect(res.json.duplicate).toMatchObject({
        status: 'closed',
        closure: { by: 'merged', into: order.id, userId: 'u-agent01', at: now },
        handoffs: [],
      })
      expect(res.json.order.handoffs).toEqual([expect.objectContaining({ id: h.id, department: '物流' })])
      expect((await record(dup.id)).status).toBe('closed')

      const kept = await activity(order.id)
      expect(kept.find((e) => e.body === '客户第二次来电催促')).toMatchObject({
        kind: 'note',
        data: { mergedFrom: dup.id, mergedFromCode: dup.serviceCode },
      })
      expect(kept.find((e) => e.kind === 'merged')).toMatchObject({ kind: 'merged', data: { duplicateId: dup.id } })
      expect((await activity(dup.id)).map((e) => e.kind)).toEqual(expect.arrayContaining(['status', 'merged']))
      const feed = await server.db.db
        .selectFrom('change_feed')
        .select('entity_id')
        .where('entity_id', 'in', [order.id, dup.id])
        .orderBy('seq', 'desc')
        .limit(2)
        .execute()
      expect(feed.map((f) => f.entity_id).sort()).toEqual([order.id, dup.id].sort())

      const twice = await post(`/api/work-orders/${order.id}/merge`, { duplicateId: dup.id })
      expect(twice.status).toBe(409)
      expect(twice.json.error).toMatchObject({ code: 'CONFLICT', field: 'duplicateId' })
      expect(twice.json.error.message).toMatch(/closed/)
    })

    it("refuses another customer's order and the order itself, saying why", async () => {
      const order = await open(customers[0])
      const other = await open(customers[1])
      const res = await post(`/api/work-orders/${order.id}/merge`, { duplicateId: other.id })
      expect(res.status).toBe(409)
      expect(res.json.error).toMatchObject({ code: 'CONFLICT', field: 'duplicateId' })
      expect(res.json.error.message).toMatch(/another customer/)
      expect((await record(other.id)).status).not.toBe('closed')
      const self = await post(`/api/work-orders/${order.id}/merge`, { duplicateId: order.id })
      expect(self.status).toBe(400)
      expect(self.json.error).toMatchObject({ code: 'SCHEMA', field: 'duplicateId' })
    })
  })

  describe('attachments', () => {
    it('stores an image by its hash on disk and gives it back', async () => {
      const order = await open()
      const res = await post(`/api/work-orders/${order.id}/attachments`, {
        fileName: '铭牌.png',
        dataBase64: PNG.toString('base64'),
      })
      expect(res.status).toBe(200)
      expect(res.json).toMatchObject({ fileName: '铭牌.png', contentType: 'image/png', size: PNG.length })
      expect(await readFile(join(dataDir, 'attachments', res.json.sha256 as string))).toEqual(PNG)
      const list = (await get(`/api/work-orders/${order.id}/attachments`)).json as unknown as { id: string }[]
      expect(list.map((a) => a.id)).toEqual([res.json.id])
      const back = (await get(`/api/work-orders/${order.id}/attachments/${res.json.id}`)).json
      expect(Buffer.from(back.dataBase64 as string, 'base64')).toEqual(PNG)
      expect(await latest(order.id, 'attachment')).toMatchObject({ kind: 'attachment', body: '铭牌.png' })
    })

    it('refuses a file whose bytes are not an allowed type, whatever its name', async () => {
      const order = await open()
      const res = await post(`/api/work-orders/${order.id}/attachments`, {
        fileName: 'invoice.pdf',
        dataBase64: Buffer.from('<html><script>alert(1)</script></html>').toString('base64'),
      })
      expect(res.status).toBe(400)
      expect(res.json.error).toMatchObject({ code: 'SCHEMA', field: 'dataBase64' })
      expect(res.json.error.message).toMatch(/PNG, JPEG or WebP image or a PDF/)
    })

    it('refuses a file over 5 MB', async () => {
      const order = await open()
      const big = Buffer.concat([PNG, Buffer.alloc(MAX_ATTACHMENT_BYTES + 1 - PNG.length)])
      const res = await post(`/api/work-orders/${order.id}/attachments`, {
        fileName: 'photo.png',
        dataBase64: big.toString('base64'),
      })
      expect(res.status).toBe(400)
      expect(res.json.error).toMatchObject({ code: 'SCHEMA', field: 'dataBase64' })
      expect(res.json.error.message).toMatch(/5 MB/)
      expect((await get(`/api/work-orders/${order.id}/attachments`)).json).toEqual([])
    })
  })
})
