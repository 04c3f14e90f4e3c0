import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { Assigner, type AgentProfile } from './assignment'

const REFRESH_MS = 2000

/** Open work orders per assignee, counted in the database. */
export async function countLoads(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('work_orders')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'not in', ['resolved', 'closed'])
    .where('assignee_id', 'is not', null)
    .groupBy('assignee_id')
    .execute()
  return new Map(rows.map((r) => [r.assignee_id!, Number(r.n)]))
}

export async function loadAgents(db: Kysely<Database>): Promise<AgentProfile[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'store_id', 'skills', 'capacity', 'senior'])
    .where('role', 'in', ['agent', 'frontdesk'])
    .execute()
  return rows.map((r) => ({
    id: r.id,
    storeId: r.store_id,
    skills: JSON.parse(r.skills) as string[],
    capacity: r.capacity,
    senior: r.senior === 1,
  }))
}

/**
 * The assigner with a current view of agents and loads. This node counts its own assignments at
 * once; orders closed or assigned elsewhere (status changes, other nodes) come in with a recount
 * at most every two seconds, so decisions stay in memory and cheap.
 */
export class AssignmentDirectory {
  private assigner: Assigner | null = null
  private loadedAt = -Infinity

  constructor(private readonly db: Kysely<Database>) {}

  async current(): Promise<Assigner> {
    const now = Date.now()
    if (!this.assigner || now - this.loadedAt > REFRESH_MS) {
      const [agents, loads] = await Promise.all([loadAgents(this.db), countLoads(this.db)])
      this.assigner = new Assigner(agents, loads)
      this.loadedAt = now
    }
    return this.assigner
  }
}
