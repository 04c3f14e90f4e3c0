import { computed, type ComputedRef } from 'vue'
import type { AgentState } from '../../../shared/domain/roles'
import { formatDuration } from '../presentation/duration'
import { usePresenceStore } from '../stores/presence'

/** My seat state and how long I have been in it, ticking each second. */
export function useMyState(): { state: ComputedRef<AgentState | null>; elapsed: ComputedRef<string> } {
  const presence = usePresenceStore()
  const state = computed(() => presence.mine?.state ?? null)
  const elapsed = computed(() => (presence.mine ? formatDuration(presence.elapsedMs(presence.mine)) : '--:--'))
  return { state, elapsed }
}
