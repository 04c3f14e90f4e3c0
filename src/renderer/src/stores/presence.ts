import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { ApiError } from '../../../shared/api/errors'
import type { PresenceEntry } from '../../../shared/domain/presence'
import type { AgentState } from '../../../shared/domain/roles'
import { callConsole, errorOf, onConsoleEvent } from '../api/consoleClient'
import { AGENT_STATES } from '../presentation/agentStates'
import { useSessionStore } from './session'
import { useSyncStore } from './sync'

const stateRank = (state: AgentState): number => AGENT_STATES.indexOf(state)

/** My seat state and my colleagues', with a clock that ticks each second for "time in state". */
export const usePresenceStore = defineStore('presence', () => {
  const session = useSessionStore()
  const sync = useSyncStore()
  const entries = ref<Record<string, PresenceEntry>>({})
  const now = ref(Date.now())
  const error = ref<ApiError | null>(null)
  let timer: ReturnType<typeof setInterval> | null = null
  let unsubscribe: (() => void) | null = null

  const mine = computed(() => (session.user ? (entries.value[session.user.id] ?? null) : null))

  const colleagues = computed(() =>
    Object.values(entries.value)
      .filter((entry) => entry.userId !== session.user?.id && entry.state !== 'offline')
      .sort((a, b) => stateRank(a.state) - stateRank(b.state) || a.displayName.localeCompare(b.displayName, 'zh-CN')),
  )

  function elapsedMs(entry: PresenceEntry): number {
    return Math.max(0, now.value - entry.since)
  }

  function upsert(entry: PresenceEntry): void {
    entries.value = { ...entries.value, [entry.userId]: entry }
  }

  async function load(): Promise<void> {
    try {
      const list = await callConsole('presence.list', {})
      entries.value = Object.fromEntries(list.map((entry) => [entry.userId, entry]))
      error.value = null
    } catch (err) {
      error.value = errorOf(err)
    }
  }

  async function setMyState(state: AgentState): Promise<ApiError | null> {
    try {
      upsert(await callConsole('presence.set', { state }))
      return null
    } catch (err) {
      return errorOf(err)
    }
  }

  // a reconnect may have missed updates: take a fresh list each time the link comes back
  watch(
    () => sync.connected,
    (connected) => {
      if (connected && unsubscribe) void load()
    },
  )

  function start(): void {
    if (unsubscribe) return
    unsubscribe = onConsoleEvent('presence.update', upsert)
    timer = setInterval(() => (now.value = Date.now()), 1000)
    void load()
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
    if (timer) clearInterval(timer)
    timer = null
    entries.value = {}
  }

  return { mine, colleagues, error, elapsedMs, setMyState, start, stop }
})
