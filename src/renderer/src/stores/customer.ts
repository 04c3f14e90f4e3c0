import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { ConsoleEventPayload } from '../../../shared/api/console'
import type { ApiError } from '../../../shared/api/errors'
import type { CustomerHit, CustomerProfile } from '../../../shared/domain/customer360'
import type { IdentityKind } from '../../../shared/domain/identity'
import type { CustomerRecord } from '../../../shared/domain/records'
import type { CustomerEditableFields } from '../../../shared/sync/mutations'
import { callConsole, errorOf, onConsoleEvent } from '../api/consoleClient'
import { useSessionStore } from './session'

const SEARCH_LIMIT = 20
const RECENT_MAX = 8

/** what a recent-list row shows; the same shape as a search hit minus why it matched */
export type RecentCustomer = Omit<CustomerHit, 'matched'>

/** The open customer: the 360 profile when the server answers, the cached record when it cannot. */
export interface OpenCustomer {
  customer: CustomerRecord
  /** null while the seat is offline: only the cached record is known */
  profile: CustomerProfile | null
  offline: boolean
}

const recentKey = (userId: string): string => `recent-customers:${userId}`

function readRecent(userId: string): RecentCustomer[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(recentKey(userId)) ?? '[]')
    return Array.isArray(parsed) ? (parsed as RecentCustomer[]).slice(0, RECENT_MAX) : []
  } catch {
    return []
  }
}

/**
 * Customers for the agent: the search box's hits, the customer open in the 360 view and the
 * recently opened ones (kept per user on this seat).
 */
