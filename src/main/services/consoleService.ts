import { EventEmitter } from 'node:events'
import {
  consoleEvents,
  consoleMethods,
  isConsoleMethod,
  type AppInfo,
  type ConsoleEvent,
  type ConsoleEventPayload,
  type ConsoleMethod,
  type ConsoleReply,
  type ConsoleResponse,
} from '../../shared/api/console'
import { ApiFailure, parseAt } from '../../shared/api/errors'
import type { z } from 'zod'
import { join } from 'node:path'
import { scopeOf } from '../../shared/sync/feed'
import type { CustomerRecord, KbArticleRecord, WorkOrderRecord } from '../../shared/domain/records'
import { SessionManager } from './sessionManager'
import { LocalCache } from './sync/localCache'
import { seatIdOf } from './seatId'
import { ScreenPop } from './screenPop'
import type { CustomerHit } from '../../shared/domain/customer360'
import { SeatSync } from './sync/seatSync'
import { SeatKbSearch } from './seatKbSearch'
import { StoreDirectory } from './storeDirectory'
import { WorkOrderDesk } from './workOrderDesk'
import { WorkOrderActions } from './workOrderActions'
import { SettingsStore } from './settingsStore'
import { SoftphoneSettings } from './softphoneSettings'
import { SyncClient } from './syncClient'
import type { TokenVault } from './tokenVault'
import { mutationTarget, type Mutation } from '../../shared/sync/mutations'
import { cacheListSource } from './workOrderList/cacheListSource'
import { WorkOrderListIndex } from './workOrderList/workOrderListIndex'
import { ScannerBridge } from './scanning/scannerBridge'

export interface ConsoleServiceOptions {
  serverUrl: string
  dataDir: string
  vault: TokenVault
  shell: AppInfo['shell']
  version: string
  /** where background sync errors go (the host logs them) */
  onError?: (err: unknown) => void
}

type Handlers = {
  [M in ConsoleMethod]: (req: z.output<(typeof consoleMethods)[M]['request']>) => Promise<ConsoleResponse<M>>
}

/**
 * The main-process services behind the one console API. Transports (IPC, loopback WebSocket)
 * hand every call to `dispatch`, which validates the request, runs the handler and validates the
 * answer; a bad payload becomes a SCHEMA error naming the field and never throws into the host.
 */
export class ConsoleService extends EventEmitter<{ event: [ConsoleEvent, unknown] }> {
  readonly settings: SettingsStore
  readonly softphone: SoftphoneSettings
  readonly session: SessionManager
  readonly sync: SyncClient
  readonly cache: LocalCache
  readonly seat: SeatSync
  readonly screenPop: ScreenPop
  readonly kb: SeatKbSearch
  readonly stores: StoreDirectory
  readonly workOrderList: WorkOrderListIndex
  readonly workOrders: WorkOrderDesk
  readonly workOrderActions: WorkOrderActions
  readonly scanner: ScannerBridge
  private readonly handlers: Handlers

