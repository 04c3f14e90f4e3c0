import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { ConsoleEventPayload } from '../../../shared/api/console'
import type { ApiError } from '../../../shared/api/errors'
import type { WorkOrderStatus } from '../../../shared/domain/records'
import type {
  WorkOrderListRow,
  WorkOrderSort,
  WorkOrderStatusCounts,
  WorkOrderView,
  WorkOrderViewCounts,
} from '../../../shared/workOrders/workOrderList'
import { callConsole, errorOf, onConsoleEvent } from '../api/consoleClient'
import { useSessionStore } from './session'

/** rows asked for at once; the table asks for the pages around what is on screen */
const PAGE = 100
/** at most one re-query per this long: a burst of changes (a catch-up after reconnecting) costs two */
const REFRESH_GAP_MS = 100
/** typing waits this long for the next key before asking */
const TYPING_MS = 150
const FLASH_MS = 2000
/** at-risk orders and SLA times move with the clock: the list asks again this often */
const CLOCK_MS = 30_000
/**
 * Right after a fresh login the seat is still filling its cache; the main process announces the
 * filled cache with a records.changed event. An empty list waits for it this long at most.
 */
const FILL_WAIT_MS = 30_000

/** A row of the table: loaded, or (row null) a stand-in until its page arrives. */
export interface ListSlot {
  id: string
  row: WorkOrderListRow | null
}

const EMPTY_COUNTS: WorkOrderViewCounts = { mine: 0, team: 0, waiting: 0, atRisk: 0, all: 0 }

/**
 * The work-order list: the seat answers each view, filter and sort from its cache one page of
 * rows at a time (it may hold 100,000 orders); this store keeps the pages around what the table
 * shows, asks again when records change (lighting up the rows someone else changed) and as time
 * moves SLA clocks. My pending writes are in the answers already (the seat applies its outbox).
 */
