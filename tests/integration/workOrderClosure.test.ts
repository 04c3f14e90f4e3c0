import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSyncServer, type SyncServer } from '../../src/server/app'
import type { AccessClaims } from '../../src/server/auth/accessTokens'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { applyWrite } from '../../src/server/sync/writeService'
import { listActivity } from '../../src/server/workOrders/activityLog'
import type { WorkOrderRecord } from '../../src/shared/domain/records'
import type { Mutation } from '../../src/shared/sync/mutations'
import { postJson } from '../support/http'
import { createTempDatabase, type TempDatabase } from '../support/postgres'
import { TEST_JWT_SECRET } from '../support/syncServer'

const DAY = 86_400_000
const agent: AccessClaims = { sub: 'u-agent01', role: 'agent', storeId: null, name: '李娜' }

describe.each(['sqlite', 'postgres'] as const)('closing work orders (%s)', (backend) => {
  let dataDir = ''
  let pg: TempDatabase | null = null
  let server: SyncServer
  let now = Date.parse('2026-11-23T10:00:00+08:00')
  let token = ''

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sc-close-'))
    pg = backend === 'postgres' ? await createTempDatabase() : null
    server = await startSyncServer(
      { port: 0, dataDir, databaseUrl: pg?.url, jwtSecret: TEST_JWT_SECRET, logLevel: 'silent', autoCloseDays: 7 },
      { now: () => now },
    )
    // only this test's orders in play: the demo data's open ones would fill the agents' capacity
    await server.db.db.updateTable('work_orders').set({ status: 'closed' }).execute()
    token = (await postJson(server.url, '/api/auth/login', { username: 'agent01', password: DEMO_PASSWORD })).json
      .accessToken as string
  })
  afterAll(async () => {
    await server?.close()
    await pg?.drop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  const open = async (): Promise<WorkOrderRecord> => {
    const customer = await server.db.db.selectFrom('customers').select('id').orderBy('id').executeTakeFirstOrThrow()
    const body = {
      requestId: randomUUID(),
      channel: 'call',
      customerId: customer.id,
      type: '维修',
      title: '空调不制冷',
    }
    return (await postJson(server.url, '/api/work-orders', body, token)).json.order as WorkOrderRecord
  }
  const write = (mutation: Mutation) =>
    applyWrite(server.db.db, server.db.kind, agent, { opId: randomUUID(), mutation }, now)
  const current = async (id: string) =>
    (await server.db.db
      .selectFrom('work_orders')
      .select(['status', 'closure'])
      .where('id', '=', id)
      .executeTakeFirst())!

  it('closes only with the customer’s follow-up confirmation, and reopening clears it', async () => {
    const order = await open()
    const setStatus = (status: WorkOrderRecord['status'], extra = {}) =>
      write({ kind: 'workOrder.setStatus', workOrderId: order.id, status, ...extra })
    expect((await setStatus('in_progress')).result.status).toBe('applied')
    expect((await setStatus('resolved')).result.status).toBe('applied')

    const refused = (await setStatus('closed')).result
    expect(refused).toMatchObject({
      status: 'rejected',
      error: { code: 'SCHEMA', field: 'followUp', reason: { key: 'closeNeedsFollowUp' } },
    })
    expect((await current(order.id)).status).toBe('resolved')

    const closed = await setStatus('closed', { followUp: { result: 'confirmed', note: '客户确认已恢复制冷' } })
    expect(closed.result.status).toBe('applied')
    expect(closed.appended!.change.data).toMatchObject({
      status: 'closed',
      closure: { by: 'followUp', note: '客户确认已恢复制冷', userId: 'u-agent01', at: now },
    })
    expect((await setStatus('in_progress')).appended!.change.data).toMatchObject({
      status: 'in_progress',
      closure: null,
    })
  })

  it('closes a resolved order by the auto-close rule after 7 days without change, once', async () => {
    const order = await open()
    await write({ kind: 'workOrder.setStatus', workOrderId: order.id, status: 'in_progress' })
    await write({ kind: 'workOrder.setStatus', workOrderId: order.id, status: 'resolved' })
    const resolvedAt = now
    now = resolvedAt + 6 * DAY
    expect((await server.slaScheduler.tick()).autoClosed).toBe(0)
    now = resolvedAt + 7 * DAY
    expect((await server.slaScheduler.tick()).autoClosed).toBe(1)
    expect((await server.slaScheduler.tick()).autoClosed).toBe(0)
    const row = await current(order.id)
    expect(row.status).toBe('closed')
    expect(JSON.parse(row.closure!)).toEqual({ by: 'autoClose', days: 7, at: now })
    // the customer's progress page says why it closed without their confirmation
    const shown = await listActivity(server.db.db, order.id, { customerOnly: true })
    expect(shown.at(-1)).toMatchObject({ kind: 'status', body: '7 天内未收到回复，按规则自动关闭' })
  })
})
