import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WorkOrderRecord } from '../../src/shared/domain/records'
import { openSeat, type Seat } from '../support/seats'
import { startTestServer, type Backend, type TestServer } from '../support/syncServer'
import { waitFor } from '../support/waitFor'

describe.each<Backend>(['sqlite', 'postgres'])('work-order activity and notes (%s)', (backend) => {
  let server: TestServer
  let agent: Seat
  let colleague: Seat
  let order: WorkOrderRecord

  beforeAll(async () => {
    server = await startTestServer(backend)
    ;[agent, colleague] = await Promise.all([openSeat(server.url, 'agent01'), openSeat(server.url, 'agent02')])
    const customer = (await agent.call('customers.list', { limit: 1 }))[0]!
    order = (
      await agent.call('workOrders.create', {
        requestId: randomUUID(),
        customerId: customer.id,
        type: '维修',
        title: '洗衣机脱水异响',
        description: '客户说脱水时响声很大',
        channel: 'call',
      })
    ).order
  }, 120_000)
  afterAll(async () => {
    await agent?.close()
    await colleague?.close()
    await server?.stop()
  })

  const activity = (seat: Seat) => seat.call('workOrders.activity', { id: order.id })
  /** the seat's outbox has been answered by the server */
  const sent = (seat: Seat) =>
    waitFor('outbox drained', async () => (await seat.call('outbox.status', {})).pending === 0)

  it('starts with the creation, reasons kept, and the new order reaches the other seat', async () => {
    const { entries } = await activity(agent)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ kind: 'created', visibility: 'customer', authorName: expect.any(String) })
    expect(entries[0]!.data).toMatchObject({ channel: 'call', priorityReason: expect.any(String) })
    await waitFor(
      'order on the colleague’s seat',
      async () => (await colleague.call('workOrders.get', { id: order.id })) !== null,
    )
  })

  it('keeps both notes when two seats write to the same order at once', async () => {
    await Promise.all([
      agent.call('records.write', {
        mutation: {
          kind: 'workOrder.addNote',
          workOrderId: order.id,
          body: '已联系仓储查询电机库存',
          visibility: 'internal',
        },
      }),
      colleague.call('records.write', {
        mutation: {
          kind: 'workOrder.addNote',
          workOrderId: order.id,
          body: '客户下午三点后方便接电话',
          visibility: 'internal',
        },
      }),
    ])
    await Promise.all([sent(agent), sent(colleague)])
    for (const seat of [agent, colleague]) {
      const bodies = (await activity(seat)).entries.map((e) => e.body)
      expect(bodies).toEqual(expect.arrayContaining(['已联系仓储查询电机库存', '客户下午三点后方便接电话']))
    }
  })

  it('a customer-visible progress update answers the first-response clock; an internal note does not', async () => {
    const before = await agent.call('workOrders.get', { id: order.id })
    expect(before?.sla?.firstResponse.metAt).toBeNull()
    await agent.call('records.write', {
      mutation: {
        kind: 'workOrder.addNote',
        workOrderId: order.id,
        body: '师傅明天上午上门检修',
        visibility: 'customer',
      },
    })
    await sent(agent)
    await waitFor('first response met in the seat cache', async () => {
      const now = await agent.call('workOrders.get', { id: order.id })
      return now?.sla?.firstResponse.metAt != null
    })
    const last = (await activity(agent)).entries.at(-1)!
    expect(last).toMatchObject({ kind: 'progress', visibility: 'customer', body: '师傅明天上午上门检修' })
  })

  it('records status changes with from/to, and a closed order refuses notes with a reason', async () => {
    await agent.call('records.write', {
      mutation: { kind: 'workOrder.setStatus', workOrderId: order.id, status: 'in_progress' },
    })
    await sent(agent)
    const status = (await activity(agent)).entries.find((e) => e.kind === 'status')
    expect(status?.data).toMatchObject({ to: 'in_progress' })

    for (const status of ['resolved', 'closed'] as const) {
      await agent.call('records.write', {
        mutation: {
          kind: 'workOrder.setStatus',
          workOrderId: order.id,
          status,
          ...(status === 'closed' ? { followUp: { result: 'confirmed' as const, note: '回访确认' } } : {}),
        },
      })
      await sent(agent)
    }
    await agent.call('records.write', {
      mutation: { kind: 'workOrder.addNote', workOrderId: order.id, body: '迟到的备注', visibility: 'internal' },
    })
    await sent(agent)
    const rejected = await agent.call('outbox.rejected', {})
    expect(rejected.at(-1)?.error).toMatchObject({ code: 'CONFLICT' })
    expect((await activity(agent)).entries.map((e) => e.body)).not.toContain('迟到的备注')
  })

  it('refuses an empty or oversized note at the boundary with the field named', async () => {
    const reply = await agent.service.dispatch('records.write', {
      mutation: { kind: 'workOrder.addNote', workOrderId: order.id, body: '   ', visibility: 'internal' },
    })
    expect(reply.ok).toBe(false)
    expect(!reply.ok && reply.error).toMatchObject({ code: 'SCHEMA', field: expect.stringContaining('body') })
  })
})
