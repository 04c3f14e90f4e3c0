import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Server as IoServer } from 'socket.io'
import pkg from '../../package.json' with { type: 'json' }
import { AccessTokens } from './auth/accessTokens'
import { AuthService } from './auth/authService'
import { resolveJwtSecret, ServerConfig, type ServerConfigInput } from './config'
import { migrateToLatest, openDatabase, type Db } from './db/database'
import { registerContractRoutes } from './http/contractRoutes'
import { buildOpenApi } from './http/openapi'
import { DEFAULT_SEED, isEmpty, seedDatabase } from './seed/seedDatabase'
import { createSocketServer } from './socket/socketServer'
import { PiiCipher } from './privacy/piiCipher'
import { AuditLog } from './audit/auditLog'
import { CustomerService } from './customers/customerService'
import { CustomerMerge } from './customers/customerMerge'
import { importCustomers } from './imports/customerImport'
import { customerCsvTemplate, purchaseCsvTemplate } from './imports/templates'
import { importPurchases } from './imports/purchaseImport'
import { loadPiiKeys } from './privacy/piiKeys'
import { KbService } from './kb/kbService'
import { SlaScheduler } from './workOrders/slaScheduler'
import { WorkOrderService } from './workOrders/workOrderService'
import type { SlaNotification } from '../shared/workOrders/createWorkOrder'
import { PortalFeed } from './customerPortal/portalFeed'
import { PortalLookup } from './customerPortal/portalLookup'
import { registerPortalPages } from './customerPortal/portalRoutes'
import { PortalSessions } from './customerPortal/portalSessions'
import { SurveyAnswers } from './customerPortal/surveyAnswers'
import { AttachmentStore } from './workOrders/attachmentStore'
import { HandoffService } from './workOrders/handoffService'
import { KbDraftService } from './workOrders/kbDraftService'
import { WorkOrderMerge } from './workOrders/workOrderMerge'
import { ServiceReportService } from './workOrders/serviceReports'
import { startChat } from './chat/chatModule'

export interface SyncServer {
  app: FastifyInstance
  io: IoServer
  db: Db
  /** http://host:port actually bound (port 0 → the chosen one) */
  url: string
  slaScheduler: SlaScheduler
  close(): Promise<void>
}

/** What tests replace: the clock SLA deadlines are measured against. */
export interface ServerDeps {
  now?: () => number
}