export const useCustomerStore = defineStore('customer', () => {
  const session = useSessionStore()

  const query = ref('')
  const hits = shallowRef<CustomerHit[]>([])
  const searchSource = ref<'server' | 'cache'>('server')
  const searching = ref(false)
  const searchError = ref<ApiError | null>(null)
  let searchGeneration = 0

  const current = shallowRef<OpenCustomer | null>(null)
  const loading = ref(false)
  const loadError = ref<ApiError | null>(null)
  let openGeneration = 0
  let unsubscribe: (() => void) | null = null

  const recentByUser = ref<Record<string, RecentCustomer[]>>({})
  const recent = computed<RecentCustomer[]>(() => {
    const id = session.user?.id
    if (!id) return []
    return recentByUser.value[id] ?? readRecent(id)
  })

  // a new user on this seat starts with an empty search and no open customer
  watch(
    () => session.user?.id,
    () => {
      close()
      void search('')
    },
  )

  let latestSearch: Promise<void> = Promise.resolve()

  /** Results for what is typed now; answers to older keystrokes are dropped. */
  function search(q: string): Promise<void> {
    latestSearch = runSearch(q)
    return latestSearch
  }

  /** Resolves once the hits are those of the latest query. */
  function searched(): Promise<void> {
    return latestSearch
  }

  async function runSearch(q: string): Promise<void> {
    query.value = q
    const mine = ++searchGeneration
    const text = q.trim()
    if (!text) {
      hits.value = []
      searching.value = false
      searchError.value = null
      return
    }
    searching.value = true
    try {
      const result = await callConsole('customers.search', { q: text, limit: SEARCH_LIMIT })
      if (mine !== searchGeneration) return
      hits.value = result.hits
      searchSource.value = result.source
      searchError.value = null
    } catch (err) {
      if (mine !== searchGeneration) return
      hits.value = []
      searchError.value = errorOf(err)
    } finally {
      if (mine === searchGeneration) searching.value = false
    }
  }

  function remember(customer: CustomerRecord): void {
    const userId = session.user?.id
    if (!userId) return
    const entry: RecentCustomer = {
      id: customer.id,
      name: customer.name,
      phoneMasked: customer.phoneMasked,
      memberNo: customer.memberNo,
      tier: customer.tier,
      homeStoreId: customer.homeStoreId,
    }
    const list = [entry, ...recent.value.filter((c) => c.id !== customer.id)].slice(0, RECENT_MAX)
    recentByUser.value = { ...recentByUser.value, [userId]: list }
    localStorage.setItem(recentKey(userId), JSON.stringify(list))
  }

  /**
   * Loads the 360 view. The profile comes from the server; the record itself from the seat
   * (server copy with my pending edits on top), so an edit shows even before the server has it.
   */
  async function open(id: string): Promise<void> {
    const mine = ++openGeneration
    loading.value = true
    loadError.value = null
    if (current.value?.customer.id !== id) current.value = null
    const [profile, record] = await Promise.allSettled([
      callConsole('customers.profile', { id }),
      callConsole('customers.get', { id }),
    ])
    if (mine !== openGeneration) return
    loading.value = false
    const seat = record.status === 'fulfilled' ? record.value : null
    if (profile.status === 'fulfilled') {
      const customer = seat && seat.id === profile.value.customer.id ? seat : profile.value.customer
      current.value = { customer, profile: profile.value, offline: false }
    } else if (errorOf(profile.reason).code === 'NETWORK' && seat) {
      current.value = { customer: seat, profile: null, offline: true }
    } else {
      current.value = null
      loadError.value = errorOf(profile.reason)
      return
    }
    remember(current.value.customer)
  }

  /** Re-reads the open record after someone (or the feed) changed it. */
  async function reloadRecord(): Promise<void> {
    const open = current.value
    if (!open) return
    try {
      const fresh = await callConsole('customers.get', { id: open.customer.id })
      if (fresh && current.value?.customer.id === fresh.id) current.value = { ...current.value, customer: fresh }
    } catch {
      // keep what is shown; the next open reads it again
    }
  }

  function patchCurrent(change: Partial<CustomerRecord>): void {
    if (current.value) current.value = { ...current.value, customer: { ...current.value.customer, ...change } }
  }

  async function setTags(tags: string[]): Promise<ApiError | null> {
    const open = current.value
    if (!open) return null
    try {
      await callConsole('records.write', { mutation: { kind: 'customer.setTags', customerId: open.customer.id, tags } })
    } catch (err) {
      return errorOf(err)
    }
    patchCurrent({ tags })
    return null
  }

  async function updateFields(fields: CustomerEditableFields): Promise<ApiError | null> {
    const open = current.value
    if (!open) return null
    const base: CustomerEditableFields = {}
    for (const key of Object.keys(fields) as (keyof CustomerEditableFields)[]) base[key] = open.customer[key]
    try {
      await callConsole('records.write', {
        mutation: { kind: 'customer.updateFields', customerId: open.customer.id, fields, base },
      })
    } catch (err) {
      return errorOf(err)
    }
    patchCurrent(fields)
    return null
  }

  async function addIdentity(kind: IdentityKind, value: string): Promise<ApiError | null> {
    const open = current.value
    if (!open?.profile) return null
    try {
      const identities = await callConsole('customers.addIdentity', { id: open.customer.id, kind, value })
      if (current.value?.customer.id === open.customer.id && current.value.profile) {
        current.value = { ...current.value, profile: { ...current.value.profile, identities } }
      }
      return null
    } catch (err) {
      return errorOf(err)
    }
  }

  function onChanged(changes: ConsoleEventPayload<'records.changed'>): void {
    const id = current.value?.customer.id
    if (id && changes.some((c) => c.entity === 'customer' && c.ids.includes(id) && c.by !== session.user?.id)) {
      void reloadRecord()
    }
  }

  /** Follows changes to the open customer made on other seats while the workspace is open. */
  function start(): void {
    unsubscribe ??= onConsoleEvent('records.changed', onChanged)
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  function close(): void {
    openGeneration++
    current.value = null
    loading.value = false
    loadError.value = null
  }

  return {
    query,
    hits,
    searchSource,
    searching,
    searchError,
    current,
    loading,
    loadError,
    recent,
    search,
    searched,
    open,
    close,
    setTags,
    updateFields,
    addIdentity,
    start,
    stop,
  }
})
