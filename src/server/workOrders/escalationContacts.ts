import type { Kysely } from 'kysely'
import type { Role } from '../../shared/domain/roles'
import type { Database } from '../db/schema'

/**
 * Who each escalation tier reaches: 1 the team leads (supervisors), 2 service managers and the
 * other departments (supervisors and admins), 3 the emergency group (admins).
 */
const TIER_ROLES: Record<1 | 2 | 3, readonly Role[]> = {
  1: ['supervisor'],
  2: ['supervisor', 'admin'],
  3: ['admin'],
}

export type EscalationContacts = Record<1 | 2 | 3, string[]>

export async function loadEscalationContacts(db: Kysely<Database>): Promise<EscalationContacts> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('role', 'in', ['supervisor', 'admin'])
    .execute()
  const of = (tier: 1 | 2 | 3) => users.filter((u) => TIER_ROLES[tier].includes(u.role as Role)).map((u) => u.id)
  return { 1: of(1), 2: of(2), 3: of(3) }
}
