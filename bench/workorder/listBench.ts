import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { LocalCache } from '../../src/main/services/sync/localCache'
import { cacheListSource } from '../../src/main/services/workOrderList/cacheListSource'
import { WorkOrderListIndex } from '../../src/main/services/workOrderList/workOrderListIndex'
import { intBetween, pick, seededRandom } from '../../src/server/seed/random'
import type { WorkOrderRecord, WorkOrderStatus } from '../../src/shared/domain/records'
import { DEFAULT_CALENDAR } from '../../src/shared/workOrders/businessCalendar'
import {
  inTeam,
  OPEN_STATUSES,
  riskFrom,
  slaUrgency,
  waitsOnOthers,
  type ListViewer,
} from '../../src/shared/workOrders/listRules'
import { advanceSla, slaOnStatus, startSla } from '../../src/shared/workOrders/orderSla'
import { policyFor, type Priority } from '../../src/shared/workOrders/slaPolicy'
import { WorkOrderListQuery, type WorkOrderSort, type WorkOrderView } from '../../src/shared/workOrders/workOrderList'
import { row, type BenchRow } from '../table'
import { tails } from './tails'

const MIN = 60_000
const NOW = Date.parse('2026-11-23T10:00:00+08:00') // a Monday: the default calendar is open
const VIEWER: ListViewer = { id: 'u-agent01', role: 'agent', storeId: null, skills: ['售后', '空调维修', '投诉'] }
const TYPES = ['咨询', '售后', '维修', '退换货', '投诉', '建议', '表扬'] as const
const STATUSES: WorkOrderStatus[] = ['new', 'assigned', 'in_progress', 'in_progress', 'waiting_customer', 'resolved']
const PRODUCTS = ['空调', '冰箱', '洗衣机', '热水器', '电视', '油烟机']
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂'
const TARGET_P95_MS = 100

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Every cached order, read the way the index reads them (a page at a time). */
function allOrders(cache: LocalCache): WorkOrderRecord[] {
  const all: WorkOrderRecord[] = []
  for (let page = cache.page<WorkOrderRecord>('workOrder', '', 5000); page.length > 0;) {
    all.push(...page)
    page = cache.page<WorkOrderRecord>('workOrder', page.at(-1)!.id, 5000)
  }
  return all
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

/** Every view × sort, with and without a status, with text typed as an agent would. */
const QUERIES: Partial<WorkOrderListQuery>[] = (['all', 'mine', 'team', 'waiting', 'atRisk'] as WorkOrderView[])
  .flatMap((view) => (['sla', 'updated', 'priority'] as WorkOrderSort[]).map((sort) => ({ view, sort })))
  .flatMap((q) => [q, { ...q, status: 'in_progress' as const }, { ...q, text: '空调' }, { ...q, text: '王' }])
  .flatMap((q) => [q, { ...q, offset: 2000 }])

function orderAt(i: number, rnd: () => number, customers: number): WorkOrderRecord {
  const type = pick(rnd, TYPES)
  const priority: Priority = type === '投诉' ? 'A' : pick(rnd, ['A', 'B', 'C', 'C'] as const)
  const status = pick(rnd, STATUSES)
  const at = NOW - intBetween(rnd, 0, 3 * 24 * 60) * MIN
  let sla = startSla(policyFor(type, priority), at, DEFAULT_CALENDAR)
  if (status !== 'new' && status !== 'assigned')
    sla = slaOnStatus(sla, 'assigned', 'in_progress', at + MIN, DEFAULT_CALENDAR)
  if (status === 'waiting_customer')
    sla = slaOnStatus(sla, 'in_progress', 'waiting_customer', at + 2 * MIN, DEFAULT_CALENDAR)
  if (status === 'resolved') sla = slaOnStatus(sla, 'in_progress', 'resolved', at + 3 * MIN, DEFAULT_CALENDAR)
  return {
    id: `wo-${i}`,
    serviceCode: `B${String(i).padStart(7, '0')}`,
    customerId: `c-${intBetween(rnd, 0, customers - 1)}`,
    storeId: `st-0${(i % 8) + 1}`,
    type,
    priority,
    status,
    title: `${type}：${pick(rnd, PRODUCTS)}`,
    description: '',
    assigneeId:
      status === 'new'
        ? null
        : `u-${pick(rnd, ['agent01', 'agent02', ...Array.from({ length: 48 }, (_, k) => `bench-${k}`)])}`,
    createdAt: at,
    updatedAt: at + intBetween(rnd, 0, 600) * MIN,
    feedSeq: i + 1,
    sla: advanceSla(sla, NOW, DEFAULT_CALENDAR).sla,
  }
}

/** What a list without an index does per query: read every cached order, then filter and sort in JS. */
function naiveQuery(cache: LocalCache, q: WorkOrderListQuery): { total: number; ids: string[] } {
  const names = new Map(cache.customerNames().map((c) => [c.id, c.name]))
  const text = q.text.toLowerCase()
  const inView = (o: WorkOrderRecord): boolean =>
    q.view === 'mine'
      ? o.assigneeId === VIEWER.id
      : q.view === 'team'
        ? inTeam(VIEWER, o)
        : q.view === 'waiting'
          ? waitsOnOthers(o)
          : q.view === 'atRisk'
            ? OPEN_STATUSES.has(o.status) && (riskFrom(o.sla) ?? Infinity) <= NOW
            : true
  const hits = allOrders(cache).filter(
    (o) =>
      inView(o) &&
      (q.status === null || o.status === q.status) &&
      (!text || `${o.serviceCode} ${o.title} ${names.get(o.customerId) ?? ''}`.toLowerCase().includes(text)),
  )
  const urgency = (o: WorkOrderRecord) => slaUrgency(o.sla, DEFAULT_CALENDAR)
  hits.sort((a, b) => {
    if (q.sort === 'updated') return b.updatedAt - a.updatedAt
    if (q.sort === 'priority' && a.priority !== b.priority) return a.priority < b.priority ? -1 : 1
    const ua = urgency(a)
    const ub = urgency(b)
    return ua.rank - ub.rank || ua.value - ub.value || b.updatedAt - a.updatedAt
  })
  return { total: hits.length, ids: hits.slice(q.offset, q.offset + q.limit).map((o) => o.id) }
}

/**
 * The work-order list over a seat cache of `orders` orders: the index's query (views × sorts ×
 * filters, one 100-row window) against loading every cached order and filtering in JS per query,
 * a query right after a live change, and what the index costs to build and keep.
 */
export async function listBench(orders: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sc-bench-wolist-'))
  const cache = new LocalCache(join(dir, 'cache.db'))
  try {
    cache.bind(VIEWER.id, 'all')
    const rnd = seededRandom(11)
    const customers = Math.ceil(orders / 2)
    const people = Array.from({ length: customers }, (_, i) => ({
      id: `c-${i}`,
      name: `${pick(rnd, [...SURNAMES])}${pick(rnd, [...GIVEN])}${pick(rnd, [...GIVEN])}`,
      phoneMasked: `138****${String(i % 10_000).padStart(4, '0')}`,
      phoneHash: `h-${i}`,
      feedSeq: 1,
    }))
    for (let i = 0; i < customers; i += 5000) cache.applySnapshot('customer', people.slice(i, i + 5000), null)
    for (let i = 0; i < orders; i += 5000) {
      const page = Array.from({ length: Math.min(5000, orders - i) }, (_, k) => orderAt(i + k, rnd, customers))
      cache.applySnapshot('workOrder', page, null)
    }

    gc()
    const heap0 = process.memoryUsage().heapUsed
    const lag = monitorEventLoopDelay({ resolution: 10 })
    lag.enable()
    const index = new WorkOrderListIndex(cacheListSource(cache))
    const buildMs = await time(async () => {
      index.reset(VIEWER)
      await index.query(WorkOrderListQuery.parse({}), NOW)
    })
    lag.disable()
    for (const sort of ['sla', 'priority'] as const) await index.query(WorkOrderListQuery.parse({ sort }), NOW)
    gc()
    const heapMb = Math.round((process.memoryUsage().heapUsed - heap0) / 1e5) / 10

    const parsed = QUERIES.map((q) => WorkOrderListQuery.parse(q))
    const samples: number[] = []
    for (let round = 0; round < 3; round++) for (const q of parsed) samples.push(await time(() => index.query(q, NOW)))
    const baseline: number[] = []
    for (const q of parsed.filter((_, k) => k % 12 === 0)) baseline.push(await time(async () => naiveQuery(cache, q)))

    // same answer as the naive list (first query of each view)
    for (const q of parsed.filter((p) => p.sort === 'updated' && !p.text && p.status === null && p.offset === 0)) {
      const fast = await index.query(q, NOW)
      const slow = naiveQuery(cache, q)
      if (fast.total !== slow.total) throw new Error(`${q.view}: index counted ${fast.total}, naive ${slow.total}`)
    }

    // a live change (someone moves one order) and the list asking again
    const afterChange: number[] = []
    for (let k = 0; k < 200; k++) {
      const id = `wo-${(k * 7919) % orders}`
      const o = cache.get<WorkOrderRecord>('workOrder', id)!
      const next = {
        ...o,
        status: o.status === 'in_progress' ? 'waiting_customer' : 'in_progress',
        updatedAt: NOW + k,
        feedSeq: orders + k + 1,
      }
      cache.applyChanges(
        [
          {
            seq: orders + k + 1,
            entity: 'workOrder',
            entityId: id,
            op: 'upsert',
            data: next,
            changedFields: ['status'],
            by: 'u-agent02',
            opId: null,
          },
        ],
        orders + k + 1,
      )
      const q = parsed[k % parsed.length]!
      afterChange.push(
        await time(() => {
          index.changed('workOrder', [id])
          return index.query(q, NOW)
        }),
      )
    }

    const page = await index.query(WorkOrderListQuery.parse({}), NOW)
    const pageKb = Math.round(Buffer.byteLength(JSON.stringify(page)) / 100) / 10
    const allMb = Math.round(Buffer.byteLength(JSON.stringify(allOrders(cache))) / 1e5) / 10
    const n = orders.toLocaleString('en')
    const q = tails(samples)
    const c = tails(afterChange)
    return [
      {
        ...row(
          `list query, ${n} cached orders (${QUERIES.length} view×sort×filter)`,
          'load all + filter/sort in JS',
          samples,
          baseline,
        ),
        extra: { ...q, under100msP95: q.p95Ms < TARGET_P95_MS ? 'yes' : 'NO', pageKB: pageKb, allOrdersMB: allMb },
      },
      {
        ...row(`list query after a live change, ${n} orders`, 'load all + filter/sort in JS', afterChange, baseline),
        extra: { ...c, under100msP95: c.p95Ms < TARGET_P95_MS ? 'yes' : 'NO' },
      },
      {
        ...row(`list index build (first query), ${n} orders`, 'load all once', [buildMs], [baseline[0]!]),
        extra: { heapMB: heapMb, longestBlockMs: Math.round(lag.max / 1e5) / 10 },
      },
    ]
  } finally {
    cache.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
