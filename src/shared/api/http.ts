import { z } from 'zod'
import { LoginRequest, PublicUser, RefreshRequest, TokenGrant } from '../domain/user'
import { Role } from '../domain/roles'
import { StoreInfo } from '../domain/store'
import {
  AuditEntry,
  CustomerHit,
  CustomerProfile,
  MergePreview,
  MergeRequest,
  RevealRequest,
  RevealResult,
  SearchQuery,
} from '../domain/customer360'
import { TimelinePage, TimelineQuery } from '../domain/timeline'
import { ImportReport } from '../domain/imports'
import { AddIdentityRequest, Identity } from '../domain/identity'
import { CustomerRecord, KbArticleRecord, WorkOrderRecord } from '../domain/records'
import {
  KbArticleInput,
  KbFeedbackRequest,
  KbFeedbackTally,
  KbHit,
  KbRankingData,
  KbSearchQuery,
  KbStatus,
  KbVersion,
} from '../domain/kb'
import { CreateWorkOrderRequest, CreateWorkOrderResult, SlaNotification } from '../workOrders/createWorkOrder'
import { SetSlaPolicy, SlaPolicyEntry } from '../workOrders/slaPolicy'
import { SaveServiceReport, ServiceReportState } from '../workOrders/serviceReport'
import { WorkOrderActivity } from '../workOrders/activity'
import { AssigneeCandidate } from '../workOrders/assignees'
import { PortalLookupRequest, PortalLookupResult, SurveyAnswer, SurveyResult, SurveyToken } from '../portal/portal'
import { Handoff, HandoffReplyRequest, OpenHandoffRequest } from '../workOrders/handoff'
import { KbDraftResult } from '../workOrders/kbDraft'
import { MergeWorkOrderRequest, MergeWorkOrderResult } from '../workOrders/merge'
import {
  AttachmentContent,
  AttachmentInfo,
  MAX_ATTACHMENT_BYTES,
  UploadAttachmentRequest,
} from '../workOrders/attachments'

/**
 * The sync server's HTTP contract. The server registers exactly these routes (validating body
 * and response against the schemas) and the OpenAPI document is generated from this table.
 */
export interface HttpRoute {
  method: 'GET' | 'POST'
  path: string
  summary: string
  /** whether a bearer access token is required */
  auth: boolean
  /** roles allowed; absent = any signed-in role */
  roles?: readonly Role[]
  params?: z.ZodType
  query?: z.ZodType
  body?: z.ZodType
  /** CSV routes take (or give) the raw text instead of JSON */
  csv?: 'body' | 'response'
  /** a larger request body than the server's default (1 MB), e.g. an attachment */
  bodyLimit?: number
  response: z.ZodType
}