export const useWorkOrderStore = defineStore('workOrder', () => {
  const session = useSessionStore()
  const view = ref<WorkOrderView>('all')
  const statusFilter = ref<WorkOrderStatus | 'all'>('all')
  const textFilter = ref('')
  const sort = ref<WorkOrderSort>('updated')
  const total = ref(0)
  const counts = shallowRef<WorkOrderViewCounts>(EMPTY_COUNTS)
  const statusCounts = shallowRef<Partial<WorkOrderStatusCounts>>({})
  // pages are replaced, never changed in place
  const pages = shallowRef<ReadonlyMap<number, WorkOrderListRow[]>>(new Map())
  /** from start until the first answer */
  const filling = ref(false)
  const error = ref<ApiError | null>(null)
  const flashing = shallowRef<ReadonlySet<string>>(new Set())
  /** what the table shows (first and last row index) */
  let shown = { first: 0, last: PAGE - 1 }
  let generation = 0
  const asking = new Set<number>()
  let refreshTimer: ReturnType<typeof setTimeout> | null = null
  let typingTimer: ReturnType<typeof setTimeout> | null = null
  let clockTimer: ReturnType<typeof setInterval> | null = null
  let fillTimer: ReturnType<typeof setTimeout> | null = null
  let lastRefresh = 0
  let toFlash = new Set<string>()
  let unsubscribe: (() => void)[] = []

  const slots = computed<ListSlot[]>(() =>
    Array.from({ length: total.value }, (_, i) => {
      const row = pages.value.get(Math.floor(i / PAGE))?.[i % PAGE]
      return row ? { id: row.order.id, row } : { id: `slot-${i}`, row: null }
    }),
  )

  const pagesShown = (): number[] => {
    const pageCount = Math.max(1, Math.ceil(total.value / PAGE))
    const first = Math.min(Math.floor(shown.first / PAGE), pageCount - 1)
    const last = Math.min(Math.floor(shown.last / PAGE), pageCount - 1)
    return Array.from({ length: last - first + 1 }, (_, k) => first + k)
  }

  /**
   * Asks for the given pages of the current query; `replace` drops every other page (the list
   * changed under them). Answers to an older query are ignored.
   */
  async function load(pageNumbers: number[], replace: boolean, changedByOthers: ReadonlySet<string>): Promise<void> {
    const mine = generation
    pageNumbers.forEach((p) => asking.add(p))
    try {
      const answers = await Promise.all(
        pageNumbers.map((p) =>
          callConsole('workOrders.query', {
            view: view.value,
            status: statusFilter.value === 'all' ? null : statusFilter.value,
            text: textFilter.value,
            sort: sort.value,
            offset: p * PAGE,
            limit: PAGE,
          }),
        ),
      )
      if (mine !== generation) return
      const next = new Map(replace ? [] : pages.value)
      answers.forEach((answer, k) => next.set(pageNumbers[k]!, answer.rows))
      const last = answers.at(-1)!
      total.value = last.total
      counts.value = last.counts
      statusCounts.value = last.statusCounts
      pages.value = next
      flash(changedByOthers)
      error.value = null
      if (filling.value && last.counts.all > 0) stopFilling()
    } catch (err) {
      if (mine === generation) error.value = errorOf(err)
    } finally {
      if (mine === generation) pageNumbers.forEach((p) => asking.delete(p))
    }
  }

  /** The table scrolled: fetch the pages it now shows that are not here yet. */
  function show(first: number, last: number): void {
    shown = { first, last }
    const missing = pagesShown().filter((p) => !pages.value.has(p) && !asking.has(p))
    if (missing.length > 0) void load(missing, false, new Set())
  }

  /** A new query (view, filter, sort): start again from the top. */
  function restart(): void {
    generation++
    asking.clear()
    shown = { first: 0, last: PAGE - 1 }
    void load([0], true, new Set())
  }

  function flash(ids: ReadonlySet<string>): void {
    if (ids.size === 0) return
    flashing.value = new Set([...flashing.value, ...ids])
    setTimeout(() => {
      flashing.value = new Set([...flashing.value].filter((id) => !ids.has(id)))
    }, FLASH_MS)
  }

  /** Re-reads the pages on screen (the rest may have moved); `toFlash` light up in the same update. */
  async function refresh(): Promise<void> {
    refreshTimer = null
    lastRefresh = Date.now()
    const ids = toFlash
    toFlash = new Set()
    generation++
    asking.clear()
    await load(pagesShown(), true, ids)
  }

  /** The first change is shown at once; more within the next 100 ms are taken in one go after it. */
  function refreshSoon(changedByOthers: Iterable<string>): void {
    for (const id of changedByOthers) toFlash.add(id)
    refreshTimer ??= setTimeout(() => void refresh(), Math.max(0, lastRefresh + REFRESH_GAP_MS - Date.now()))
  }

  function onChanged(changes: ConsoleEventPayload<'records.changed'>): void {
    const relevant = changes.filter((change) => change.entity === 'workOrder' || change.entity === 'customer')
    if (relevant.length === 0) return
    if (filling.value) stopFilling()
    const orders = relevant.filter((change) => change.entity === 'workOrder')
    refreshSoon(orders.filter((change) => change.by !== session.user?.id).flatMap((change) => change.ids))
  }

  // a refused write leaves the server's value in place: show it, and show that it moved
  function onRejected({ mutation }: ConsoleEventPayload<'write.rejected'>): void {
    if (mutation.kind === 'workOrder.setStatus') refreshSoon([mutation.workOrderId])
  }

  /** Queues the change in the outbox; the list shows it at once, online or not. */
  async function setStatus(workOrderId: string, status: WorkOrderStatus): Promise<ApiError | null> {
    try {
      await callConsole('records.write', { mutation: { kind: 'workOrder.setStatus', workOrderId, status } })
    } catch (err) {
      return errorOf(err)
    }
    // the detail view changes status too; the list re-reads only while it is shown
    if (unsubscribe.length > 0) await refresh()
    return null
  }

  function stopFilling(): void {
    filling.value = false
    if (fillTimer) clearTimeout(fillTimer)
    fillTimer = null
  }

  watch([view, statusFilter, sort], () => {
    if (unsubscribe.length > 0) restart()
  })
  watch(textFilter, () => {
    if (typingTimer) clearTimeout(typingTimer)
    typingTimer = setTimeout(() => {
      typingTimer = null
      if (unsubscribe.length > 0) restart()
    }, TYPING_MS)
  })

  function start(): void {
    if (unsubscribe.length > 0) return
    unsubscribe = [onConsoleEvent('records.changed', onChanged), onConsoleEvent('write.rejected', onRejected)]
    filling.value = true
    fillTimer = setTimeout(stopFilling, FILL_WAIT_MS)
    clockTimer = setInterval(() => void refresh(), CLOCK_MS)
    restart()
  }

  function stop(): void {
    unsubscribe.forEach((off) => off())
    unsubscribe = []
    for (const timer of [refreshTimer, typingTimer, fillTimer]) if (timer) clearTimeout(timer)
    if (clockTimer) clearInterval(clockTimer)
    refreshTimer = typingTimer = fillTimer = clockTimer = null
    stopFilling()
    toFlash = new Set()
    generation++
    asking.clear()
    pages.value = new Map()
    total.value = 0
    counts.value = EMPTY_COUNTS
    statusCounts.value = {}
    flashing.value = new Set()
  }

  return {
    view,
    statusFilter,
    textFilter,
    sort,
    total,
    counts,
    statusCounts,
    slots,
    filling,
    error,
    flashing,
    show,
    setStatus,
    start,
    stop,
  }
})