/** Builds, migrates, seeds (first run) and starts the sync server. */
export async function startSyncServer(input: ServerConfigInput, deps: ServerDeps = {}): Promise<SyncServer> {
  const config = ServerConfig.parse(input)
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: 1_048_576,
    genReqId: () => randomUUID(),
  })
  const db = openDatabase({
    ...config,
    onIdleError: (err) => app.log.warn({ err }, 'a database connection dropped; the pool reconnects'),
  })
  try {
    const pii = new PiiCipher(loadPiiKeys({ piiKeysJson: config.piiKeysJson, dataDir: config.dataDir }))
    await migrateToLatest(db.db, pii)
    if (config.seedDemo && (await isEmpty(db.db))) {
      const counts = await seedDatabase(db.db, { ...DEFAULT_SEED, pii })
      app.log.info({ counts }, 'seeded demo data')
    }
    const tokens = new AccessTokens(resolveJwtSecret(config), config.accessTtlSec)
    const auth = new AuthService(db.db, tokens, config.refreshTtlSec)
    const audit = new AuditLog(db.db)
    const customers = new CustomerService(db.db, pii, audit)
    const merges = new CustomerMerge(db.db, db.kind, customers, audit)
    const kb = await KbService.start(db.db, db.kind, (a) => sockets.broadcast(a))
    const now = deps.now ?? Date.now
    const workOrders = new WorkOrderService(db.db, db.kind, now, (a) => sockets.broadcast(a))
    const handoffs = new HandoffService(db.db, db.kind, now, (a) => sockets.broadcast(a))
    const kbDrafts = new KbDraftService(db.db, db.kind, kb, now, (a) => sockets.broadcast(a))
    const orderMerge = new WorkOrderMerge(db.db, db.kind, now, (a) => sockets.broadcast(a))
    const attachments = new AttachmentStore(db.db, db.kind, config.dataDir, now, (a) => sockets.broadcast(a))
    const reports = new ServiceReportService(db.db, db.kind, now)
    const portal = new PortalLookup(db.db, now, new PortalSessions(db.db, now))
    const surveys = new SurveyAnswers(
      db.db,
      db.kind,
      now,
      (a) => sockets.broadcast(a),
      (userId, notifications) => pushNotifications(userId, notifications),
    )
    const portalFeed = new PortalFeed(db.db, (err) => app.log.warn({ err }, 'portal feed read failed'))
    const started = Date.now()
    const openapi = buildOpenApi(pkg.version)

    registerContractRoutes(
      app,
      {
        health: async () => ({
          status: 'ok',
          db: db.kind,
          uptimeSec: Math.round((Date.now() - started) / 1000),
          version: pkg.version,
        }),
        login: ({ body }) => auth.login(body.username, body.password),
        refresh: ({ body }) => auth.refresh(body.refreshToken),
        logout: async ({ body }) => {
          await auth.logout(body.refreshToken)
          return { ok: true }
        },
        me: async ({ claims }) => {
          const user = await auth.userById(claims.sub)
          if (!user) throw new Error('token subject no longer exists')
          return user
        },
        lookupKey: async () => ({ key: pii.lookupKeyBase64() }),
        customerSearch: ({ claims, query }) => customers.search(claims, query.q, query.limit),
        customerGet: ({ claims, params }) => customers.get(claims, params.id),
        customerProfile: ({ claims, params }) => customers.profile(claims, params.id),
        customerTimeline: ({ claims, params, query }) => customers.timeline(claims, params.id, query),
        customerMergePreview: ({ claims, params, query }) => merges.preview(claims, params.id, query.absorbId),
        customerMerge: ({ claims, params, body, seat }) =>
          merges.merge(claims, params.id, body.absorbId, seat, (a) => sockets.broadcast(a)),
        customerAddIdentity: ({ claims, params, body }) =>
          customers.addIdentity(claims, params.id, body.kind, body.value),
        customerReveal: ({ claims, params, body, seat }) => customers.reveal(claims, params.id, body.field, seat),
        auditList: ({ query }) => audit.latest(query.limit),
        storesList: () => db.db.selectFrom('stores').select(['id', 'name', 'city']).orderBy('id').execute(),
        importCustomers: ({ claims, body }) =>
          importCustomers(db.db, db.kind, pii, claims, body, (appended) => sockets.broadcast(appended)),
        customerTemplate: async () => customerCsvTemplate(),
        importPurchases: ({ claims, body }) =>
          importPurchases(db.db, db.kind, pii, claims, body, (appended) => sockets.broadcast(appended)),
        purchaseTemplate: async () => purchaseCsvTemplate(),
        ...kb.handlers(),
        workOrderCreate: ({ claims, body }) => workOrders.create(claims, body),
        workOrderGet: ({ claims, params }) => workOrders.get(claims, params.id),
        workOrderActivity: ({ claims, params }) => workOrders.activity(claims, params.id),
        workOrderAssign: ({ claims, params, body }) => workOrders.reassign(claims, params.id, body.assigneeId),
        workOrderAssignees: ({ params }) => workOrders.assignees(params.id),
        workOrderReportSave: ({ claims, params, body }) => reports.save(claims, params.id, body),
        workOrderReportGet: ({ claims, params }) => reports.latest(claims, params.id),
        workOrderHandoffOpen: ({ claims, params, body }) => handoffs.open(claims, params.id, body),
        workOrderHandoffs: ({ claims, params }) => handoffs.list(claims, params.id),
        workOrderHandoffReply: ({ claims, params, body }) => handoffs.reply(claims, params.id, params.handoffId, body),
        workOrderKbDraft: ({ claims, params }) => kbDrafts.draft(claims, params.id),
        workOrderMerge: ({ claims, params, body }) => orderMerge.merge(claims, params.id, body.duplicateId),
        workOrderAttachmentUpload: ({ claims, params, body }) => attachments.upload(claims, params.id, body),
        workOrderAttachments: ({ claims, params }) => attachments.list(claims, params.id),
        workOrderAttachmentGet: ({ claims, params }) => attachments.download(claims, params.id, params.attachmentId),
        notificationsList: ({ claims, query }) => workOrders.notifications(claims, query.limit),
        slaPoliciesGet: () => workOrders.policies.list(),
        slaPolicySet: ({ claims, body }) => workOrders.policies.set(claims.sub, body),
        portalLookup: ({ body, request }) => portal.lookup(body, request.ip),
        portalSurvey: ({ params, body }) => surveys.answer(params.token, body),
      },
      (t) => tokens.verify(t),
    )
    app.get('/openapi.json', async () => openapi)
    registerPortalPages(app, { db, now, sessions: portal.sessions, feed: portalFeed, surveys })
    startChat(app, { db, kb, portal, secret: resolveJwtSecret(config), now, io: () => sockets.io })

    // a notification goes live to its recipient's seats (on every node, through the adapter)
    const pushNotifications = (userId: string, notifications: SlaNotification[]) =>
      sockets.io.to(`user:${userId}`).emit('notify:sla', notifications)
    const sockets = await createSocketServer(app.server, tokens, db, app.log, config.feedBatchMs)
    const { io } = sockets
    const address = await app.listen({ host: config.host, port: config.port })
    // the first tick processes deadlines that passed while the server was down
    const slaScheduler = new SlaScheduler({
      db: db.db,
      kind: db.kind,
      now,
      broadcast: (a) => sockets.broadcast(a),
      autoCloseDays: config.autoCloseDays,
      onError: (err) => app.log.error({ err }, 'SLA tick failed'),
      notify: pushNotifications,
    })
    const missed = await slaScheduler.start()
    if (missed.events > 0) app.log.info({ missed }, 'processed SLA events that fell due while stopped')
    app.log.info({ address, db: db.kind }, 'sync server listening')
    return {
      app,
      io,
      db,
      url: address,
      slaScheduler,
      close: async () => {
        await slaScheduler.stop()
        portalFeed.stop()
        await sockets.close()
        await app.close()
        await db.close()
      },
    }
  } catch (err) {
    await app.close()
    await db.close()
    throw err
  }
}
