import { z } from 'zod'
import { PresenceEntry } from '../domain/presence'
import { AgentState, Locale, Theme } from '../domain/roles'
import { LoginRequest, PublicUser } from '../domain/user'
import { CustomerRecord, EntityKind, KbArticleRecord, WorkOrderRecord } from '../domain/records'
import { FieldOverwrite, Mutation } from '../sync/mutations'
import {
  AuditEntry,
  CustomerHit,
  CustomerProfile,
  MergePreview,
  RevealRequest,
  RevealResult,
  SearchQuery,
} from '../domain/customer360'
import { TimelinePage, TimelineQuery } from '../domain/timeline'
import {
  KbArticleInput,
  KbFeedbackRequest,
  KbFeedbackTally,
  KbHit,
  KbSearchQuery,
  KbStatus,
  KbVersion,
} from '../domain/kb'
import { AddIdentityRequest, Identity } from '../domain/identity'
import { StoreInfo } from '../domain/store'
import { WorkOrderListPage, WorkOrderListQuery } from '../workOrders/workOrderList'
import { SaveServiceReport, ServiceReportState } from '../workOrders/serviceReport'
import { ApiError } from './errors'
import { Handoff, HandoffReplyRequest, OpenHandoffRequest } from '../workOrders/handoff'
import { KbDraftResult } from '../workOrders/kbDraft'
import { MergeWorkOrderRequest, MergeWorkOrderResult } from '../workOrders/merge'
import { AttachmentContent, AttachmentInfo, UploadAttachmentRequest } from '../workOrders/attachments'
import { Visibility, WorkOrderActivity } from '../workOrders/activity'
import { AssigneeCandidate } from '../workOrders/assignees'
import { CreateWorkOrderRequest, CreateWorkOrderResult, SlaNotification } from '../workOrders/createWorkOrder'
import { SetSlaPolicy, SlaPolicyEntry } from '../workOrders/slaPolicy'
import { Scan } from '../scanning/scan'
import { ScannerSettings, ScannerStatus, SerialPortInfo } from '../scanning/scannerSettings'
import { SaveSipSettings, SipSettingsView } from '../softphone/sipSettings'

/**
 * The one console API between the renderer and the main-process services. Two transports carry
 * it: Electron IPC through the preload, and a loopback WebSocket served by the plain-Node host.
 * Both validate every request against `request` and every answer against `response`.
 */
export const Settings = z.object({
  locale: Locale,
  theme: Theme,
  largeFont: z.boolean(),
})
export type Settings = z.infer<typeof Settings>
export const DEFAULT_SETTINGS: Settings = { locale: 'zh-CN', theme: 'light', largeFont: false }

export const AppInfo = z.object({
  version: z.string(),
  shell: z.enum(['electron', 'browser-host']),
  serverUrl: z.string(),
  /** how the refresh token is kept: OS keychain, Electron's fixed-key fallback, or a 0600 file */
  tokenStorage: z.enum(['os-keychain', 'basic-text', 'file']),
})
export type AppInfo = z.infer<typeof AppInfo>

export const Session = z.object({
  user: PublicUser,
  accessExpiresAt: z.number().int(),
  /** the server was unreachable at start: the seat works from its cache and reconnects by itself */
  offline: z.boolean(),
})
export type Session = z.infer<typeof Session>

export const SyncStatus = z.object({
  connected: z.boolean(),
  lastError: z.string().nullable(),
})
export type SyncStatus = z.infer<typeof SyncStatus>

export const Empty = z.object({}).strict()

export const OutboxStatus = z.object({ pending: z.number().int(), rejected: z.number().int() })
export type OutboxStatus = z.infer<typeof OutboxStatus>

export const RejectedWrite = z.object({ opId: z.string(), mutation: Mutation, error: ApiError })
export type RejectedWrite = z.infer<typeof RejectedWrite>

