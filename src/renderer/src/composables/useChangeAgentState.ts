import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import type { AgentState } from '../../../shared/domain/roles'
import { describeError } from '../i18n/describeError'
import { usePresenceStore } from '../stores/presence'

/** Switches my seat state and tells the user when the server refused. */
export function useChangeAgentState(): (state: AgentState) => Promise<void> {
  const presence = usePresenceStore()
  const { t } = useI18n()
  return async (state) => {
    const error = await presence.setMyState(state)
    if (error) ElMessage.error(t('topbar.stateFailed', { reason: describeError(error) }))
  }
}
