import type { Kysely } from 'kysely'
import type { PresenceEntry } from '../../shared/domain/presence'
import { AgentState, Role } from '../../shared/domain/roles'
import type { AccessClaims } from '../auth/accessTokens'
import type { Database } from '../db/schema'

/**
 * Agent states live in the database, so every sync-server node sees the same state and time in
 * state, and a seat that moves to another node keeps its state.
 */
export class PresenceService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A seat came online: it starts as 忙碌 (not ready) unless it was already online elsewhere. */
  async online(claims: AccessClaims): Promise<PresenceEntry> {
    const row = await this.db
      .selectFrom('agent_states')
      .selectAll()
      .where('user_id', '=', claims.sub)
      .executeTakeFirst()
    if (row && row.state !== 'offline') return this.entry(claims, AgentState.parse(row.state), row.since)
    return this.set(claims, 'busy')
  }

  async set(claims: AccessClaims, state: AgentState): Promise<PresenceEntry> {
    const row = await this.db
      .selectFrom('agent_states')
      .selectAll()
      .where('user_id', '=', claims.sub)
      .executeTakeFirst()
    if (row?.state === state) return this.entry(claims, state, row.since)
    const since = this.now()
    await this.db
      .insertInto('agent_states')
      .values({ user_id: claims.sub, state, since })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ state, since }))
      .execute()
    return this.entry(claims, state, since)
  }

  /** Everyone with a known state; a front desk sees only its own store's seats. */
  async list(viewer: AccessClaims): Promise<PresenceEntry[]> {
    let q = this.db
      .selectFrom('agent_states')
      .innerJoin('users', 'users.id', 'agent_states.user_id')
      .select([
        'users.id',
        'users.display_name',
        'users.role',
        'users.store_id',
        'agent_states.state',
        'agent_states.since',
      ])
    if (viewer.role === 'frontdesk') q = q.where('users.store_id', '=', viewer.storeId)
    const rows = await q.orderBy('users.display_name').execute()
    return rows.map((r) => ({
      userId: r.id,
      displayName: r.display_name,
      role: Role.parse(r.role),
      storeId: r.store_id,
      state: AgentState.parse(r.state),
      since: Number(r.since),
    }))
  }

  private entry(claims: AccessClaims, state: AgentState, since: number): PresenceEntry {
    return {
      userId: claims.sub,
      displayName: claims.name,
      role: claims.role,
      storeId: claims.storeId,
      state,
      since: Number(since),
    }
  }
}
