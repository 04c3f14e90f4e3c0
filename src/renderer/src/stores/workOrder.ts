import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ConsoleEventPayload } from '../../../shared/api/console'
import type { ApiError } from '../../../shared/api/errors'
import type { WorkOrderRecord, WorkOrderStatus } from '../../../shared/domain/records'
import { callConsole, errorOf, onConsoleEvent } from '../api/consoleClient'
import { useSessionStore } from './session'

const LIST_LIMIT = 500
/** at most one re-query per this long: a burst of changes (a catch-up after reconnecting) costs two */
const REFRESH_GAP_MS = 100
const FLASH_MS = 2000
/**
 * Right after a fresh login the seat is still filling its cache; the main process announces the
 * filled cache with a records.changed event. An empty list waits for it this long at most.
 */
const FILL_WAIT_MS = 30_000

const newestFirst = (a: WorkOrderRecord, b: WorkOrderRecord): number =>
  b.updatedAt - a.updatedAt || a.serviceCode.localeCompare(b.serviceCode)

// every field of a record is a plain value
const sameRecord = (a: WorkOrderRecord, b: WorkOrderRecord): boolean =>
  (Object.keys(b) as (keyof WorkOrderRecord)[]).every((key) => a[key] === b[key])

/** The fresh list, reusing the previous objects for unchanged orders so their rows are not redrawn. */
function reuseUnchanged(previous: readonly WorkOrderRecord[], next: WorkOrderRecord[]): WorkOrderRecord[] {
  const before = new Map(previous.map((order) => [order.id, order]))
  return next.map((order) => {
    const old = before.get(order.id)
    return old && sameRecord(old, order) ? old : order
  })
}

/**
 * The work orders in the seat's cache, with my pending writes on top. While started it follows
 * live changes, and briefly marks the rows someone else changed.
 */
export const useWorkOrderStore = defineStore('workOrder', () => {
  const session = useSessionStore()
  // records are replaced, never changed in place: no deep reactivity needed
  const items = shallowRef<WorkOrderRecord[]>([])
  /** from start until the first rows are in */
  const filling = ref(false)
  const error = ref<ApiError | null>(null)
  const statusFilter = ref<WorkOrderStatus | 'all'>('all')
  const textFilter = ref('')
  const flashing = shallowRef<ReadonlySet<string>>(new Set())
  let generation = 0
  let refreshTimer: ReturnType<typeof setTimeout> | null = null
  let lastRefresh = 0
  let fillTimer: ReturnType<typeof setTimeout> | null = null
  let toFlash = new Set<string>()
  let unsubscribe: (() => void)[] = []

  const total = computed(() => items.value.length)
  const sorted = computed(() => [...items.value].sort(newestFirst))

  const countByStatus = computed(() => {
    const counts: Partial<Record<WorkOrderStatus, number>> = {}
    for (const order of items.value) counts[order.status] = (counts[order.status] ?? 0) + 1
    return counts
  })

  const filtered = computed(() => {
    const text = textFilter.value.trim().toLowerCase()
    return sorted.value.filter(
      (order) =>
        (statusFilter.value === 'all' || order.status === statusFilter.value) &&
        (text === '' || order.serviceCode.toLowerCase().includes(text) || order.title.toLowerCase().includes(text)),
    )
  })

  /** Re-reads the list; `changedByOthers` light up in the same update. */
  async function load(changedByOthers: ReadonlySet<string> = new Set()): Promise<void> {
    const mine = ++generation
    try {
      const list = await callConsole('workOrders.list', { limit: LIST_LIMIT })
      if (mine !== generation) return
      items.value = reuseUnchanged(items.value, list)
      flash(changedByOthers)
      error.value = null
    } catch (err) {
      if (mine === generation) error.value = errorOf(err)
    }
  }

  function flash(ids: ReadonlySet<string>): void {
    if (ids.size === 0) return
    flashing.value = new Set([...flashing.value, ...ids])
    setTimeout(() => {
      flashing.value = new Set([...flashing.value].filter((id) => !ids.has(id)))
    }, FLASH_MS)
  }

  async function refresh(): Promise<void> {
    refreshTimer = null
    lastRefresh = Date.now()
    const ids = toFlash
    toFlash = new Set()
    await load(ids)
  }

  /** The first change is shown at once; more within the next 100 ms are taken in one go after it. */
  function refreshSoon(changedByOthers: Iterable<string>): void {
    for (const id of changedByOthers) toFlash.add(id)
    refreshTimer ??= setTimeout(() => void refresh(), Math.max(0, lastRefresh + REFRESH_GAP_MS - Date.now()))
  }

  function onChanged(changes: ConsoleEventPayload<'records.changed'>): void {
    const orders = changes.filter((change) => change.entity === 'workOrder')
    if (orders.length === 0) return
    if (filling.value) {
      filling.value = false
      if (fillTimer) clearTimeout(fillTimer)
      fillTimer = null
    }
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
    await load()
    return null
  }

  async function fill(): Promise<void> {
    await load()
    if (items.value.length > 0 || error.value) filling.value = false
    else fillTimer = setTimeout(() => (filling.value = false), FILL_WAIT_MS)
  }

  function start(): void {
    if (unsubscribe.length > 0) return
    unsubscribe = [onConsoleEvent('records.changed', onChanged), onConsoleEvent('write.rejected', onRejected)]
    filling.value = true
    void fill()
  }

  function stop(): void {
    unsubscribe.forEach((off) => off())
    unsubscribe = []
    if (refreshTimer) clearTimeout(refreshTimer)
    if (fillTimer) clearTimeout(fillTimer)
    refreshTimer = fillTimer = null
    filling.value = false
    toFlash = new Set()
    generation++
    items.value = []
    flashing.value = new Set()
  }

  return { filling, error, statusFilter, textFilter, flashing, total, countByStatus, filtered, setStatus, start, stop }
})
