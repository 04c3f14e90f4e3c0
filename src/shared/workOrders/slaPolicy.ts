import { z } from 'zod'

/** The work-order types of W1. */
export const WorkOrderType = z.enum(['咨询', '售后', '维修', '退换货', '投诉', '建议', '表扬'])
export type WorkOrderType = z.infer<typeof WorkOrderType>

export const Priority = z.enum(['A', 'B', 'C'])
export type Priority = z.infer<typeof Priority>

/** Escalation tiers: 1 team lead, 2 service manager + other departments, 3 emergency group. */
export const EscalationTier = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)])
export type EscalationTier = z.infer<typeof EscalationTier>

/** All durations are business minutes of the store calendar. */
export const SlaPolicy = z.object({
  firstResponseMin: z.number().positive(),
  solutionMin: z.number().positive(),
  /** share of a target after which the assignee and the next tier are warned */
  warnRatio: z.number().gt(0).lt(1),
  /**
   * How long tier 1 and tier 2 each hold a breached order before it moves up: a breach escalates
   * to tier 1 at once, tier 1 → 2 after tierHoldMin[0], tier 2 → 3 after tierHoldMin[1].
   */
  tierHoldMin: z.tuple([z.number().positive(), z.number().positive()]),
})
export type SlaPolicy = z.infer<typeof SlaPolicy>

/** DESIGN §2: A ≤ 5 min / 30 min, B ≤ 30 min / 2 h, C ≤ 4 h / 24 h; warnings at 75 %. */
const BY_PRIORITY: Record<Priority, SlaPolicy> = {
  A: { firstResponseMin: 5, solutionMin: 30, warnRatio: 0.75, tierHoldMin: [15, 30] },
  B: { firstResponseMin: 30, solutionMin: 120, warnRatio: 0.75, tierHoldMin: [60, 120] },
  C: { firstResponseMin: 240, solutionMin: 1440, warnRatio: 0.75, tierHoldMin: [240, 480] },
}

/** Admin overrides keyed `${type}/${priority}` (e.g. "投诉/A"); anything absent uses the default. */
export type SlaPolicyOverrides = Partial<Record<`${WorkOrderType}/${Priority}`, SlaPolicy>>

/** One row of the policy table an admin edits: the effective policy and whether it is the default. */
export const SlaPolicyEntry = z.object({
  type: WorkOrderType,
  priority: Priority,
  policy: SlaPolicy,
  custom: z.boolean(),
})
export type SlaPolicyEntry = z.infer<typeof SlaPolicyEntry>

/** An admin's change: a policy for one type and priority, or null to go back to the default. */
export const SetSlaPolicy = z.object({ type: WorkOrderType, priority: Priority, policy: SlaPolicy.nullable() }).strict()
export type SetSlaPolicy = z.infer<typeof SetSlaPolicy>

export function policyFor(type: WorkOrderType, priority: Priority, overrides: SlaPolicyOverrides = {}): SlaPolicy {
  return overrides[`${type}/${priority}`] ?? BY_PRIORITY[priority]
}
