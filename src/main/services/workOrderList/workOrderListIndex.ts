import { WorkOrderStatus, type EntityKind, type WorkOrderRecord } from '../../../shared/domain/records'
import { normalizeForSearch } from '../../../shared/kb/normalize'
import type { ListViewer } from '../../../shared/workOrders/listRules'
import type {
  WorkOrderListPage,
  WorkOrderListQuery,
  WorkOrderSort,
  WorkOrderStatusCounts,
  WorkOrderView,
  WorkOrderViewCounts,
} from '../../../shared/workOrders/workOrderList'
import { toEntry, type CustomerLabel, type ListEntry } from './listEntry'
import { COMPARE, positionOf } from './listOrder'

/** Where the index reads orders and customers: the seat cache, with this seat's pending writes on top. */
export interface WorkOrderListSource {
  /** orders in id order after `afterId` */
  workOrdersAfter(afterId: string, limit: number): WorkOrderRecord[]
  workOrder(id: string): WorkOrderRecord | null
  customerLabels(): Map<string, CustomerLabel>
  customerLabel(id: string): CustomerLabel | null
}

/** More changed orders than this at once re-sort the lists instead of moving entries one by one. */
const RESORT_ABOVE = 2000
/** orders read per step of a build; the main process serves other calls between steps */
const BUILD_PAGE = 1000

/** What a query worked out, reused while no order changed and no clock reached its warning. */
interface Memo<T> {
  key: string
  version: number
  /** valid for queries asked at `from` ≤ now < `until` */
  from: number
  until: number
  value: T
}

const IN_VIEW: Record<WorkOrderView, (e: ListEntry, now: number) => boolean> = {
  mine: (e) => e.mine,
  team: (e) => e.team,
  waiting: (e) => e.waiting,
  atRisk: (e, now) => e.open && e.riskFrom <= now,
  all: () => true,
}

/**
 * The work-order list of one seat, answered in memory so that a filter or sort over 100,000
 * cached orders never sends them over IPC: one compact entry per order, a list per sort order
 * (kept sorted as orders change), and a scan of that list per query. It is read from the cache
 * when a user signs in and after a snapshot, a page at a time between other work; after that,
 * changes only mark orders and customers, and the next query reads those again.
 */
export class WorkOrderListIndex {
  private viewer: ListViewer | null = null
  /** bumped by every reset and rebuild: a build that is no longer current stops */
  private generation = 0
  private building: Promise<void> = Promise.resolve()
  private entries = new Map<string, ListEntry>()
  private customers = new Map<string, CustomerLabel>()
  private readonly sorted = new Map<WorkOrderSort, ListEntry[]>()
  private readonly dirtyOrders = new Set<string>()
  private readonly dirtyCustomers = new Set<string>()
  /** bumped whenever an entry changes; memos of another version are stale */
  private version = 0
  private countsMemo: Memo<{ views: WorkOrderViewCounts; statuses: WorkOrderStatusCounts }> | null = null
  private matchesMemo: Memo<ListEntry[]> | null = null

  constructor(private readonly source: WorkOrderListSource) {}

  /** Someone signed in (or out): the index is read again for them, starting now. */
  reset(viewer: ListViewer | null): void {
    this.viewer = viewer
    this.entries = new Map()
    this.customers = new Map()
    this.sorted.clear()
    this.version++
    this.rebuild()
  }

  /** Records changed in the cache; no ids means any record of that kind (a finished snapshot). */
  changed(entity: EntityKind, ids: readonly string[]): void {
    if (!this.viewer || entity === 'kbArticle') return
    if (ids.length === 0) return this.rebuild()
    const dirty = entity === 'workOrder' ? this.dirtyOrders : this.dirtyCustomers
    for (const id of ids) dirty.add(id)
  }

  async query(q: WorkOrderListQuery, now: number): Promise<WorkOrderListPage> {
    let generation
    do {
      generation = this.generation
      await this.building
    } while (generation !== this.generation)
    const viewer = this.viewer
    if (!viewer) throw new Error('the work-order list needs a signed-in user')
    this.applyChanges(viewer)
    const matches = this.matches(q, now)
    const window = matches.slice(q.offset, q.offset + q.limit)
    const rows = window.flatMap((e) => {
      const order = this.source.workOrder(e.id)
      return order ? [{ order, customerName: this.customers.get(order.customerId)?.name ?? null }] : []
    })
    const { views, statuses } = this.counts(now)
    return { rows, offset: q.offset, total: matches.length, counts: views, statusCounts: statuses }
  }

  private fresh<T>(memo: Memo<T> | null, key: string, now: number): T | null {
    return memo && memo.key === key && memo.version === this.version && memo.from <= now && now < memo.until
      ? memo.value
      : null
  }