/** Largest CSV an import accepts in one request (about 100,000 customer rows). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024

const CustomerIdParams = z.object({ id: z.string().min(1).max(64) })
const ArticleIdParams = z.object({ id: z.string().min(1).max(64) })
const WorkOrderIdParams = z.object({ id: z.string().min(1).max(64) })
const KbSaveResult = z.object({ article: KbArticleRecord, version: z.number().int(), changed: z.boolean() })
const KB_EDITORS = ['supervisor', 'admin'] as const

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['sqlite', 'postgres']),
  uptimeSec: z.number(),
  version: z.string(),
})
export type Health = z.infer<typeof Health>

export const Ok = z.object({ ok: z.literal(true) })

export const httpRoutes = {
  health: {
    method: 'GET',
    path: '/health',
    summary: 'Liveness and storage backend',
    auth: false,
    response: Health,
  },
  login: {
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Log in with username and password; locked after repeated failures',
    auth: false,
    body: LoginRequest,
    response: TokenGrant,
  },
  refresh: {
    method: 'POST',
    path: '/api/auth/refresh',
    summary: 'Exchange a refresh token for a new token pair (the old refresh token is revoked)',
    auth: false,
    body: RefreshRequest,
    response: TokenGrant,
  },
  logout: {
    method: 'POST',
    path: '/api/auth/logout',
    summary: 'Revoke a refresh token',
    auth: false,
    body: RefreshRequest,
    response: Ok,
  },
  me: {
    method: 'GET',
    path: '/api/me',
    summary: 'The user the access token belongs to',
    auth: true,
    response: PublicUser,
  },
  storesList: {
    method: 'GET',
    path: '/api/stores',
    summary: 'Every store with its name and city (for showing names instead of ids)',
    auth: true,
    response: z.array(StoreInfo),
  },
  lookupKey: {
    method: 'GET',
    path: '/api/session/lookup-key',
    summary: "The phone lookup-hash key for this seat's screen pops; seats keep it in main-process memory only",
    auth: true,
    response: z.object({ key: z.string() }),
  },
  customerSearch: {
    method: 'GET',
    path: '/api/customers/search',
    summary: 'Find customers by phone (any form), name (prefix or part), member number, order number or service code',
    auth: true,
    query: SearchQuery,
    response: z.array(CustomerHit),
  },
  customerGet: {
    method: 'GET',
    path: '/api/customers/:id',
    summary: "One customer (masked); 403 for another store's customer at a front desk",
    auth: true,
    params: CustomerIdParams,
    response: CustomerRecord,
  },
  customerProfile: {
    method: 'GET',
    path: '/api/customers/:id/profile',
    summary: 'The 360 first screen: customer, RFM segment with reason, hints, open work orders, recent purchases',
    auth: true,
    params: CustomerIdParams,
    response: CustomerProfile,
  },
  customerTimeline: {
    method: 'GET',
    path: '/api/customers/:id/timeline',
    summary: 'Timeline across channels, newest first, filterable by kind and channel, keyset-paged',
    auth: true,
    params: CustomerIdParams,
    query: TimelineQuery,
    response: TimelinePage,
  },
  customerMergePreview: {
    method: 'GET',
    path: '/api/customers/:id/merge-preview',
    summary: 'What merging customer `absorbId` into this one would give, and what moves',
    auth: true,
    params: CustomerIdParams,
    query: MergeRequest,
    response: MergePreview,
  },
  customerMerge: {
    method: 'POST',
    path: '/api/customers/:id/merge',
    summary: 'Merge customer `absorbId` into this one (history moves, audit row written)',
    auth: true,
    params: CustomerIdParams,
    body: MergeRequest,
    response: CustomerRecord,
  },
  customerAddIdentity: {
    method: 'POST',
    path: '/api/customers/:id/identities',
    summary: 'Add a phone number, WeChat/app id, email or ID card; 409 when it belongs to another customer',
    auth: true,
    params: CustomerIdParams,
    body: AddIdentityRequest,
    response: z.array(Identity),
  },
  customerReveal: {
    method: 'POST',
    path: '/api/customers/:id/reveal',
    summary: 'Reveal a masked phone or address; written to the audit log',
    auth: true,
    params: CustomerIdParams,
    body: RevealRequest,
    response: RevealResult,
  },
  importCustomers: {
    method: 'POST',
    path: '/api/import/customers',
    summary: 'Import customers from CSV (text/csv); rows matched by phone or member number; re-runs change nothing',
    auth: true,
    roles: ['supervisor', 'admin'],
    csv: 'body',
    body: z.string().max(MAX_IMPORT_BYTES),
    response: ImportReport,
  },
  importPurchases: {
    method: 'POST',
    path: '/api/import/purchases',
    summary: 'Import purchases from CSV (text/csv); identified by order number; buyer by member number or phone',
    auth: true,
    roles: ['supervisor', 'admin'],
    csv: 'body',
    body: z.string().max(MAX_IMPORT_BYTES),
    response: ImportReport,
  },
  purchaseTemplate: {
    method: 'GET',
    path: '/api/import/purchases/template.csv',
    summary: 'The purchase CSV template with one example row',
    auth: false,
    csv: 'response',
    response: z.string(),
  },
  customerTemplate: {
    method: 'GET',
    path: '/api/import/customers/template.csv',
    summary: 'The customer CSV template with one example row',
    auth: false,
    csv: 'response',
    response: z.string(),
  },
  auditList: {
    method: 'GET',
    path: '/api/audit',
    summary: 'Latest audit entries (reveals, exports, merges, supervisor actions)',
    auth: true,
    roles: ['supervisor', 'admin'],
    query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
    response: z.array(AuditEntry),
  },
  kbSearch: {
    method: 'GET',
    path: '/api/kb/search',
    summary:
      'Search the knowledge base: ranked {id, title, score, highlights}; Chinese 2-character words, Traditional or Simplified, full-width, model numbers, synonyms, Latin typos',
    auth: true,
    query: KbSearchQuery,
    response: z.array(KbHit),
  },
  kbFeedback: {
    method: 'POST',
    path: '/api/kb/articles/:id/feedback',
    summary:
      '"Was this helpful?" for the query that found the article (one vote per user); raises or lowers it for similar queries',
    auth: true,
    params: ArticleIdParams,
    body: KbFeedbackRequest,
    response: KbFeedbackTally,
  },
  kbArticleGet: {
    method: 'GET',
    path: '/api/kb/articles/:id',
    summary: 'One knowledge-base article',
    auth: true,
    params: ArticleIdParams,
    response: KbArticleRecord,
  },
  kbArticleSave: {
    method: 'POST',
    path: '/api/kb/articles',
    summary: 'Create or update an article; every change is a new version, identical content changes nothing',
    auth: true,
    roles: KB_EDITORS,
    body: KbArticleInput,
    response: KbSaveResult,
  },
  kbArticleStatus: {
    method: 'POST',
    path: '/api/kb/articles/:id/status',
    summary: 'Workflow: draft → review → published (or back to draft, or archived); 409 for other moves',
    auth: true,
    roles: KB_EDITORS,
    params: ArticleIdParams,
    body: z.object({ status: KbStatus }),
    response: KbSaveResult,
  },
  kbVersions: {
    method: 'GET',
    path: '/api/kb/articles/:id/versions',
    summary: "An article's saved versions, newest first",
    auth: true,
    params: ArticleIdParams,
    response: z.array(KbVersion),
  },
  kbRestore: {
    method: 'POST',
    path: '/api/kb/articles/:id/restore',
    summary: "Bring back an earlier version's content as a new version",
    auth: true,
    roles: KB_EDITORS,
    params: ArticleIdParams,
    body: z.object({ version: z.number().int().min(1) }),
    response: KbSaveResult,
  },
  kbSynonymsGet: {
    method: 'GET',
    path: '/api/kb/synonyms',
    summary: 'Synonym groups applied to every search (退换货 ≈ 退货 ≈ 换货)',
    auth: true,
    response: z.object({ groups: z.array(z.array(z.string())) }),
  },
  kbSynonymsSet: {
    method: 'POST',
    path: '/api/kb/synonyms',
    summary: 'Replace the synonym groups',
    auth: true,
    roles: KB_EDITORS,
    body: z.object({ groups: z.array(z.array(z.string().trim().min(1).max(64)).max(50)).max(2000) }),
    response: z.object({ groups: z.array(z.array(z.string())) }),
  },
  kbRanking: {
    method: 'GET',
    path: '/api/kb/ranking',
    summary: "Synonym groups and feedback tallies: seats copy them so offline search ranks like the server's",
    auth: true,
    response: KbRankingData,
  },
  workOrderCreate: {
    method: 'POST',
    path: '/api/work-orders',
    summary:
      'Open a work order: priority suggested from customer tier and urgency words (overridable, reason kept), assignee chosen by skill, load, store and tier with the reason, SLA clocks started, random service code; a repeated requestId returns the first answer',
    auth: true,
    body: CreateWorkOrderRequest,
    response: CreateWorkOrderResult,
  },
  workOrderGet: {
    method: 'GET',
    path: '/api/work-orders/:id',
    summary: 'One work order (a front desk sees its own store only)',
    auth: true,
    params: z.object({ id: z.string().min(1).max(64) }),
    response: WorkOrderRecord,
  },
  workOrderActivity: {
    method: 'GET',
    path: '/api/work-orders/:id/activity',
    summary:
      "The order's activity oldest first: creation, internal notes, customer-visible progress updates, status changes, reassignments (notes are written through the outbox: mutation workOrder.addNote)",
    auth: true,
    params: z.object({ id: z.string().min(1).max(64) }),
    response: z.array(WorkOrderActivity),
  },
  workOrderAssign: {
    method: 'POST',
    path: '/api/work-orders/:id/assign',
    summary:
      "Reassign an open work order to an agent (or a front desk of the order's store); the reason names the supervisor",
    auth: true,
    roles: ['supervisor', 'admin'],
    params: z.object({ id: z.string().min(1).max(64) }),
    body: z.object({ assigneeId: z.string().min(1).max(64) }),
    response: WorkOrderRecord,
  },
  workOrderAssignees: {
    method: 'GET',
    path: '/api/work-orders/:id/assignees',
    summary:
      "Who the order may be reassigned to: agents and the order's store's front desks with open load, capacity, skills, whether a skill fits, and the automatic rule's pick now (flagged, with its reason); fitting first, then load ratio",
    auth: true,
    roles: ['supervisor', 'admin'],
    params: z.object({ id: z.string().min(1).max(64) }),
    response: z.array(AssigneeCandidate),
  },
  workOrderReportSave: {
    method: 'POST',
    path: '/api/work-orders/:id/report',
    summary:
      "Sign the on-site service report (what was done, parts, the customer's PNG signature ≤ 200 KB); SHA-256 over content, order snapshot and signature; each signing is a new version; 409 for a closed order",
    auth: true,
    roles: ['agent', 'frontdesk', 'supervisor'],
    params: z.object({ id: z.string().min(1).max(64) }),
    body: SaveServiceReport,
    response: ServiceReportState,
  },
  workOrderReportGet: {
    method: 'GET',
    path: '/api/work-orders/:id/report',
    summary: "The order's facts and its latest signed service report (null if none), with the hash verified on read",
    auth: true,
    params: z.object({ id: z.string().min(1).max(64) }),
    response: ServiceReportState,
  },
  slaPoliciesGet: {
    method: 'GET',
    path: '/api/sla/policies',
    summary:
      'The SLA policy of every work-order type × priority (business minutes), marked where an admin changed the default',
    auth: true,
    response: z.array(SlaPolicyEntry),
  },
  slaPolicySet: {
    method: 'POST',
    path: '/api/sla/policies',
    summary:
      'Set the SLA policy of one type × priority (null: back to the default); applies to orders opened afterwards',
    auth: true,
    roles: ['admin'],
    body: SetSlaPolicy,
    response: z.array(SlaPolicyEntry),
  },
  workOrderHandoffOpen: {
    method: 'POST',
    path: '/api/work-orders/:id/handoffs',
    summary:
      "Hand the order to another department (仓储, 研发, IT, 物流, 财务, 售后技术) with a note; the department's response clock starts (business minutes per department); 409 for a closed order",
    auth: true,
    params: WorkOrderIdParams,
    body: OpenHandoffRequest,
    response: Handoff,
  },
  workOrderHandoffs: {
    method: 'GET',
    path: '/api/work-orders/:id/handoffs',
    summary: "The order's hand-offs, answered ones included, oldest first",
    auth: true,
    params: WorkOrderIdParams,
    response: z.array(Handoff),
  },
  workOrderHandoffReply: {
    method: 'POST',
    path: '/api/work-orders/:id/handoffs/:handoffId/reply',
    summary: "Record the department's reply: its clock stops (on time or late) and the hand-off is no longer open",
    auth: true,
    params: z.object({ id: z.string().min(1).max(64), handoffId: z.string().min(1).max(64) }),
    body: HandoffReplyRequest,
    response: Handoff,
  },
  workOrderKbDraft: {
    method: 'POST',
    path: '/api/work-orders/:id/kb-draft',
    summary:
      '转为知识库文章: a resolved or closed order becomes an internal KB draft (问题 from the description and progress updates, 解决方案 from the last updates and the follow-up note); one draft per order; 409 for an open order',
    auth: true,
    params: WorkOrderIdParams,
    response: KbDraftResult,
  },
  workOrderMerge: {
    method: 'POST',
    path: '/api/work-orders/:id/merge',
    summary:
      "Merge a duplicate order of the same customer into this one: the duplicate is closed as merged, its notes and progress copied here, its hand-offs and attachments moved; 409 for a closed order or another customer's",
    auth: true,
    params: WorkOrderIdParams,
    body: MergeWorkOrderRequest,
    response: MergeWorkOrderResult,
  },
  workOrderAttachmentUpload: {
    method: 'POST',
    path: '/api/work-orders/:id/attachments',
    summary:
      'Attach a PNG, JPEG or WebP image or a PDF (≤ 5 MB, base64 in JSON; the type is checked from the bytes); stored on disk by SHA-256',
    auth: true,
    params: WorkOrderIdParams,
    body: UploadAttachmentRequest,
    bodyLimit: Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 64 * 1024,
    response: AttachmentInfo,
  },
  workOrderAttachments: {
    method: 'GET',
    path: '/api/work-orders/:id/attachments',
    summary: "The order's attachments (name, type, size, hash), oldest first",
    auth: true,
    params: WorkOrderIdParams,
    response: z.array(AttachmentInfo),
  },
  workOrderAttachmentGet: {
    method: 'GET',
    path: '/api/work-orders/:id/attachments/:attachmentId',
    summary: 'One attachment with its bytes (base64)',
    auth: true,
    params: z.object({ id: z.string().min(1).max(64), attachmentId: z.string().min(1).max(64) }),
    response: AttachmentContent,
  },
  notificationsList: {
    method: 'GET',
    path: '/api/notifications',
    summary:
      "The signed-in user's SLA notifications (75 % warnings, breaches, escalations, department hand-offs not answered in time), newest first",
    auth: true,
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
    response: z.array(SlaNotification),
  },
  portalLookup: {
    method: 'POST',
    path: '/api/portal/lookup',
    summary:
      'Customer progress page (no login): service code + last 4 phone digits → a short-lived opaque token for GET /api/portal/stream (server-sent events) and the customer-visible view; the same 404 for an unknown code and wrong digits; 5 failures per client address or per code in 15 min → 429 with retry-after',
    auth: false,
    body: PortalLookupRequest,
    response: PortalLookupResult,
  },
  portalSurvey: {
    method: 'POST',
    path: '/api/portal/survey/:token',
    summary:
      'Answer the satisfaction survey sent on resolve (CSAT 1–5, NPS 0–10, comment ≤ 500), once; CSAT ≤ 2 reopens the order and notifies the supervisors, NPS ≤ 6 alone notifies them',
    auth: false,
    params: SurveyToken,
    body: SurveyAnswer,
    response: SurveyResult,
  },
} as const satisfies Record<string, HttpRoute>

export type HttpRouteName = keyof typeof httpRoutes
