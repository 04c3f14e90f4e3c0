import { WorkOrderStatus, type WorkOrderRecord } from '../../../shared/domain/records'
import type { TagType } from './tags'

/** The statuses in the order a work order usually moves through them. */
export const WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = WorkOrderStatus.options

/** Waiting states are drawn plain, active ones filled, so neighbours in the flow stay apart. */
export const WORK_ORDER_STATUS_TAG: Record<WorkOrderStatus, { type: TagType; effect: 'light' | 'plain' }> = {
  new: { type: 'warning', effect: 'light' },
  assigned: { type: 'primary', effect: 'plain' },
  in_progress: { type: 'primary', effect: 'light' },
  waiting_customer: { type: 'warning', effect: 'plain' },
  resolved: { type: 'success', effect: 'light' },
  closed: { type: 'info', effect: 'light' },
}

export const PRIORITY_TAG: Record<WorkOrderRecord['priority'], TagType> = {
  A: 'danger',
  B: 'warning',
  C: 'info',
}
