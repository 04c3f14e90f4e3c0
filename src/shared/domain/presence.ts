import { z } from 'zod'
import { AgentState, Role } from './roles'

export const PresenceEntry = z.object({
  userId: z.string(),
  displayName: z.string(),
  role: Role,
  storeId: z.string().nullable(),
  state: AgentState,
  /** epoch ms when the seat entered its current state */
  since: z.number().int(),
})
export type PresenceEntry = z.infer<typeof PresenceEntry>
