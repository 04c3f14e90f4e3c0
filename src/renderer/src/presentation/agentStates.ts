import type { AgentState } from '../../../shared/domain/roles'
import type { TagType } from './tags'

/** Display order of the seat states, most available first. */
export const AGENT_STATES: readonly AgentState[] = ['ready', 'busy', 'wrapup', 'break', 'offline']

/** One colour per state, taken from the Element Plus palette so it follows light/dark. */
export const AGENT_STATE_TAG: Record<AgentState, TagType> = {
  ready: 'success',
  busy: 'danger',
  wrapup: 'primary',
  break: 'warning',
  offline: 'info',
}

export function agentStateColor(state: AgentState): string {
  return `var(--el-color-${AGENT_STATE_TAG[state]})`
}
