import type { Selectable } from 'kysely'
import type { CustomerRecord, KbArticleRecord, WorkOrderRecord } from '../../shared/domain/records'
import { WorkOrderSla } from '../../shared/workOrders/orderSla'
import { WorkOrderClosure } from '../../shared/workOrders/closure'
import { HandoffSummary } from '../../shared/workOrders/handoff'
import type { CustomersTable, KbArticlesTable, WorkOrdersTable } from '../db/schema'

/** Database rows → the records the feed carries (JSON columns parsed, camelCase). */
export function customerRecord(r: Selectable<CustomersTable>): CustomerRecord {
  return {
    id: r.id,
    name: r.name,
    phoneMasked: r.phone_masked,
    phoneHash: r.phone_hash,
    memberNo: r.member_no,
    tier: r.tier as CustomerRecord['tier'],
    homeStoreId: r.home_store_id,
    birthday: r.birthday,
    tags: JSON.parse(r.tags) as string[],
    focus: r.focus,
    specialNeeds: r.special_needs,
    notes: r.notes,
    createdAt: r.created_at,
    feedSeq: r.feed_seq,
  }
}

export function workOrderRecord(r: Selectable<WorkOrdersTable>): WorkOrderRecord {
  return {
    id: r.id,
    serviceCode: r.service_code,
    customerId: r.customer_id,
    storeId: r.store_id,
    type: r.type,
    priority: r.priority as WorkOrderRecord['priority'],
    status: r.status as WorkOrderRecord['status'],
    title: r.title,
    description: r.description,
    assigneeId: r.assignee_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    feedSeq: r.feed_seq,
    sla: r.sla === null ? null : WorkOrderSla.parse(JSON.parse(r.sla)),
    priorityReason: r.priority_reason,
    assignReason: r.assign_reason,
    closure: r.closure === null ? null : WorkOrderClosure.parse(JSON.parse(r.closure)),
    handoffs: r.handoffs === null ? [] : HandoffSummary.array().parse(JSON.parse(r.handoffs)),
  }
}

export function kbArticleRecord(r: Selectable<KbArticlesTable>): KbArticleRecord {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    category: r.category,
    tags: JSON.parse(r.tags) as string[],
    synonyms: JSON.parse(r.synonyms) as string[],
    audience: r.audience as KbArticleRecord['audience'],
    status: r.status,
    updatedAt: r.updated_at,
    feedSeq: r.feed_seq,
  }
}
