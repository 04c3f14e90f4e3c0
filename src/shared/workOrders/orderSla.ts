import { z } from 'zod'
import type { WorkOrderStatus } from '../domain/records'
import { addBusinessMinutes, businessMinutesBetween, type StoreCalendar } from './businessCalendar'
import { meetClock, pauseClock, reopenClock, resumeClock, SlaClock, startClock } from './slaClock'
import { EscalationTier, type SlaPolicy } from './slaPolicy'

/** A work order's SLA: both clocks and where escalation stands. */
export const WorkOrderSla = z.object({
  firstResponse: SlaClock,
  solution: SlaClock,
  tier: EscalationTier,
  tierHoldMin: z.tuple([z.number(), z.number()]),
  /** when the current tier's hold ends and the order moves up; null at tier 0 or 3, or when stopped */
  escalateAt: z.number().nullable(),
  /** business minutes of the hold left while the solution clock is paused */
  escalateLeftMin: z.number().nullable(),
})
export type WorkOrderSla = z.infer<typeof WorkOrderSla>

export type ClockName = 'firstResponse' | 'solution'
const CLOCKS: ClockName[] = ['firstResponse', 'solution']

export type SlaEvent =
  | { kind: 'warning'; clock: ClockName; at: number }
  | { kind: 'breach'; clock: ClockName; at: number }
  | { kind: 'escalated'; tier: 1 | 2 | 3; at: number }

export function startSla(policy: SlaPolicy, at: number, cal: StoreCalendar): WorkOrderSla {
  return {
    firstResponse: startClock(policy.firstResponseMin, policy.warnRatio, at, cal),
    solution: startClock(policy.solutionMin, policy.warnRatio, at, cal),
    tier: 0,
    tierHoldMin: policy.tierHoldMin,
    escalateAt: null,
    escalateLeftMin: null,
  }
}

/** The earliest instant at which `advanceSla` has something to do; null when nothing is pending. */
export function nextCheckAt(sla: WorkOrderSla): number | null {
  const times: number[] = []
  for (const name of CLOCKS) {
    const c = sla[name]
    if (c.warnedAt === null && c.warnAt !== null) times.push(c.warnAt)
    else if (c.breachedAt === null && c.dueAt !== null) times.push(c.dueAt)
  }
  if (sla.escalateAt !== null) times.push(sla.escalateAt)
  return times.length > 0 ? Math.min(...times) : null
}

/**
 * Everything that became due by `now`: warnings, breaches and escalations, each once. A breach
 * found late (server was down) is not preceded by a stale warning; tiers whose holds all ended
 * while nobody looked are each reported, so every tier's people learn of the order.
 */
export function advanceSla(
  sla: WorkOrderSla,
  now: number,
  cal: StoreCalendar,
): { sla: WorkOrderSla; events: SlaEvent[] } {
  const events: SlaEvent[] = []
  const next = { ...sla }
  for (const name of CLOCKS) {
    const c = next[name]
    if (c.breachedAt === null && c.dueAt !== null && c.dueAt <= now) {
      next[name] = { ...c, warnedAt: c.warnedAt ?? c.dueAt, breachedAt: c.dueAt }
      events.push({ kind: 'breach', clock: name, at: c.dueAt })
    } else if (c.warnedAt === null && c.warnAt !== null && c.warnAt <= now) {
      next[name] = { ...c, warnedAt: c.warnAt }
      events.push({ kind: 'warning', clock: name, at: c.warnAt })
    }
  }
  const firstBreach = events.find((e) => e.kind === 'breach')
  if (next.tier === 0 && firstBreach) {
    next.tier = 1
    next.escalateAt = addBusinessMinutes(firstBreach.at, next.tierHoldMin[0], cal)
    events.push({ kind: 'escalated', tier: 1, at: firstBreach.at })
  }
  while (next.escalateAt !== null && next.escalateAt <= now && (next.tier === 1 || next.tier === 2)) {
    const at = next.escalateAt
    const tier = (next.tier + 1) as 2 | 3
    next.tier = tier
    next.escalateAt = tier === 2 ? addBusinessMinutes(at, next.tierHoldMin[1], cal) : null
    events.push({ kind: 'escalated', tier, at })
  }
  return { sla: next, events }
}

const RESPONDED: readonly WorkOrderStatus[] = ['in_progress', 'waiting_customer', 'resolved', 'closed']

/**
 * The clocks follow the status: any work on the order answers the first response; waiting on the
 * customer pauses (and holds the escalation); resolving or closing stops the solution clock and
 * escalation; reopening restarts the solution clock where it stopped.
 */
export function slaOnStatus(
  sla: WorkOrderSla,
  from: WorkOrderStatus,
  to: WorkOrderStatus,
  at: number,
  cal: StoreCalendar,
): WorkOrderSla {
  let next = { ...sla }
  if (RESPONDED.includes(to)) next.firstResponse = meetClock(next.firstResponse, at)
  if (from === 'waiting_customer') {
    next.solution = resumeClock(next.solution, at, cal)
    if (next.escalateLeftMin !== null) {
      next.escalateAt = addBusinessMinutes(at, next.escalateLeftMin, cal)
      next.escalateLeftMin = null
    }
  }
  if (to === 'waiting_customer') {
    next.solution = pauseClock(next.solution, at)
    if (next.escalateAt !== null) {
      next.escalateLeftMin = Math.max(0, businessMinutesBetween(at, next.escalateAt, cal))
      next.escalateAt = null
    }
  }
  if (to === 'resolved' || to === 'closed') {
    next = { ...next, solution: meetClock(next.solution, at), escalateAt: null, escalateLeftMin: null }
  }
  if ((from === 'resolved' || from === 'closed') && to === 'in_progress') {
    next.solution = reopenClock(next.solution, at, cal)
    if (next.tier === 1 || next.tier === 2) {
      next.escalateAt = addBusinessMinutes(at, next.tierHoldMin[next.tier - 1]!, cal)
    }
  }
  return next
}
