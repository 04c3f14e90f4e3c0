import { z } from 'zod'
import { WorkOrderSla } from '../workOrders/orderSla'
import { WorkOrderClosure } from '../workOrders/closure'
import { HandoffSummary } from '../workOrders/handoff'

/** The records a seat caches and the feed carries. `feedSeq` is the change that last wrote it. */
export const CustomerTier = z.enum(['core', 'potential', 'basic'])

export const Tag = z.string().trim().min(1).max(32)

export const CustomerRecord = z.object({
  id: z.string(),
  name: z.string(),
  /** 138****5678: the only form of the number a screen shows without an audited reveal */
  phoneMasked: z.string(),
  /** keyed hash of the national number, for exact lookup without the plaintext */
  phoneHash: z.string(),
  memberNo: z.string(),
  tier: CustomerTier,
  homeStoreId: z.string(),
  birthday: z.string().nullable(),
  tags: z.array(z.string()),
  focus: z.string(),
  specialNeeds: z.string(),
  notes: z.string(),
  createdAt: z.number(),
  feedSeq: z.number(),
})
export type CustomerRecord = z.infer<typeof CustomerRecord>

export const WorkOrderStatus = z.enum(['new', 'assigned', 'in_progress', 'waiting_customer', 'resolved', 'closed'])
export type WorkOrderStatus = z.infer<typeof WorkOrderStatus>

export const WorkOrderRecord = z.object({
  id: z.string(),
  serviceCode: z.string(),
  customerId: z.string(),
  storeId: z.string(),
  type: z.string(),
  priority: z.enum(['A', 'B', 'C']),
  status: WorkOrderStatus,
  title: z.string(),
  description: z.string(),
  assigneeId: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  feedSeq: z.number(),
  /** optional so records cached before SLAs existed stay valid; null: an order without SLA */
  sla: WorkOrderSla.nullable().optional(),
  /** why this priority was suggested ("核心客户; 紧急词: 漏水") */
  priorityReason: z.string().optional(),
  /** why this assignee was chosen ("技能匹配: 空调维修; 当前负载 3/8") */
  assignReason: z.string().optional(),
  /** how a closed order was closed: the customer's confirmation (回访) or the auto-close rule */
  closure: WorkOrderClosure.nullable().optional(),
  /** open hand-offs to other departments, each with its response clock ("waiting on others") */
  handoffs: z.array(HandoffSummary).optional(),
})
export type WorkOrderRecord = z.infer<typeof WorkOrderRecord>

export const KbArticleRecord = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  synonyms: z.array(z.string()),
  audience: z.enum(['internal', 'customer']),
  status: z.string(),
  updatedAt: z.number(),
  feedSeq: z.number(),
})
export type KbArticleRecord = z.infer<typeof KbArticleRecord>

export const EntityKind = z.enum(['customer', 'workOrder', 'kbArticle'])
export type EntityKind = z.infer<typeof EntityKind>

export type RecordOf<E extends EntityKind> = E extends 'customer'
  ? CustomerRecord
  : E extends 'workOrder'
    ? WorkOrderRecord
    : KbArticleRecord
