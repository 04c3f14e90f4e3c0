import type { WorkOrderSort } from '../../../shared/workOrders/workOrderList'
import type { ListEntry } from './listEntry'

type Compare = (a: ListEntry, b: ListEntry) => number

const byId: Compare = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
const newestFirst: Compare = (a, b) => b.updatedAt - a.updatedAt || byId(a, b)
const mostUrgentFirst: Compare = (a, b) =>
  a.urgencyRank - b.urgencyRank || a.urgencyValue - b.urgencyValue || newestFirst(a, b)

/** Total orders (ties end on the id), so a sorted list can find and move one entry by binary search. */
export const COMPARE: Record<WorkOrderSort, Compare> = {
  updated: newestFirst,
  sla: mostUrgentFirst,
  priority: (a, b) => a.priority - b.priority || mostUrgentFirst(a, b),
}

/** Where `entry` belongs in `list` (sorted by `compare`): the first position not before it. */
export function positionOf(list: readonly ListEntry[], entry: ListEntry, compare: Compare): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compare(list[mid]!, entry) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}