  constructor(private readonly opts: ConsoleServiceOptions) {
    super()
    this.settings = new SettingsStore(opts.dataDir)
    this.softphone = new SoftphoneSettings(opts.dataDir, opts.vault)
    this.session = new SessionManager(opts.vault, join(opts.dataDir, 'last-user.json'))
    this.sync = new SyncClient(opts.serverUrl, () => this.session.accessToken(), seatIdOf(opts.dataDir))
    this.cache = new LocalCache(join(opts.dataDir, 'cache.db'))
    this.seat = new SeatSync(this.cache, this.sync, opts.onError)
    this.screenPop = new ScreenPop(this.cache, this.sync)
    this.kb = new SeatKbSearch(this.cache, this.sync, this.seat, join(opts.dataDir, 'kb-ranking.json'))
    this.stores = new StoreDirectory(this.sync, join(opts.dataDir, 'stores.json'))
    this.workOrderList = new WorkOrderListIndex(cacheListSource(this.cache))
    this.workOrders = new WorkOrderDesk(this.cache, this.sync)
    this.workOrderActions = new WorkOrderActions(this.sync)
    this.scanner = new ScannerBridge(opts.dataDir)
    this.scanner.on('scan', (scan) => this.publish('scanner.scan', scan))
    this.scanner.on('status', (status) => this.publish('scanner.status', status))
    this.session.attach(this.sync)
    this.sync.on('status', (s) => this.publish('sync.status', s))
    this.sync.on('presence:update', (p) => this.publish('presence.update', p))
    this.sync.on('notify:sla', (n) => this.publish('notifications.new', n))
    this.session.on('started', (user) => {
      this.seat.stop()
      this.screenPop.forget()
      this.cache.bind(user.id, scopeOf(user))
      this.kb.forget()
      this.workOrderList.reset(user)
      this.seat.start()
    })
    this.session.on('ended', (e) => {
      this.seat.stop()
      this.screenPop.forget()
      this.workOrderList.reset(null)
      this.publish('auth.ended', e)
    })
    this.seat.on('outbox', (s) => this.publish('outbox.status', s))
    this.seat.on('changed', (c) => {
      for (const { entity, ids } of c) this.workOrderList.changed(entity, ids)
      this.publish('records.changed', c)
    })
    this.seat.on('rejected', (r) => {
      this.listChanged(r.mutation)
      this.publish('write.rejected', r)
    })
    this.seat.on('overwrote', (o) => this.publish('write.overwrote', o))

    this.handlers = {
      'app.info': async () => ({
        version: opts.version,
        shell: opts.shell,
        serverUrl: opts.serverUrl,
        tokenStorage: opts.vault.kind,
      }),
      'settings.get': () => this.settings.get(),
      'settings.update': (patch) => this.settings.update(patch),
      'auth.login': (req) => this.session.login(req.username, req.password),
      'auth.restore': () => this.session.restore(),
      'auth.logout': async () => {
        await this.session.logout()
        return { ok: true as const }
      },
      'sync.status': async () => this.sync.getStatus(),
      'sync.ping': async (req) => {
        const sentAt = performance.now()
        const res = await this.sync.request('sync:ping', { sentAt: Date.now(), payload: req.payload })
        return { payload: res.payload, roundTripMs: performance.now() - sentAt, userId: res.userId }
      },
      'presence.set': (req) => this.sync.request('presence:set', req),
      'presence.list': () => this.sync.request('presence:list', {}),
      'workOrders.list': async (req) => this.signedIn(() => this.cache.list<WorkOrderRecord>('workOrder', req.limit)),
      'workOrders.report': async (req) =>
        this.signedIn(() => this.sync.http('workOrderReportGet', undefined, { params: { id: req.id } })),
      'workOrders.saveReport': async ({ id, report }) =>
        this.signedIn(() => this.sync.http('workOrderReportSave', report, { params: { id } })),
      'workOrders.get': async (req) => this.signedIn(() => this.workOrders.get(req.id)),
      'workOrders.activity': async (req) => this.signedIn(() => this.workOrders.activity(req.id)),
      'workOrders.create': async (req) => this.signedIn(() => this.workOrders.create(req)),
      'workOrders.handoffs': async (req) => this.signedIn(() => this.workOrderActions.handoffs(req)),
      'workOrders.handoff': async (req) => this.signedIn(() => this.workOrderActions.handoff(req)),
      'workOrders.handoffReply': async (req) => this.signedIn(() => this.workOrderActions.handoffReply(req)),
      'workOrders.merge': async (req) => this.signedIn(() => this.workOrderActions.merge(req)),
      'workOrders.kbDraft': async (req) => this.signedIn(() => this.workOrderActions.kbDraft(req)),
      'workOrders.assignees': async ({ id }) =>
        this.signedIn(() => this.sync.http('workOrderAssignees', undefined, { params: { id } })),
      'workOrders.reassign': async ({ id, assigneeId }) =>
        this.signedIn(() => this.sync.http('workOrderAssign', { assigneeId }, { params: { id } })),
      'workOrders.attachments': async (req) => this.signedIn(() => this.workOrderActions.attachments(req)),
      'workOrders.attach': async (req) => this.signedIn(() => this.workOrderActions.attach(req)),
      'workOrders.attachment': async (req) => this.signedIn(() => this.workOrderActions.attachment(req)),
      'notifications.list': async (req) =>
        this.signedIn(() => this.sync.http('notificationsList', undefined, { query: req })),
      'workOrders.query': async (req) => this.signedIn(() => this.workOrderList.query(req, Date.now())),
      'sla.policies': async () => this.signedIn(() => this.sync.http('slaPoliciesGet')),
      'sla.setPolicy': async (req) => this.signedIn(() => this.sync.http('slaPolicySet', req)),
      'customers.list': async (req) => this.signedIn(() => this.cache.list<CustomerRecord>('customer', req.limit)),
      'customers.get': async (req) => this.signedIn(() => this.openCustomer(req.id)),
      'customers.search': async (req) => this.signedIn(() => this.searchCustomers(req.q, req.limit)),
      'customers.profile': async (req) =>
        this.signedIn(() => this.sync.http('customerProfile', undefined, { params: { id: req.id } })),
      'customers.timeline': async (req) =>
        this.signedIn(() =>
          this.sync.http('customerTimeline', undefined, {
            params: { id: req.id },
            query: { ...req.query, kinds: req.query.kinds?.join(','), channels: req.query.channels?.join(',') },
          }),
        ),
      'customers.screenPop': async (req) => this.signedIn(() => this.screenPop.lookup(req.phone)),
      'customers.mergePreview': async (req) =>
        this.signedIn(() =>
          this.sync.http('customerMergePreview', undefined, {
            params: { id: req.id },
            query: { absorbId: req.absorbId },
          }),
        ),
      'customers.merge': async (req) =>
        this.signedIn(() => this.sync.http('customerMerge', { absorbId: req.absorbId }, { params: { id: req.id } })),
      'customers.addIdentity': async ({ id, kind, value }) =>
        this.signedIn(() => this.sync.http('customerAddIdentity', { kind, value }, { params: { id } })),
      'customers.reveal': async (req) =>
        this.signedIn(() => this.sync.http('customerReveal', { field: req.field }, { params: { id: req.id } })),
      'audit.list': async (req) => this.signedIn(() => this.sync.http('auditList', undefined, { query: req })),
      'scanner.settings': () => this.scanner.settings(),
      'scanner.saveSettings': (settings) => this.scanner.save(settings),
      'scanner.ports': () => this.scanner.ports(),
      'stores.list': async () => this.signedIn(() => this.stores.list()),
      'softphone.settings': async () => this.softphone.view(this.userId()),
      'softphone.saveSettings': async (req) => this.softphone.save(this.userId(), req),
      'kb.list': async (req) => this.signedIn(() => this.cache.list<KbArticleRecord>('kbArticle', req.limit)),
      'kb.search': async (req) => this.signedIn(() => this.kb.search(req)),
      'kb.get': async (req) => this.signedIn(() => this.openKbArticle(req.id)),
      'kb.save': async (req) => this.signedIn(() => this.sync.http('kbArticleSave', req.article)),
      'kb.setStatus': async ({ id, status }) =>
        this.signedIn(() => this.sync.http('kbArticleStatus', { status }, { params: { id } })),
      'kb.versions': async (req) =>
        this.signedIn(() => this.sync.http('kbVersions', undefined, { params: { id: req.id } })),
      'kb.restore': async ({ id, version }) =>
        this.signedIn(() => this.sync.http('kbRestore', { version }, { params: { id } })),
      'kb.synonyms': async () => this.signedIn(() => this.sync.http('kbSynonymsGet')),
      'kb.setSynonyms': async (req) => this.signedIn(() => this.sync.http('kbSynonymsSet', req)),
      'kb.feedback': async ({ id, query, helpful }) =>
        this.signedIn(() => this.sync.http('kbFeedback', { query, helpful }, { params: { id } })),
      'records.write': async (req) =>
        this.signedIn(() => {
          const opId = this.seat.write(req.mutation)
          this.listChanged(req.mutation)
          return { opId, outbox: this.seat.status() }
        }),
      'outbox.status': async () => this.seat.status(),
      'outbox.rejected': async () => this.signedIn(() => this.cache.rejected()),
      'outbox.dismiss': async (req) =>
        this.signedIn(() => {
          this.cache.dismiss(req.opId)
          const status = this.seat.status()
          this.publish('outbox.status', status)
          return status
        }),
    }
  }

