import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { LocalCache } from '../../src/main/services/sync/localCache'
import { cacheListSource } from '../../src/main/services/workOrderList/cacheListSource'
import { WorkOrderListIndex } from '../../src/main/services/workOrderList/workOrderListIndex'
import type { WorkOrderRecord, WorkOrderStatus } from '../../src/shared/domain/records'
import { DEFAULT_CALENDAR } from '../../src/shared/workOrders/businessCalendar'
import type { ListViewer } from '../../src/shared/workOrders/listRules'
import { advanceSla, slaOnStatus, startSla, type WorkOrderSla } from '../../src/shared/workOrders/orderSla'
import { startClock } from '../../src/shared/workOrders/slaClock'
import { policyFor, type Priority } from '../../src/shared/workOrders/slaPolicy'
import { WorkOrderListQuery } from '../../src/shared/workOrders/workOrderList'

const MIN = 60_000
const NOW = Date.parse('2026-11-23T10:00:00+08:00') // a Monday morning: the default calendar is open
const AGENT01: ListViewer = { id: 'u-agent01', role: 'agent', storeId: null, skills: ['售后', '空调维修', '投诉'] }

interface Spec {
  id: string
  type: string
  priority: Priority
  status: WorkOrderStatus
  title: string
  assigneeId: string | null
  customerId: string
  /** minutes before NOW the SLA started; null: an order from before SLAs */
  startedMinAgo: number | null
  updatedMinAgo: number
}

function slaOf(spec: Spec): WorkOrderSla | null {
  if (spec.startedMinAgo === null) return null
  const at = NOW - spec.startedMinAgo * MIN
  let sla = startSla(policyFor('咨询', spec.priority), at, DEFAULT_CALENDAR)
  if (spec.status !== 'new' && spec.status !== 'assigned')
    sla = slaOnStatus(sla, 'assigned', 'in_progress', at, DEFAULT_CALENDAR)
  if (spec.status === 'waiting_customer')
    sla = slaOnStatus(sla, 'in_progress', 'waiting_customer', at + MIN, DEFAULT_CALENDAR)
  if (spec.status === 'resolved')
    sla = advanceSla(slaOnStatus(sla, 'in_progress', 'resolved', NOW, DEFAULT_CALENDAR), NOW, DEFAULT_CALENDAR).sla
  return sla
}

const order = (spec: Spec, feedSeq = 1): WorkOrderRecord => ({
  id: spec.id,
  serviceCode: `SC${spec.id.slice(3).toUpperCase().padStart(6, '0')}`,
  customerId: spec.customerId,
  storeId: 'st-01',
  type: spec.type,
  priority: spec.priority,
  status: spec.status,
  title: spec.title,
  description: '',
  assigneeId: spec.assigneeId,
  createdAt: NOW - 600 * MIN,
  updatedAt: NOW - spec.updatedMinAgo * MIN,
  feedSeq,
  sla: slaOf(spec),
})

const SPECS: Spec[] = [
  // mine, first response 4 of 5 minutes used: at risk (≥ 75 %)
  {
    id: 'wo-a',
    type: '投诉',
    priority: 'A',
    status: 'assigned',
    title: '投诉：安装师傅迟到',
    assigneeId: 'u-agent01',
    customerId: 'c-1',
    startedMinAgo: 4,
    updatedMinAgo: 4,
  },
  // mine, started 1 minute ago on a 2-hour solution clock: fine
  {
    id: 'wo-b',
    type: '咨询',
    priority: 'B',
    status: 'in_progress',
    title: '咨询：延保价格',
    assigneeId: 'u-agent01',
    customerId: 'c-2',
    startedMinAgo: 1,
    updatedMinAgo: 1,
  },
  // someone else's 空调 repair (my 空调维修 skill: my team), waiting on the customer
  {
    id: 'wo-c',
    type: '维修',
    priority: 'B',
    status: 'waiting_customer',
    title: '维修：空调不制冷',
    assigneeId: 'u-agent02',
    customerId: 'c-3',
    startedMinAgo: 10,
    updatedMinAgo: 10,
  },
  // not my team's, first response breached 10 minutes ago
  {
    id: 'wo-d',
    type: '咨询',
    priority: 'B',
    status: 'new',
    title: '咨询：会员积分',
    assigneeId: null,
    customerId: 'c-1',
    startedMinAgo: 40,
    updatedMinAgo: 40,
  },
  // my team's (售后), resolved after a breach: no longer at risk
  {
    id: 'wo-e',
    type: '售后',
    priority: 'A',
    status: 'resolved',
    title: '售后：退款进度',
    assigneeId: 'u-agent02',
    customerId: 'c-2',
    startedMinAgo: 60,
    updatedMinAgo: 0,
  },
  // from before SLAs
  {
    id: 'wo-f',
    type: '表扬',
    priority: 'C',
    status: 'in_progress',
    title: '表扬：服务周到',
    assigneeId: 'u-agent01',
    customerId: 'c-3',
    startedMinAgo: null,
    updatedMinAgo: 30,
  },
]

