import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { SyncStatus } from '../../../shared/api/console'
import { callConsole, errorOf, onConsoleEvent } from '../api/consoleClient'

/** The main process's link to the sync server, as the renderer sees it. */
export const useSyncStore = defineStore('sync', () => {
  const status = ref<SyncStatus>({ connected: false, lastError: null })
  let unsubscribe: (() => void) | null = null

  const connected = computed(() => status.value.connected)

  async function refresh(): Promise<void> {
    try {
      status.value = await callConsole('sync.status', {})
    } catch (err) {
      status.value = { connected: false, lastError: errorOf(err).message }
    }
  }

  function start(): void {
    if (unsubscribe) return
    unsubscribe = onConsoleEvent('sync.status', (next) => {
      status.value = next
    })
    void refresh()
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  /** One round trip through the sync server; resolves to the milliseconds it took. */
  async function ping(): Promise<number> {
    const reply = await callConsole('sync.ping', { payload: `ping ${Date.now()}` })
    return Math.round(reply.roundTripMs)
  }

  return { status, connected, start, stop, ping }
})