const KbArticleId = z.object({ id: z.string().min(1).max(64) }).strict()
/** what a knowledge-base write answers: the article, its version, and whether anything changed */
export const KbSaveResult = z.object({ article: KbArticleRecord, version: z.number().int(), changed: z.boolean() })
export type KbSaveResult = z.infer<typeof KbSaveResult>
const SynonymGroups = z.object({
  groups: z.array(z.array(z.string().trim().min(1).max(64)).max(50)).max(2000),
})
const WorkOrderId = z.object({ id: z.string().min(1).max(64) }).strict()
const ScannerSetup = z.object({ settings: ScannerSettings, status: ScannerStatus })
const ListRequest = z.object({ limit: z.number().int().min(1).max(5000).default(500) }).strict()

export const consoleMethods = {
  'app.info': { request: Empty, response: AppInfo },
  'settings.get': { request: Empty, response: Settings },
  'settings.update': { request: Settings.partial().strict(), response: Settings },
  'auth.login': { request: LoginRequest, response: Session },
  'auth.restore': { request: Empty, response: Session.nullable() },
  'auth.logout': { request: Empty, response: z.object({ ok: z.literal(true) }) },
  'sync.status': { request: Empty, response: SyncStatus },
  'sync.ping': {
    request: z.object({ payload: z.string().max(4096) }).strict(),
    response: z.object({ payload: z.string(), roundTripMs: z.number(), userId: z.string() }),
  },
  'presence.set': { request: z.object({ state: AgentState }).strict(), response: PresenceEntry },
  'presence.list': { request: Empty, response: z.array(PresenceEntry) },
  // records come from the seat's local cache, with its own pending writes applied on top
  'workOrders.list': { request: ListRequest, response: z.array(WorkOrderRecord) },
  /** one window of the work-order list (views, filters, sort) with the count of every view */
  'workOrders.query': { request: WorkOrderListQuery, response: WorkOrderListPage },
  /** the order's facts and its latest signed service report; need the connection */
  'workOrders.report': { request: z.object({ id: z.string().max(64) }).strict(), response: ServiceReportState },
  'workOrders.saveReport': {
    request: z.object({ id: z.string().max(64), report: SaveServiceReport }).strict(),
    response: ServiceReportState,
  },
  /** the cached order with my pending writes on top; one outside the cache from the server */
  'workOrders.get': { request: z.object({ id: z.string().max(64) }).strict(), response: WorkOrderRecord.nullable() },
  /** the server's activity (offline: none, flagged) and my notes still in the outbox */
  'workOrders.activity': {
    request: z.object({ id: z.string().max(64) }).strict(),
    response: z.object({
      entries: z.array(WorkOrderActivity),
      pending: z.array(z.object({ opId: z.string(), body: z.string(), visibility: Visibility, at: z.number() })),
      offline: z.boolean(),
    }),
  },
  /** needs the connection: the server assigns the order and gives it its service code */
  'workOrders.create': { request: CreateWorkOrderRequest, response: CreateWorkOrderResult },
  // work-order actions (hand-off, merge, 转为知识库文章, attachments): need the connection
  'workOrders.handoffs': { request: WorkOrderId, response: z.array(Handoff) },
  'workOrders.handoff': { request: OpenHandoffRequest.extend(WorkOrderId.shape).strict(), response: Handoff },
  'workOrders.handoffReply': {
    request: HandoffReplyRequest.extend({ ...WorkOrderId.shape, handoffId: z.string().max(64) }).strict(),
    response: Handoff,
  },
  'workOrders.merge': {
    request: MergeWorkOrderRequest.extend(WorkOrderId.shape).strict(),
    response: MergeWorkOrderResult,
  },
  'workOrders.kbDraft': { request: WorkOrderId, response: KbDraftResult },
  /** supervisors: who may take the order (loads, skills, the automatic pick) and the reassignment itself */
  'workOrders.assignees': { request: WorkOrderId, response: z.array(AssigneeCandidate) },
  'workOrders.reassign': {
    request: WorkOrderId.extend({ assigneeId: z.string().min(1).max(64) }).strict(),
    response: WorkOrderRecord,
  },
  'workOrders.attachments': { request: WorkOrderId, response: z.array(AttachmentInfo) },
  'workOrders.attach': {
    request: UploadAttachmentRequest.extend(WorkOrderId.shape).strict(),
    response: AttachmentInfo,
  },
  'workOrders.attachment': {
    request: WorkOrderId.extend({ attachmentId: z.string().max(64) }).strict(),
    response: AttachmentContent,
  },
  /** my SLA notifications (75 % warnings, breaches, escalations), newest first */
  'notifications.list': {
    request: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    response: z.array(SlaNotification),
  },
  /** SLA targets per type × priority; admins set one (null: back to default), for orders opened afterwards */
  'sla.policies': { request: Empty, response: z.array(SlaPolicyEntry) },
  'sla.setPolicy': { request: SetSlaPolicy, response: z.array(SlaPolicyEntry) },
  'customers.list': { request: ListRequest, response: z.array(CustomerRecord) },
  /** the server's record when online (cached for offline), else the cached one */
  'customers.get': { request: z.object({ id: z.string().max(64) }).strict(), response: CustomerRecord.nullable() },
  'customers.search': {
    request: SearchQuery.strict(),
    response: z.object({ hits: z.array(CustomerHit), source: z.enum(['server', 'cache']) }),
  },
  /** the 360 first screen and the timeline come from the server (online) */
  'customers.profile': { request: z.object({ id: z.string().max(64) }).strict(), response: CustomerProfile },
  'customers.timeline': {
    request: z.object({ id: z.string().max(64), query: TimelineQuery.partial() }).strict(),
    response: TimelinePage,
  },
  /** caller number (any form) → customer from the seat cache, else the server */
  'customers.screenPop': {
    request: z.object({ phone: z.string().max(40) }).strict(),
    response: z.object({
      customer: CustomerRecord.nullable(),
      normalized: z.string().nullable(),
      source: z.enum(['cache', 'server', 'none']),
    }),
  },
  'customers.mergePreview': {
    request: z.object({ id: z.string().max(64), absorbId: z.string().max(64) }).strict(),
    response: MergePreview,
  },
  'customers.merge': {
    request: z.object({ id: z.string().max(64), absorbId: z.string().max(64) }).strict(),
    response: CustomerRecord,
  },
  /** a phone, WeChat/app id, email or ID card for this customer; needs the connection */
  'customers.addIdentity': {
    request: AddIdentityRequest.extend({ id: z.string().max(64) }).strict(),
    response: z.array(Identity),
  },
  /** audited on the server; needs the connection */
  'customers.reveal': { request: RevealRequest.extend({ id: z.string().max(64) }).strict(), response: RevealResult },
  'audit.list': {
    request: z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    response: z.array(AuditEntry),
  },
  /** this seat's barcode scanners: the set-up with the serial port's state, and the ports seen */
  'scanner.settings': { request: Empty, response: ScannerSetup },
  'scanner.saveSettings': { request: ScannerSettings, response: ScannerSetup },
  'scanner.ports': { request: Empty, response: z.array(SerialPortInfo) },
  /** store names: from the server when connected, else the seat's saved copy */
  'stores.list': { request: Empty, response: z.array(StoreInfo) },
  /** the signed-in agent's SIP account on this seat; the password is never sent back */
  'softphone.settings': { request: Empty, response: SipSettingsView },
  'softphone.saveSettings': { request: SaveSipSettings, response: SipSettingsView },
  'kb.list': { request: ListRequest, response: z.array(KbArticleRecord) },
  /** the server's ranking online; offline the same engine over the seat's cached articles */
  'kb.search': {
    request: KbSearchQuery.strict(),
    response: z.object({ hits: z.array(KbHit), source: z.enum(['server', 'cache']) }),
  },
  /** the server's article when online, else the seat's cached copy */
  'kb.get': { request: KbArticleId, response: KbArticleRecord.nullable() },
  /** editors (supervisor/admin); need the connection. Every change is a new version */
  'kb.save': { request: z.object({ article: KbArticleInput }).strict(), response: KbSaveResult },
  'kb.setStatus': { request: KbArticleId.extend({ status: KbStatus }).strict(), response: KbSaveResult },
  'kb.versions': { request: KbArticleId, response: z.array(KbVersion) },
  'kb.restore': {
    request: KbArticleId.extend({ version: z.number().int().min(1) }).strict(),
    response: KbSaveResult,
  },
  /** the synonym groups every search applies; setting them (editors, online) replaces all */
  'kb.synonyms': { request: Empty, response: SynonymGroups },
  'kb.setSynonyms': { request: SynonymGroups.strict(), response: SynonymGroups },
  /** "这篇有帮助吗?" for the query that found the article */
  'kb.feedback': { request: KbFeedbackRequest.extend({ id: z.string().max(64) }).strict(), response: KbFeedbackTally },
  /** queue a write in the outbox; it is sent now or when the connection returns */
  'records.write': {
    request: z.object({ mutation: Mutation }).strict(),
    response: z.object({ opId: z.string(), outbox: OutboxStatus }),
  },
  'outbox.status': { request: Empty, response: OutboxStatus },
  'outbox.rejected': { request: Empty, response: z.array(RejectedWrite) },
  'outbox.dismiss': { request: z.object({ opId: z.string().max(64) }).strict(), response: OutboxStatus },
} as const