const customer = (id: string, name: string, phoneMasked: string) => ({
  id,
  name,
  phoneMasked,
  phoneHash: `h-${id}`,
  memberNo: `M1000000${id.slice(2)}`,
  tier: 'basic',
  homeStoreId: 'st-01',
  birthday: null,
  tags: [],
  focus: '',
  specialNeeds: '',
  notes: '',
  createdAt: 0,
  feedSeq: 1,
})

let cache: LocalCache
let index: WorkOrderListIndex
const query = (q: Partial<WorkOrderListQuery>, now = NOW) => index.query(WorkOrderListQuery.parse(q), now)
const ids = async (q: Partial<WorkOrderListQuery>, now = NOW) => (await query(q, now)).rows.map((r) => r.order.id)

beforeEach(async () => {
  cache = new LocalCache(join(await mkdtemp(join(tmpdir(), 'sc-wolist-')), 'cache.db'))
  cache.bind(AGENT01.id, 'all')
  cache.applySnapshot(
    'workOrder',
    SPECS.map((s) => order(s)),
    null,
  )
  cache.applySnapshot(
    'customer',
    [
      customer('c-1', '王小明', '138****5678'),
      customer('c-2', '陈静', '139****1234'),
      customer('c-3', '張偉', '137****0000'),
    ],
    { head: 1 },
  )
  index = new WorkOrderListIndex(cacheListSource(cache))
  index.reset(AGENT01)
})