  async dispatch(method: string, payload: unknown): Promise<ConsoleReply> {
    try {
      if (!isConsoleMethod(method)) {
        throw new ApiFailure({ code: 'SCHEMA', field: 'method', message: `unknown console method "${method}"` })
      }
      const spec = consoleMethods[method]
      const request = parseAt(method, spec.request, payload ?? {})
      const handler = this.handlers[method] as (r: unknown) => Promise<unknown>
      return { ok: true, result: spec.response.parse(await handler(request)) }
    } catch (err) {
      if (err instanceof ApiFailure) return { ok: false, error: err.error }
      return { ok: false, error: { code: 'INTERNAL', message: (err as Error).message ?? 'internal error' } }
    }
  }

  stop(): void {
    this.scanner.stop()
    this.seat.stop()
    this.session.stop()
    this.cache.close()
  }

  /**
   * The server's current record when reachable (and kept in the cache for offline use), else the
   * cached one. A record the server refuses (another store's) is an error, never a cache hit.
   */
  private async openCustomer(id: string): Promise<CustomerRecord | null> {
    try {
      const record = await this.sync.http('customerGet', undefined, { params: { id } })
      this.cache.applySnapshot('customer', [record], null)
      this.workOrderList.changed('customer', [id])
      return this.cache.get<CustomerRecord>('customer', id)
    } catch (err) {
      if (err instanceof ApiFailure && err.error.code === 'NETWORK')
        return this.cache.get<CustomerRecord>('customer', id)
      if (err instanceof ApiFailure && err.error.code === 'NOT_FOUND') return null
      throw err
    }
  }

