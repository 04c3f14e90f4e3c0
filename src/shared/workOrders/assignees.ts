import { z } from 'zod'

/**
 * Who a supervisor may hand a work order to (W3 manual reassign): the agents and the front desks
 * of the order's store, with their open load, capacity and skills, whether a skill fits the
 * order, and which one the automatic rule would pick now.
 */
export const AssigneeCandidate = z.object({
  id: z.string(),
  displayName: z.string(),
  role: z.enum(['agent', 'frontdesk']),
  /** null: a call-center agent who serves every store */
  storeId: z.string().nullable(),
  skills: z.array(z.string()),
  /** the skills that fit this order (skillFit over type, title and description) */
  fittingSkills: z.array(z.string()),
  skillFit: z.boolean(),
  /** open (not resolved or closed) work orders assigned now, this order included */
  load: z.number().int().nonnegative(),
  capacity: z.number().int().nonnegative(),
  senior: z.boolean(),
  /** the order's assignee now */
  current: z.boolean(),
  /** the one the automatic rule would choose for this order now */
  recommended: z.boolean(),
  /** the automatic rule's reason, on the recommended candidate only */
  reason: z.string().nullable(),
})
export type AssigneeCandidate = z.infer<typeof AssigneeCandidate>

/** Fitting skills first, then the lowest load relative to capacity, then the name. */
export function compareCandidates(a: AssigneeCandidate, b: AssigneeCandidate): number {
  const ratio = (c: AssigneeCandidate) => (c.capacity > 0 ? c.load / c.capacity : Infinity)
  return (
    Number(b.skillFit) - Number(a.skillFit) ||
    ratio(a) - ratio(b) ||
    a.load - b.load ||
    a.displayName.localeCompare(b.displayName, 'zh-CN')
  )
}
