import type { Kysely } from 'kysely'
import { ApiFailure } from '../../shared/api/errors'
import type { CustomerRecord } from '../../shared/domain/records'
import { compareCandidates, type AssigneeCandidate } from '../../shared/workOrders/assignees'
import { skillFits } from '../../shared/workOrders/skillFit'
import type { Database } from '../db/schema'
import { Assigner } from './assignment'
import { countLoads, loadAgents } from './assignmentDirectory'

const OPEN = (status: string) => status !== 'resolved' && status !== 'closed'

/**
 * The people a supervisor may reassign an order to (W3): every agent and the front desks of the
 * order's store, with loads counted in the database now (not the assigner's cached view). The
 * recommended one is what the automatic rule would choose if the order came in now: the order's
 * own weight is taken off its current assignee first so it is judged like everyone else.
 */
export async function assigneeCandidates(db: Kysely<Database>, orderId: string): Promise<AssigneeCandidate[]> {
  const order = await db
    .selectFrom('work_orders as w')
    .innerJoin('customers as c', 'c.id', 'w.customer_id')
    .select(['w.id', 'w.type', 'w.title', 'w.description', 'w.store_id', 'w.status', 'w.assignee_id'])
    .select(['c.tier', 'c.advisor_id'])
    .where('w.id', '=', orderId)
    .executeTakeFirst()
  if (!order) {
    throw new ApiFailure({
      code: 'NOT_FOUND',
      message: `work order ${orderId} does not exist`,
      reason: { key: 'recordMissing', params: { id: orderId } },
    })
  }
  const [agents, loads, names] = await Promise.all([
    loadAgents(db),
    countLoads(db),
    db.selectFrom('users').select(['id', 'display_name', 'role']).where('role', 'in', ['agent', 'frontdesk']).execute(),
  ])
  const people = new Map(names.map((u) => [u.id, u]))
  const eligible = agents.filter((a) => a.storeId === null || a.storeId === order.store_id)

  const pickLoads = new Map(loads)
  if (order.assignee_id && OPEN(order.status)) {
    pickLoads.set(order.assignee_id, Math.max(0, (pickLoads.get(order.assignee_id) ?? 0) - 1))
  }
  const text = `${order.title} ${order.description}`
  const decision = new Assigner(eligible, pickLoads).choose({
    type: order.type,
    text,
    storeId: order.store_id,
    customerTier: order.tier as CustomerRecord['tier'],
    advisorId: order.advisor_id,
  })

  return eligible
    .map((a): AssigneeCandidate => {
      const person = people.get(a.id)
      const fittingSkills = a.skills.filter((s) => skillFits(s, order.type, text))
      const recommended = decision?.agentId === a.id
      return {
        id: a.id,
        displayName: person?.display_name ?? a.id,
        role: person?.role === 'frontdesk' ? 'frontdesk' : 'agent',
        storeId: a.storeId,
        skills: [...a.skills],
        fittingSkills,
        skillFit: fittingSkills.length > 0,
        load: loads.get(a.id) ?? 0,
        capacity: a.capacity,
        senior: a.senior,
        current: order.assignee_id === a.id,
        recommended,
        reason: recommended ? decision!.reason : null,
      }
    })
    .sort(compareCandidates)
}
