import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { AuditEntry } from '../../shared/domain/customer360'
import type { Database } from '../db/schema'

export interface AuditEvent {
  userId: string
  action: 'reveal' | 'export' | 'merge' | 'state-change' | 'permission-change'
  entity: string
  entityId: string
  seat: string | null
  detail?: Record<string, unknown>
}

/** Append-only audit trail; supervisors and admins read it. */
export class AuditLog {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  async record(e: AuditEvent): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: randomUUID(),
        at: this.now(),
        user_id: e.userId,
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId,
        seat: e.seat,
        detail: JSON.stringify(e.detail ?? {}),
      })
      .execute()
  }

  async latest(limit: number): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.user_id')
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.user_id',
        'users.display_name',
        'audit_log.action',
        'audit_log.entity',
        'audit_log.entity_id',
        'audit_log.seat',
        'audit_log.detail',
      ])
      .orderBy('audit_log.at', 'desc')
      .limit(limit)
      .execute()
    return rows.map((r) => ({
      id: r.id,
      at: Number(r.at),
      userId: r.user_id,
      userName: r.display_name ?? r.user_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      seat: r.seat,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }))
  }
}
