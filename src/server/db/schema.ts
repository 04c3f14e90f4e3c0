import type { Generated } from 'kysely'

/** Table types for Kysely. Times are epoch milliseconds; JSON columns are text. */
export interface StoresTable {
  id: string
  name: string
  city: string
}

export interface UsersTable {
  id: string
  username: string
  display_name: string
  role: string
  store_id: string | null
  skills: string
  password_hash: string
  failed_logins: Generated<number>
  locked_until: number | null
  created_at: number
  /** open work orders an agent takes at most */
  capacity: Generated<number>
  /** 1: senior advisor, preferred for core customers */
  senior: Generated<number>
}

export interface RefreshTokensTable {
  token_hash: string
  user_id: string
  expires_at: number
  revoked_at: number | null
  created_at: number
}

export interface CustomersTable {
  id: string
  name: string
  /** AES-GCM ciphertext of the national number (privacy/piiCipher) */
  phone_enc: string
  /** keyed hash of the national number, for exact lookup */
  phone_hash: string
  /** what the screen shows: 138****5678 */
  phone_masked: string
  address_enc: string | null
  /** set when this record was merged into another customer */
  merged_into: Generated<string | null>
  special_needs: Generated<string>
  member_no: string
  tier: string
  home_store_id: string
  birthday: string | null
  tags: string
  focus: Generated<string>
  notes: Generated<string>
  created_at: number
  feed_seq: Generated<number>
  /** the customer's dedicated advisor (core customers) */
  advisor_id: Generated<string | null>
}

export interface PurchasesTable {
  id: string
  customer_id: string
  order_no: string
  store_id: string
  product: string
  amount_cents: number
  purchased_at: number
}

export interface WorkOrdersTable {
  id: string
  service_code: string
  customer_id: string
  store_id: string
  type: string
  priority: string
  status: string
  title: string
  description: string
  assignee_id: string | null
  created_at: number
  updated_at: number
  feed_seq: Generated<number>
  /** JSON WorkOrderSla; null for orders from before SLAs existed */
  sla: string | null
  /** the next instant the SLA scheduler has something to do (indexed) */
  sla_next_at: number | null
  /** bumped on every SLA change: the scheduler's claim is UPDATE … WHERE sla_rev = seen */
  sla_rev: Generated<number>
  priority_reason: Generated<string>
  assign_reason: Generated<string>
  /** JSON WorkOrderClosure while closed */
  closure: Generated<string | null>
  /** JSON HandoffSummary[]: the open hand-offs (null: none yet) */
  handoffs: Generated<string | null>
}

export interface WorkOrderHandoffsTable {
  id: string
  work_order_id: string
  /** one of DEPARTMENTS */
  department: string
  note: string
  /** JSON SlaClock: the department's response clock */
  clock: string
  /** the breach instant while open and not yet breached (indexed for the tick) */
  due_at: number | null
  opened_at: number
  opened_by: string
  reply: string | null
  replied_at: number | null
  replied_by: string | null
}

export interface WorkOrderAttachmentsTable {
  id: string
  work_order_id: string
  file_name: string
  content_type: string
  size: number
  /** SHA-256 hex; the bytes are stored as <dataDir>/attachments/<sha256> */
  sha256: string
  uploaded_at: number
  uploaded_by: string
}

export interface AppointmentsTable {
  id: string
  customer_id: string
  store_id: string
  service_type: string
  slot_start: number
  status: string
  created_at: number
}

export interface KbArticlesTable {
  id: string
  title: string
  body: string
  category: string
  tags: string
  synonyms: string
  audience: string
  status: string
  updated_at: number
  feed_seq: Generated<number>
  version: Generated<number>
}

export interface KbArticleVersionsTable {
  article_id: string
  version: number
  title: string
  body: string
  category: string
  tags: string
  synonyms: string
  audience: string
  status: string
  saved_at: number
  saved_by: string | null
}

export interface KbSynonymGroupsTable {
  position: number
  /** JSON array of the words of one group */
  terms: string
}

export interface KbFeedbackTable {
  article_id: string
  /** the query in its search form (normalised) */
  query: string
  user_id: string
  /** 1 helpful, 0 not helpful */
  helpful: number
  at: number
}

export interface ChangeFeedTable {
  seq: number
  entity: string
  entity_id: string
  store_id: string | null
  op: string
  data: string
  changed_fields: string
  by_user: string | null
  op_id: string | null
  created_at: number
}

export interface FeedHeadsTable {
  scope: string
  seq: number
}

export interface AppliedOpsTable {
  op_id: string
  user_id: string
  result: string
  created_at: number
}

export interface AgentStatesTable {
  user_id: string
  state: string
  since: number
}