  /** Orders per view and per status; valid until the next open order reaches its warning. */
  private counts(now: number): { views: WorkOrderViewCounts; statuses: WorkOrderStatusCounts } {
    const memo = this.fresh(this.countsMemo, '', now)
    if (memo) return memo
    const counts: WorkOrderViewCounts = { mine: 0, team: 0, waiting: 0, atRisk: 0, all: this.entries.size }
    const statuses = Object.fromEntries(WorkOrderStatus.options.map((s) => [s, 0])) as WorkOrderStatusCounts
    let until = Infinity
    for (const e of this.entries.values()) {
      statuses[e.status]++
      if (e.mine) counts.mine++
      if (e.team) counts.team++
      if (e.waiting) counts.waiting++
      if (e.open && e.riskFrom <= now) counts.atRisk++
      else if (e.open && e.riskFrom < until) until = e.riskFrom
    }
    const value = { views: counts, statuses }
    this.countsMemo = { key: '', version: this.version, from: now, until, value }
    return value
  }

  /** Every order matching the view and filters, in order: the pages of one query are slices of it. */
  private matches(q: WorkOrderListQuery, now: number): ListEntry[] {
    const key = `${q.view}|${q.status}|${q.sort}|${q.text}`
    const memo = this.fresh(this.matchesMemo, key, now)
    if (memo) return memo
    const inView = IN_VIEW[q.view]
    const text = normalizeForSearch(q.text.trim())
    const found: ListEntry[] = []
    let until = Infinity
    for (const e of this.sortedBy(q.sort)) {
      if ((q.status !== null && e.status !== q.status) || (text && !e.text.includes(text))) continue
      if (inView(e, now)) found.push(e)
      else if (q.view === 'atRisk' && e.open && e.riskFrom < until) until = e.riskFrom
    }
    this.matchesMemo = { key, version: this.version, from: now, until, value: found }
    return found
  }

  private rebuild(): void {
    const generation = ++this.generation
    const viewer = this.viewer
    this.building = viewer ? this.build(viewer, generation) : Promise.resolve()
  }

  /** Reads every cached order into fresh maps and swaps them in when done (if still current). */
  private async build(viewer: ListViewer, generation: number): Promise<void> {
    const customers = this.source.customerLabels()
    const entries = new Map<string, ListEntry>()
    let after = ''
    for (;;) {
      const page = this.source.workOrdersAfter(after, BUILD_PAGE)
      for (const order of page) entries.set(order.id, toEntry(order, customers.get(order.customerId), viewer))
      if (page.length < BUILD_PAGE) break
      after = page.at(-1)!.id
      await new Promise((resolve) => setImmediate(resolve))
      if (generation !== this.generation) return
    }
    if (generation !== this.generation) return
    this.customers = customers
    this.entries = entries
    this.sorted.clear()
    this.version++
  }

  /** Reads again what changed since the last query; changes during a build wait for it. */
  private applyChanges(viewer: ListViewer): void {
    for (const id of this.dirtyCustomers) {
      const label = this.source.customerLabel(id)
      if (label) this.customers.set(id, label)
      else this.customers.delete(id)
    }
    // a renamed customer is rare: one pass finds their orders
    if (this.dirtyCustomers.size > 0) {
      for (const e of this.entries.values()) if (this.dirtyCustomers.has(e.customerId)) this.dirtyOrders.add(e.id)
    }
    this.dirtyCustomers.clear()
    if (this.dirtyOrders.size > RESORT_ABOVE) this.sorted.clear()
    for (const id of this.dirtyOrders) this.replace(id, this.source.workOrder(id), viewer)
    this.dirtyOrders.clear()
  }

  /** Puts the order's fresh entry in place of its old one (null: it left the cache). */
  private replace(id: string, order: WorkOrderRecord | null, viewer: ListViewer): void {
    this.version++
    const old = this.entries.get(id)
    if (old) {
      this.entries.delete(id)
      for (const [sort, list] of this.sorted) list.splice(positionOf(list, old, COMPARE[sort]), 1)
    }
    if (!order) return
    const entry = toEntry(order, this.customers.get(order.customerId), viewer)
    this.entries.set(id, entry)
    for (const [sort, list] of this.sorted) list.splice(positionOf(list, entry, COMPARE[sort]), 0, entry)
  }

  private sortedBy(sort: WorkOrderSort): ListEntry[] {
    let list = this.sorted.get(sort)
    if (!list) {
      list = [...this.entries.values()].sort(COMPARE[sort])
      this.sorted.set(sort, list)
    }
    return list
  }
}
