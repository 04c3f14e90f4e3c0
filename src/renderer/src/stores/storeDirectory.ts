import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { StoreInfo } from '../../../shared/domain/store'
import { callConsole } from '../api/consoleClient'
import { useSessionStore } from './session'
import { useSyncStore } from './sync'

/** Store names for the screens (ids stay in tooltips); loaded at sign-in and on each reconnect. */
export const useStoreDirectory = defineStore('storeDirectory', () => {
  const session = useSessionStore()
  const sync = useSyncStore()
  const byId = ref<Record<string, StoreInfo>>({})

  async function load(): Promise<void> {
    try {
      const list = await callConsole('stores.list', {})
      byId.value = Object.fromEntries(list.map((s) => [s.id, s]))
    } catch {
      // without names the screens show ids; the next reconnect tries again
    }
  }

  /** The store's name, or its id until (or unless) the names are known. */
  function nameOf(id: string | null | undefined): string {
    if (!id) return '—'
    return byId.value[id]?.name ?? id
  }

  watch(
    () => [session.user?.id, sync.connected] as const,
    ([userId]) => {
      if (userId) void load()
    },
    { immediate: true },
  )

  return { byId, load, nameOf }
})