export interface AuditLogTable {
  id: string
  at: number
  user_id: string
  action: string
  entity: string
  entity_id: string
  seat: string | null
  detail: string
}

export interface TimelineEventsTable {
  id: string
  customer_id: string
  at: number
  kind: string
  channel: string
  title: string
  ref_id: string | null
}

export interface CustomerIdentitiesTable {
  id: string
  customer_id: string
  kind: string
  value_enc: string
  value_hash: string
  masked: string
  created_at: number
}

export interface NotificationsTable {
  id: string
  user_id: string
  work_order_id: string
  /** sla.warning | sla.breach | sla.escalated */
  kind: string
  /** firstResponse | solution, for warnings and breaches */
  clock: string | null
  tier: number | null
  /** when the event became due (may be earlier than created_at after downtime) */
  at: number
  created_at: number
  read_at: number | null
}

export interface WorkOrderEventsTable {
  id: string
  work_order_id: string
  at: number
  /** ActivityKind */
  kind: string
  /** internal | customer */
  visibility: string
  author_id: string | null
  body: string
  /** JSON, kind-specific */
  data: string | null
}

export interface ServiceReportsTable {
  id: string
  work_order_id: string
  /** 1, 2, …: a second signing adds a version, never overwrites */
  version: number
  work_done: string
  /** JSON ReportPart[] */
  parts: string
  signer_name: string
  /** data:image/png;base64,… */
  signature_png: string
  /** JSON ReportOrderSnapshot */
  order_snapshot: string
  signed_at: number
  signed_by: string
  signed_by_name: string
  /** SHA-256 hex of reportHashInput */
  hash: string
}

export interface PortalSessionsTable {
  /** SHA-256 hex of the opaque token the progress page holds */
  token_hash: string
  work_order_id: string
  created_at: number
  expires_at: number
}

export interface PortalFailuresTable {
  id: string
  /** ip:<address> | code:<service code> */
  key: string
  at: number
}

export interface SurveyInvitationsTable {
  id: string
  /** unguessable: the survey link /s/<token> */
  token: string
  work_order_id: string
  customer_id: string
  created_at: number
  expires_at: number
  answered_at: number | null
  csat: number | null
  nps: number | null
  comment: string | null
  /** SurveyOutcome once answered */
  outcome: string | null
}

export interface SlaPoliciesTable {
  /** "投诉/A" */
  key: string
  /** JSON SlaPolicy */
  policy: string
  updated_by: string
  updated_at: number
}

export interface ChatConversationsTable {
  id: string
  visitor_id: string
  /** the customer record once identified (service-code lookup, later login token) */
  customer_id: string | null
  /** ChatIntent */
  intent: string | null
  /** ConversationState: bot | queued | assigned | ended */
  state: string
  /** the skill queue it waits in or was routed through */
  queue: string | null
  /** 1: a core customer, moved up in the queue */
  core: Generated<number>
  lang: string
  /** JSON BotMemory: what the bot is waiting for */
  bot_state: Generated<string>
  /** the seq of the last message */
  last_seq: Generated<number>
  agent_id: string | null
  created_at: number
  updated_at: number
  queued_at: number | null
  assigned_at: number | null
  ended_at: number | null
}

export interface ChatMessagesTable {
  id: string
  conversation_id: string
  seq: number
  /** ChatAuthor */
  author: string
  /** the widget's id for a visitor message (idempotent resend) */
  client_id: string | null
  body: string
  /** JSON ChatMessageData */
  data: string | null
  at: number
}

export interface Database {
  stores: StoresTable
  users: UsersTable
  refresh_tokens: RefreshTokensTable
  customers: CustomersTable
  purchases: PurchasesTable
  work_orders: WorkOrdersTable
  work_order_events: WorkOrderEventsTable
  appointments: AppointmentsTable
  kb_articles: KbArticlesTable
  change_feed: ChangeFeedTable
  feed_heads: FeedHeadsTable
  applied_ops: AppliedOpsTable
  agent_states: AgentStatesTable
  audit_log: AuditLogTable
  timeline_events: TimelineEventsTable
  customer_identities: CustomerIdentitiesTable
  kb_article_versions: KbArticleVersionsTable
  kb_synonym_groups: KbSynonymGroupsTable
  kb_feedback: KbFeedbackTable
  notifications: NotificationsTable
  sla_policies: SlaPoliciesTable
  portal_sessions: PortalSessionsTable
  portal_failures: PortalFailuresTable
  survey_invitations: SurveyInvitationsTable
  service_reports: ServiceReportsTable
  work_order_handoffs: WorkOrderHandoffsTable
  work_order_attachments: WorkOrderAttachmentsTable
  chat_conversations: ChatConversationsTable
  chat_messages: ChatMessagesTable
}
