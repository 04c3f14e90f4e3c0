import type { WorkOrderRecord, WorkOrderStatus } from '../domain/records'
import type { Role } from '../domain/roles'
import { businessMinutesBetween, type StoreCalendar } from './businessCalendar'
import type { ClockName, WorkOrderSla } from './orderSla'
import { skillFits } from './skillFit'

/** Orders someone still has to work on. */
export const OPEN_STATUSES: ReadonlySet<WorkOrderStatus> = new Set([
  'new',
  'assigned',
  'in_progress',
  'waiting_customer',
])

/** The clock a screen shows: the first response until someone starts on the order, then the solution. */
export const currentClock = (sla: WorkOrderSla): ClockName =>
  sla.firstResponse.metAt === null ? 'firstResponse' : 'solution'

/**
 * When an order starts to count as at risk: the earliest moment one of its clocks still counting
 * (not met) reaches its warning share (75 %) — at once if that warning or a breach has already
 * been recorded, which is also how a paused clock past 75 % stays at risk. null: never (no SLA,
 * or every clock met). It does not depend on the time of asking, so it can be indexed: an open
 * order is at risk at `now` exactly when `riskFrom <= now`.
 */
export function riskFrom(sla: WorkOrderSla | null | undefined): number | null {
  if (!sla) return null
  let from: number | null = null
  for (const clock of [sla.firstResponse, sla.solution]) {
    if (clock.metAt !== null) continue
    const at = clock.warnedAt !== null || clock.breachedAt !== null ? 0 : clock.warnAt
    if (at !== null && (from === null || at < from)) from = at
  }
  return from
}

/**
 * How urgent the order's current clock is, as a sort key that does not change while time passes:
 * running clocks first by due instant (overdue ones earliest), then paused clocks by the business
 * minutes they have left, then orders with no clock counting (met, or no SLA).
 */
export interface SlaUrgency {
  rank: 0 | 1 | 2
  value: number
}

export function slaUrgency(sla: WorkOrderSla | null | undefined, cal: StoreCalendar): SlaUrgency {
  if (!sla) return { rank: 2, value: 0 }
  const clock = sla[currentClock(sla)]
  if (clock.metAt !== null) return { rank: 2, value: 0 }
  if (clock.pausedAt !== null) {
    const used = businessMinutesBetween(clock.startedAt, clock.pausedAt, cal) - clock.pausedMin
    return { rank: 1, value: clock.targetMin - used }
  }
  return clock.dueAt === null ? { rank: 2, value: 0 } : { rank: 0, value: clock.dueAt }
}

/** Who is looking at the list: decides 我的 and 我的团队. */
export interface ListViewer {
  id: string
  role: Role
  storeId: string | null
  skills: readonly string[]
}

/**
 * 我的团队. Users have no team column; they are grouped by store (store staff) and by skill
 * (call-center agents, routed by skill group), so: a store's staff share their store's orders; a
 * call-center agent's team handles the orders one of the agent's skills fits, as assignment
 * routes them (any assignee, or none yet); supervisors and admins oversee every team. One's own
 * orders are always in one's team.
 */
export function inTeam(viewer: ListViewer, order: WorkOrderRecord): boolean {
  if (order.assigneeId === viewer.id) return true
  if (viewer.role === 'supervisor' || viewer.role === 'admin') return true
  if (viewer.storeId !== null) return order.storeId === viewer.storeId
  const text = `${order.title} ${order.description}`
  return viewer.skills.some((skill) => skillFits(skill, order.type, text))
}

/** 等待他人: waiting on the customer, or on another department (the record carries its open hand-offs). */
export const waitsOnOthers = (order: WorkOrderRecord): boolean =>
  order.status === 'waiting_customer' || (order.handoffs?.length ?? 0) > 0
