import type { Selectable } from 'kysely'
import { nextCheckAt, WorkOrderSla } from '../../shared/workOrders/orderSla'
import type { WorkOrdersTable } from '../db/schema'

/** The work order's SLA state, or null for orders created before SLAs existed. */
export function readSla(row: Pick<Selectable<WorkOrdersTable>, 'sla'>): WorkOrderSla | null {
  return row.sla === null ? null : WorkOrderSla.parse(JSON.parse(row.sla))
}

/** Columns to write for a new SLA state: the JSON, its next due instant, and the next revision. */
export function slaColumns(sla: WorkOrderSla, prevRev: number) {
  return { sla: JSON.stringify(sla), sla_next_at: nextCheckAt(sla), sla_rev: prevRev + 1 }
}
