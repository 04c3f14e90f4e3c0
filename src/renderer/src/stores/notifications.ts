import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { ApiError } from '../../../shared/api/errors'
import type { SlaNotification } from '../../../shared/workOrders/createWorkOrder'
import { callConsole, errorOf, onConsoleEvent } from '../api/consoleClient'
import { useSessionStore } from './session'
import { useSyncStore } from './sync'

const KEEP = 50
const seenKey = (userId: string) => `sc.notifications.seenAt.${userId}`

/**
 * My SLA notifications (75 % warnings, breaches, escalations): the latest from the server, new
 * ones pushed live. "Unread" is what arrived after I last opened the list, remembered per user.
 */
export const useNotificationStore = defineStore('notifications', () => {
  const session = useSessionStore()
  const sync = useSyncStore()
  const items = ref<SlaNotification[]>([])
  const seenAt = ref(0)
  const error = ref<ApiError | null>(null)
  const listeners = new Set<(fresh: SlaNotification[]) => void>()
  let unsubscribe: (() => void) | null = null

  const unread = computed(() => items.value.filter((n) => n.createdAt > seenAt.value).length)

  function merge(fresh: SlaNotification[]): SlaNotification[] {
    const known = new Set(items.value.map((n) => n.id))
    const added = fresh.filter((n) => !known.has(n.id))
    items.value = [...added, ...items.value].sort((a, b) => b.createdAt - a.createdAt || b.at - a.at).slice(0, KEEP)
    return added
  }

  async function load(): Promise<void> {
    try {
      merge(await callConsole('notifications.list', { limit: KEEP }))
      error.value = null
    } catch (err) {
      error.value = errorOf(err)
    }
  }

  function onNew(fresh: SlaNotification[]): void {
    const added = merge(fresh)
    if (added.length > 0) listeners.forEach((listener) => listener(added))
  }

  /** Called with each batch of notifications that arrived live (for toasts and desktop alerts). */
  function onArrival(listener: (fresh: SlaNotification[]) => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  function markSeen(): void {
    const user = session.user
    seenAt.value = Math.max(seenAt.value, items.value[0]?.createdAt ?? 0)
    if (user) localStorage.setItem(seenKey(user.id), String(seenAt.value))
  }

  // what was recorded while the link was down comes with the next list
  watch(
    () => sync.connected,
    (connected) => {
      if (connected && unsubscribe) void load()
    },
  )

  function start(): void {
    if (unsubscribe) return
    const user = session.user
    seenAt.value = user ? Number(localStorage.getItem(seenKey(user.id)) ?? 0) : 0
    unsubscribe = onConsoleEvent('notifications.new', onNew)
    void load()
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
    items.value = []
    seenAt.value = 0
  }

  return { items, unread, error, onArrival, markSeen, start, stop }
})
