import type { WorkOrderRecord } from '../../../shared/domain/records'
import { normalizeForSearch } from '../../../shared/kb/normalize'
import { DEFAULT_CALENDAR } from '../../../shared/workOrders/businessCalendar'
import {
  inTeam,
  OPEN_STATUSES,
  riskFrom,
  slaUrgency,
  waitsOnOthers,
  type ListViewer,
} from '../../../shared/workOrders/listRules'

/** What the list shows of a customer besides the order: the name and the masked phone's last 4 digits. */
export interface CustomerLabel {
  name: string
  phoneTail: string
}

const PRIORITY_RANK: Record<WorkOrderRecord['priority'], number> = { A: 0, B: 1, C: 2 }

/**
 * One order as the list index keeps it: the facts the views, filters and sorts read, worked out
 * once when the order changes, so a query is a scan of plain fields (the record itself stays in
 * the cache and is read only for the rows on screen).
 */
export interface ListEntry {
  id: string
  customerId: string
  status: WorkOrderRecord['status']
  open: boolean
  mine: boolean
  team: boolean
  waiting: boolean
  /** at risk from this instant while open; Infinity: never */
  riskFrom: number
  priority: number
  updatedAt: number
  serviceCode: string
  urgencyRank: number
  urgencyValue: number
  /** service code, title and the customer's name and phone digits in search form */
  text: string
}

export function toEntry(order: WorkOrderRecord, customer: CustomerLabel | undefined, viewer: ListViewer): ListEntry {
  const urgency = slaUrgency(order.sla, DEFAULT_CALENDAR)
  return {
    id: order.id,
    customerId: order.customerId,
    status: order.status,
    open: OPEN_STATUSES.has(order.status),
    mine: order.assigneeId === viewer.id,
    team: inTeam(viewer, order),
    waiting: waitsOnOthers(order),
    riskFrom: riskFrom(order.sla) ?? Infinity,
    priority: PRIORITY_RANK[order.priority],
    updatedAt: order.updatedAt,
    serviceCode: order.serviceCode,
    urgencyRank: urgency.rank,
    urgencyValue: urgency.value,
    // folded part by part and joined: join makes one flat string, where folding the joined text
    // character by character would keep a rope of every character (about 600 bytes an order)
    text: [order.serviceCode, order.title, customer?.name ?? '', customer?.phoneTail ?? '']
      .map(normalizeForSearch)
      .join('\u0000'),
  }
}
