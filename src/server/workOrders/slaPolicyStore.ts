import type { Kysely } from 'kysely'
import {
  policyFor,
  Priority,
  SlaPolicy,
  WorkOrderType,
  type SetSlaPolicy,
  type SlaPolicyEntry,
  type SlaPolicyOverrides,
} from '../../shared/workOrders/slaPolicy'
import type { Database } from '../db/schema'

/**
 * The admins' SLA policies. Read from the database for every new order (one small table), so an
 * edit applies to the next order on every node; orders already open keep the targets they got.
 */
export class SlaPolicyStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number,
  ) {}

  async overrides(): Promise<SlaPolicyOverrides> {
    const rows = await this.db.selectFrom('sla_policies').select(['key', 'policy']).execute()
    return Object.fromEntries(rows.map((r) => [r.key, SlaPolicy.parse(JSON.parse(r.policy))]))
  }

  /** Every type × priority with its effective policy. */
  async list(): Promise<SlaPolicyEntry[]> {
    const overrides = await this.overrides()
    return WorkOrderType.options.flatMap((type) =>
      Priority.options.map((priority) => ({
        type,
        priority,
        policy: policyFor(type, priority, overrides),
        custom: `${type}/${priority}` in overrides,
      })),
    )
  }

  async set(userId: string, change: SetSlaPolicy): Promise<SlaPolicyEntry[]> {
    const key = `${change.type}/${change.priority}`
    if (change.policy === null) {
      await this.db.deleteFrom('sla_policies').where('key', '=', key).execute()
    } else {
      const row = { policy: JSON.stringify(change.policy), updated_by: userId, updated_at: this.now() }
      await this.db
        .insertInto('sla_policies')
        .values({ key, ...row })
        .onConflict((oc) => oc.column('key').doUpdateSet(row))
        .execute()
    }
    return this.list()
  }
}
