import type { EscalationTier } from '../../shared/workOrders/slaPolicy'
import type { SlaEvent } from '../../shared/workOrders/orderSla'
import type { Selectable } from 'kysely'
import type { SlaNotification } from '../../shared/workOrders/createWorkOrder'
import type { NotificationsTable, WorkOrdersTable } from '../db/schema'
import type { EscalationContacts } from './escalationContacts'

/** A stored notification as sent to its recipient, named by its order's service code and title. */
export function notificationOf(
  r: Selectable<NotificationsTable>,
  order: Pick<Selectable<WorkOrdersTable>, 'service_code' | 'title'>,
): SlaNotification & { userId: string } {
  return {
    id: r.id,
    userId: r.user_id,
    workOrderId: r.work_order_id,
    kind: r.kind as SlaNotification['kind'],
    clock: r.clock as SlaNotification['clock'],
    tier: r.tier,
    at: Number(r.at),
    createdAt: Number(r.created_at),
    serviceCode: order.service_code,
    title: order.title,
  }
}

export interface SlaNotice {
  userId: string
  kind: 'sla.warning' | 'sla.breach' | 'sla.escalated'
  clock: string | null
  tier: number | null
  at: number
}

/**
 * Who hears of each SLA event: a warning goes to the assignee and the tier above the order's
 * current one; a breach to the assignee (the escalation it causes tells the tier); an escalation
 * to the assignee and the people of the tier reached.
 */
export function noticesFor(
  events: SlaEvent[],
  tierBefore: EscalationTier,
  assigneeId: string | null,
  contacts: EscalationContacts,
): SlaNotice[] {
  const out: SlaNotice[] = []
  const add = (users: Iterable<string>, n: Omit<SlaNotice, 'userId'>) => {
    for (const userId of new Set(users)) out.push({ userId, ...n })
  }
  const assignee = assigneeId ? [assigneeId] : []
  for (const e of events) {
    if (e.kind === 'warning') {
      const tier = Math.min(3, tierBefore + 1) as 1 | 2 | 3
      add([...assignee, ...contacts[tier]], { kind: 'sla.warning', clock: e.clock, tier, at: e.at })
    } else if (e.kind === 'breach') {
      add(assignee, { kind: 'sla.breach', clock: e.clock, tier: null, at: e.at })
    } else {
      add([...assignee, ...contacts[e.tier]], { kind: 'sla.escalated', clock: null, tier: e.tier, at: e.at })
    }
  }
  return out
}
