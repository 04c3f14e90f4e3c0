import type { WorkOrderStatus } from './records'

/**
 * The work-order status machine (W4), enforced by the server. Closed orders reopen into
 * in_progress; resolved ones can also be reopened when the customer disagrees.
 */
const NEXT: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  new: ['assigned', 'in_progress'],
  assigned: ['in_progress', 'new'],
  in_progress: ['waiting_customer', 'resolved'],
  waiting_customer: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
}

export function canTransition(from: WorkOrderStatus, to: WorkOrderStatus): boolean {
  return NEXT[from].includes(to)
}

export function allowedNext(from: WorkOrderStatus): readonly WorkOrderStatus[] {
  return NEXT[from]
}