describe('work-order list index', () => {
  it('counts every quick view: mine, my team (own + skill group), waiting on others, at risk, all', async () => {
    expect((await query({})).counts).toEqual({ mine: 3, team: 5, waiting: 1, atRisk: 2, all: 6 })
    expect((await query({ view: 'mine' })).statusCounts).toEqual({
      new: 1,
      assigned: 1,
      in_progress: 2,
      waiting_customer: 1,
      resolved: 1,
      closed: 0,
    })
    expect((await ids({ view: 'mine' })).sort()).toEqual(['wo-a', 'wo-b', 'wo-f'])
    expect((await ids({ view: 'team' })).sort()).toEqual(['wo-a', 'wo-b', 'wo-c', 'wo-e', 'wo-f'])
    expect(await ids({ view: 'waiting' })).toEqual(['wo-c'])
  })

  it('puts open orders with a clock at ≥ 75 % or breached at risk, and more as time passes', async () => {
    expect(await ids({ view: 'atRisk', sort: 'sla' })).toEqual(['wo-d', 'wo-a'])
    // wo-b's 2-hour solution clock reaches 75 % 90 minutes after it started, a minute before NOW
    expect(await ids({ view: 'atRisk', sort: 'sla' }, NOW + 88 * MIN)).toEqual(['wo-d', 'wo-a'])
    expect(await ids({ view: 'atRisk', sort: 'sla' }, NOW + 89 * MIN)).toEqual(['wo-d', 'wo-a', 'wo-b'])
  })

  it('sorts by SLA (overdue first, then least time left, paused clocks after running ones), updated, priority', async () => {
    expect(await ids({ sort: 'sla' })).toEqual(['wo-d', 'wo-a', 'wo-b', 'wo-c', 'wo-e', 'wo-f'])
    expect(await ids({ sort: 'updated' })).toEqual(['wo-e', 'wo-b', 'wo-a', 'wo-c', 'wo-f', 'wo-d'])
    expect(await ids({ sort: 'priority' })).toEqual(['wo-a', 'wo-e', 'wo-d', 'wo-b', 'wo-c', 'wo-f'])
  })

  it('filters by status and by service code, title, customer name (either script) or phone digits', async () => {
    expect(await ids({ status: 'in_progress', sort: 'updated' })).toEqual(['wo-b', 'wo-f'])
    expect(await ids({ text: 'sc00000d' })).toEqual(['wo-d'])
    expect(await ids({ text: '空调' })).toEqual(['wo-c'])
    expect(await ids({ text: '小明', sort: 'updated' })).toEqual(['wo-a', 'wo-d'])
    expect(await ids({ text: '张伟', sort: 'updated' })).toEqual(['wo-c', 'wo-f'])
    expect(await ids({ text: '1234', sort: 'updated' })).toEqual(['wo-e', 'wo-b'])
    const page = await query({ text: '小明', view: 'mine' })
    expect(page.total).toBe(1)
    expect(page.rows[0]).toMatchObject({ customerName: '王小明' })
    // the counts are the views' own, before the filters
    expect(page.counts.all).toBe(6)
  })

  it('answers one window of the sorted list with the total of all matches', async () => {
    const page = await query({ sort: 'updated', offset: 2, limit: 3 })
    expect(page.total).toBe(6)
    expect(page.offset).toBe(2)
    expect(page.rows.map((r) => r.order.id)).toEqual(['wo-a', 'wo-c', 'wo-f'])
  })

  it('follows changed orders and customers, and shows pending writes at once', async () => {
    await query({})
    const d = SPECS.find((s) => s.id === 'wo-d')!
    cache.applyChanges(
      [
        {
          seq: 2,
          entity: 'workOrder',
          entityId: 'wo-d',
          op: 'upsert',
          data: order({ ...d, assigneeId: 'u-agent01', status: 'assigned', updatedMinAgo: 0 }, 2),
          changedFields: ['assigneeId', 'status'],
          by: 'u-super01',
          opId: null,
        },
      ],
      2,
    )
    index.changed('workOrder', ['wo-d'])
    expect(await ids({ view: 'mine', sort: 'updated' })).toEqual(['wo-d', 'wo-b', 'wo-a', 'wo-f'])

    cache.enqueue('op-1', { kind: 'workOrder.setStatus', workOrderId: 'wo-a', status: 'waiting_customer' })
    index.changed('workOrder', ['wo-a'])
    expect(await ids({ view: 'waiting', sort: 'updated' })).toEqual(['wo-a', 'wo-c'])
    expect((await query({})).counts.waiting).toBe(2)

    cache.applySnapshot('customer', [{ ...customer('c-2', '陈静怡', '139****1234'), feedSeq: 3 }], null)
    index.changed('customer', ['c-2'])
    expect(await ids({ text: '陈静怡', sort: 'updated' })).toEqual(['wo-e', 'wo-b'])
  })

  it('counts an order handed off to another department as waiting on others while the hand-off is open', async () => {
    const c = SPECS.find((s) => s.id === 'wo-b')!
    const handedOff: WorkOrderRecord = {
      ...order(c, 2),
      handoffs: [
        {
          id: 'ho-1',
          department: '仓储' as const,
          note: '请确认旧机是否已入库',
          openedAt: NOW,
          openedBy: 'u-agent01',
          clock: startClock(120, 0.75, NOW, DEFAULT_CALENDAR),
        },
      ],
    }
    cache.applyChanges(
      [
        {
          seq: 2,
          entity: 'workOrder',
          entityId: 'wo-b',
          op: 'upsert',
          data: handedOff,
          changedFields: ['handoffs'],
          by: 'u-agent01',
          opId: null,
        },
      ],
      2,
    )
    index.changed('workOrder', ['wo-b'])
    expect(await ids({ view: 'waiting', sort: 'updated' })).toEqual(['wo-b', 'wo-c'])
  })

  it('reads the whole cache again after a snapshot, answering queries once that is done', async () => {
    await query({})
    const extra = { ...SPECS[0]!, id: 'wo-g', assigneeId: 'u-agent01', updatedMinAgo: 0 }
    cache.applySnapshot('workOrder', [order(extra)], null)
    index.changed('workOrder', [])
    expect(await ids({ view: 'mine', sort: 'updated', limit: 1 })).toEqual(['wo-g'])
    expect((await query({})).counts.all).toBe(7)
  })

  it('reads everything again for the next user, whose team is their store', async () => {
    await query({})
    index.reset({ id: 'u-desk01', role: 'frontdesk', storeId: 'st-01', skills: [] })
    expect((await query({})).counts).toMatchObject({ mine: 0, team: 6, all: 6 })
  })
})
