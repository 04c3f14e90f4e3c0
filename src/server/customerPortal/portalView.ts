import type { Kysely } from 'kysely'
import { WorkOrderStatus } from '../../shared/domain/records'
import type { PortalEntry, PortalView } from '../../shared/portal/portal'
import type { Database } from '../db/schema'
import { listActivity } from '../workOrders/activityLog'
import { openInvitation } from './surveyInvitations'

/** 王小明 → 王**: the first character, the rest starred. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length === 0) return ''
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`
}

const SHOWN = new Set<PortalEntry['kind']>(['created', 'progress', 'status', 'report'])
const statusOrNull = (v: unknown) => {
  const parsed = WorkOrderStatus.safeParse(v)
  return parsed.success ? parsed.data : null
}

/**
 * What the progress page shows of an order: its facts, masked names, and the customer-visible
 * activity without authors or internal data (priority and assignment reasons stay inside).
 */
export async function loadPortalView(db: Kysely<Database>, workOrderId: string, now: number): Promise<PortalView> {
  const row = await db
    .selectFrom('work_orders as wo')
    .innerJoin('customers as c', 'c.id', 'wo.customer_id')
    .innerJoin('stores as s', 's.id', 'wo.store_id')
    .leftJoin('users as u', 'u.id', 'wo.assignee_id')
    .select([
      'wo.service_code',
      'wo.type',
      'wo.title',
      'wo.status',
      'wo.created_at',
      'wo.updated_at',
      's.name as store_name',
      'c.name as customer_name',
      'c.phone_masked',
      'u.display_name as handler_name',
    ])
    .where('wo.id', '=', workOrderId)
    .executeTakeFirstOrThrow()
  const activity = await listActivity(db, workOrderId, { customerOnly: true })
  const entries: PortalEntry[] = []
  for (const e of activity) {
    if (!SHOWN.has(e.kind as PortalEntry['kind'])) continue
    entries.push({
      id: e.id,
      at: e.at,
      kind: e.kind as PortalEntry['kind'],
      body: e.kind === 'created' ? '' : e.body,
      from: e.kind === 'status' ? statusOrNull(e.data?.from) : null,
      to: e.kind === 'status' ? statusOrNull(e.data?.to) : null,
    })
  }
  const survey = await openInvitation(db, workOrderId, now)
  return {
    serviceCode: row.service_code,
    type: row.type,
    title: row.title,
    status: WorkOrderStatus.parse(row.status),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    storeName: row.store_name,
    customerName: maskName(row.customer_name),
    phoneMasked: row.phone_masked,
    handlerName: row.handler_name ? maskName(row.handler_name) : null,
    entries,
    surveyPath: survey ? `/s/${survey.token}` : null,
  }
}
