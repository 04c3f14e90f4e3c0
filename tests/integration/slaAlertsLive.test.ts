import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SlaNotification } from '../../src/shared/workOrders/createWorkOrder'
import { openSeat, type Seat } from '../support/seats'
import { startTestServer, type Backend, type TestServer } from '../support/syncServer'
import { waitFor } from '../support/waitFor'

const MINUTE = 60_000

describe.each<Backend>(['sqlite', 'postgres'])('SLA alerts reach the right seats live (%s)', (backend) => {
  // a Monday 10:00 in Shanghai: inside business hours, so business minutes pass with the clock
  let now = Date.parse('2026-11-23T10:00:00+08:00')
  let server: TestServer
  let assignee: Seat
  let supervisor: Seat
  const received = new Map<string, SlaNotification[]>()

  beforeAll(async () => {
    server = await startTestServer(backend, { now: () => now })
    const opener = await openSeat(server.url, 'agent02')
    const customer = (await opener.call('customers.list', { limit: 50 })).find((c) => c.tier === 'core')!
    const { order } = await opener.call('workOrders.create', {
      requestId: randomUUID(),
      customerId: customer.id,
      type: '投诉',
      title: '安装师傅迟到两小时',
      description: '客户非常不满，要求今天给说法',
      channel: 'call',
    })
    await opener.close()
    expect(order.assigneeId).not.toBeNull()
    const username = (
      await server.db.db
        .selectFrom('users')
        .select('username')
        .where('id', '=', order.assigneeId!)
        .executeTakeFirstOrThrow()
    ).username
    ;[assignee, supervisor] = await Promise.all([openSeat(server.url, username), openSeat(server.url, 'super01')])
    for (const [name, seat] of [
      ['assignee', assignee],
      ['supervisor', supervisor],
    ] as const) {
      received.set(name, [])
      seat.service.on('event', (event, payload) => {
        if (event === 'notifications.new') received.get(name)!.push(...(payload as SlaNotification[]))
      })
    }
  }, 120_000)
  afterAll(async () => {
    await assignee?.close()
    await supervisor?.close()
    await server?.stop()
  })

  it('pushes the 75 % warning to the assignee and the first tier, naming the order', async () => {
    const row = await server.db.db
      .selectFrom('work_orders')
      .select('sla')
      .where('title', '=', '安装师傅迟到两小时')
      .executeTakeFirstOrThrow()
    const { targetMin } = (JSON.parse(row.sla!) as { firstResponse: { targetMin: number } }).firstResponse
    now += Math.ceil(targetMin * 0.8) * MINUTE
    await server.slaScheduler.tick()
    await waitFor('assignee warned', () => received.get('assignee')!.some((n) => n.kind === 'sla.warning'))
    const warning = received.get('assignee')!.find((n) => n.kind === 'sla.warning')!
    expect(warning).toMatchObject({ clock: 'firstResponse', tier: 1, title: '安装师傅迟到两小时' })
    expect(warning.serviceCode).toMatch(/\S{6,}/)
    await waitFor('supervisor warned', () => received.get('supervisor')!.some((n) => n.kind === 'sla.warning'))
  })

  it('pushes the breach and the escalation, and the list the console loads agrees', async () => {
    now += 24 * 60 * MINUTE
    await server.slaScheduler.tick()
    await waitFor('assignee told of the breach', () => received.get('assignee')!.some((n) => n.kind === 'sla.breach'))
    await waitFor('supervisor told of the escalation', () =>
      received.get('supervisor')!.some((n) => n.kind === 'sla.escalated' && n.tier === 1),
    )
    const listed = await assignee.call('notifications.list', { limit: 50 })
    expect(listed.map((n) => n.id).sort()).toEqual(
      received
        .get('assignee')!
        .map((n) => n.id)
        .sort(),
    )
  })
})
