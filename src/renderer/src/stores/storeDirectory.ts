import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { StoreInfo } from '../../../shared/domain/store'
import { callConsole } from '../api/consoleClient'
import { useSessionStore } from './session'
import { useSyncStore } from './sync'

/** Store names for the screens (ids stay in tooltips); loaded on first use and on reconnect. */
export const useStoreDirectory = defineStore('storeDirectory', () => {
  const session = useSessionStore()
  const sync = useSyncStore()
  const byId = ref<Record<string, StoreInfo>>({})
  let loading: Promise<void> | null = null
  /** first use loads once; after that only a reconnect reloads (no retry loop while offline) */
  let asked = false

  function load(): Promise<void> {
    loading ??= callConsole('stores.list', {})
      .then((list) => {
        byId.value = Object.fromEntries(list.map((s) => [s.id, s]))
      })
      // without names the screens show ids; the next reconnect tries again
      .catch(() => undefined)
      .finally(() => {
        loading = null
      })
    return loading
  }

  /** The store's name, or its id until (or unless) the names are known. */
  function nameOf(id: string | null | undefined): string {
    if (!id) return '—'
    if (!asked && session.user) {
      asked = true
      void load()
    }
    return byId.value[id]?.name ?? id
  }

  watch(
    () => sync.connected,
    (connected) => {
      if (connected && session.user) void load()
    },
  )

  return { byId, load, nameOf }
})