  /** The server's article when reachable, else the seat's cached copy (offline reading). */
  private async openKbArticle(id: string): Promise<KbArticleRecord | null> {
    try {
      return await this.sync.http('kbArticleGet', undefined, { params: { id } })
    } catch (err) {
      if (err instanceof ApiFailure && err.error.code === 'NETWORK')
        return this.cache.get<KbArticleRecord>('kbArticle', id)
      if (err instanceof ApiFailure && err.error.code === 'NOT_FOUND') return null
      throw err
    }
  }

  /** Server search while online (all customers the user may see); the seat's cache offline. */
  private async searchCustomers(
    q: string,
    limit: number,
  ): Promise<{ hits: CustomerHit[]; source: 'server' | 'cache' }> {
    try {
      return { hits: await this.sync.http('customerSearch', undefined, { query: { q, limit } }), source: 'server' }
    } catch (err) {
      if (!(err instanceof ApiFailure && err.error.code === 'NETWORK')) throw err
      return { hits: this.cache.searchCustomers(q, limit), source: 'cache' }
    }
  }

  /** A write queued or refused changes how the order shows in the list at once. */
  private listChanged(mutation: Mutation): void {
    const target = mutationTarget(mutation)
    this.workOrderList.changed(target.entity, [target.id])
  }

  /** per-agent data (the SIP account) belongs to who is signed in */
  private userId(): string {
    const session = this.session.session()
    if (!session) throw new ApiFailure({ code: 'UNAUTHENTICATED', message: 'log in first' })
    return session.user.id
  }

  /** Cache reads and writes need a user: the cache is bound to who is signed in. */
  private signedIn<T>(fn: () => T): T {
    if (!this.session.session()) throw new ApiFailure({ code: 'UNAUTHENTICATED', message: 'log in first' })
    return fn()
  }

  private publish<E extends ConsoleEvent>(event: E, payload: ConsoleEventPayload<E>): void {
    this.emit('event', event, consoleEvents[event].parse(payload))
  }
}