export const consoleEvents = {
  'sync.status': SyncStatus,
  'presence.update': PresenceEntry,
  'auth.ended': z.object({ reason: z.enum(['logout', 'expired']) }),
  'outbox.status': OutboxStatus,
  'records.changed': z.array(
    z.object({
      entity: EntityKind,
      ids: z.array(z.string()),
      by: z.string().nullable(),
      changedFields: z.array(z.string()),
    }),
  ),
  'write.rejected': RejectedWrite,
  /** SLA warnings, breaches and escalations for me, as the server records them */
  'notifications.new': z.array(SlaNotification),
  /** your write replaced values someone else had set since you read them (last writer wins) */
  'write.overwrote': z.object({ opId: z.string(), mutation: Mutation, fields: z.array(FieldOverwrite) }),
  /** a code read by the serial scanner */
  'scanner.scan': Scan,
  /** the serial scanner connected, went away (扫码枪已断开), or dropped a bad line */
  'scanner.status': ScannerStatus,
} as const

export type ConsoleMethod = keyof typeof consoleMethods
export type ConsoleRequest<M extends ConsoleMethod> = z.input<(typeof consoleMethods)[M]['request']>
export type ConsoleResponse<M extends ConsoleMethod> = z.output<(typeof consoleMethods)[M]['response']>
export type ConsoleEvent = keyof typeof consoleEvents
export type ConsoleEventPayload<E extends ConsoleEvent> = z.output<(typeof consoleEvents)[E]>

/** What a transport returns for one call. */
export const ConsoleReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiError }),
])
export type ConsoleReply = z.infer<typeof ConsoleReply>

/** Frames on the loopback WebSocket transport. */
export const WsClientFrame = z.object({
  id: z.number().int(),
  method: z.string().max(64),
  payload: z.unknown(),
})
export const WsServerFrame = z.union([
  z.object({ id: z.number().int(), reply: ConsoleReply }),
  z.object({ event: z.string(), payload: z.unknown() }),
])
export type WsServerFrame = z.infer<typeof WsServerFrame>

/** The interface the preload exposes and the renderer programs against. */
export interface ConsoleBridge {
  invoke(method: string, payload: unknown): Promise<ConsoleReply>
  on(event: string, listener: (payload: unknown) => void): () => void
}

export const IPC_INVOKE_CHANNEL = 'console:invoke'
export const IPC_EVENT_CHANNEL = 'console:event'

export function isConsoleMethod(name: string): name is ConsoleMethod {
  return Object.hasOwn(consoleMethods, name)
}
