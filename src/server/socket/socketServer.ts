import type { Server as HttpServer } from 'node:http'
import { createAdapter } from '@socket.io/postgres-adapter'
import type { FastifyBaseLogger } from 'fastify'
import { Server, type Socket } from 'socket.io'
import type { z } from 'zod'
import { ApiFailure, parseAt } from '../../shared/api/errors'
import { clientEvents, MAX_EVENT_BYTES, type Ack, type ClientEventName } from '../../shared/api/socket'
import { scopeOf, type LiveChange } from '../../shared/sync/feed'
import type { PresenceEntry } from '../../shared/domain/presence'
import type { AccessClaims, AccessTokens } from '../auth/accessTokens'
import type { Db } from '../db/database'
import { toApiError } from '../http/errors'
import { pullChanges, snapshotPage, type Appended } from '../sync/changeFeed'
import { applyWrite } from '../sync/writeService'
import { RoomBatcher } from './roomBatcher'
import { PresenceService } from './presenceService'

type Handlers = {
  [E in ClientEventName]: (
    claims: AccessClaims,
    req: z.output<(typeof clientEvents)[E]['request']>,
  ) => Promise<z.input<(typeof clientEvents)[E]['result']>>
}

const PRESENCE_BATCH_MS = 100

/** Which rooms a seat's presence updates go to: supervisors and agents see all, store staff their store. */
function presenceRooms(claims: AccessClaims): string[] {
  return ['role:supervisor', 'role:admin', 'role:agent', ...(claims.storeId ? [`store:${claims.storeId}`] : [])]
}

/** PostgreSQL's LISTEN/NOTIFY carries events between nodes: no extra service beyond the database. */
async function attachPostgresAdapter(io: Server, db: Db): Promise<void> {
  if (!db.pool) return
  await db.pool.query(`CREATE TABLE IF NOT EXISTS socket_io_attachments (
    id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)`)
  io.adapter(createAdapter(db.pool, { heartbeatInterval: 2000, heartbeatTimeout: 6000 }))
}

export interface SocketServer {
  io: Server
  /** sends a committed change to every seat whose scope may see it */
  broadcast(appended: Appended): void
  /** sends what is still batched and closes the sockets */
  close(): Promise<void>
}

export async function createSocketServer(
  httpServer: HttpServer,
  tokens: AccessTokens,
  db: Db,
  log: FastifyBaseLogger,
  feedBatchMs: number,
): Promise<SocketServer> {
  // the transport limit sits above the per-event limit, so an oversized event is answered, not disconnected
  const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 4 * MAX_EVENT_BYTES })
  await attachPostgresAdapter(io, db)
  const presence = new PresenceService(db.db)

  const feed = new RoomBatcher<LiveChange>(feedBatchMs, (rooms, batch) => io.to(rooms).emit('feed:changes', batch))
  const broadcast = (appended: Appended) => {
    for (const [scope, prev] of appended.prevByScope) feed.add(`feed:${scope}`, { ...appended.change, prev })
  }
  // time in state is shown to the second, so a longer window costs nobody anything
  const presenceOut = new RoomBatcher<PresenceEntry>(PRESENCE_BATCH_MS, (rooms, batch) =>
    io.to(rooms).emit('presence:updates', batch),
  )
  const announce = (claims: AccessClaims, entry: PresenceEntry) => presenceOut.add(presenceRooms(claims), entry)

  io.use((socket, next) => {
    const token: unknown = socket.handshake.auth?.token
    void tokens.verify(typeof token === 'string' ? token : undefined).then((claims) => {
      if (!claims) return next(new Error('UNAUTHENTICATED'))
      socket.data.claims = claims
      next()
    })
  })

  const handlers: Handlers = {
    'sync:ping': async (claims, req) => ({ ...req, serverTime: Date.now(), userId: claims.sub }),
    'presence:set': async (claims, req) => {
      const entry = await presence.set(claims, req.state)
      announce(claims, entry)
      return entry
    },
    'presence:list': async (claims) => presence.list(claims),
    'sync:write': async (claims, req) => {
      const outcome = await applyWrite(db.db, db.kind, claims, req)
      if (outcome.appended) broadcast(outcome.appended)
      return outcome.result
    },
    'sync:pull': async (claims, req) => pullChanges(db.db, scopeOf(claims), req.since, req.limit),
    'sync:snapshot': async (claims, req) => snapshotPage(db.db, scopeOf(claims), req.entity, req.after, req.limit),
  }
  const isClientEvent = (name: string): name is ClientEventName => Object.hasOwn(handlers, name)

  io.on('connection', (socket: Socket) => {
    const claims = socket.data.claims as AccessClaims
    const rooms = [`user:${claims.sub}`, `role:${claims.role}`, `feed:${scopeOf(claims)}`]
    if (claims.storeId) rooms.push(`store:${claims.storeId}`)
    void socket.join(rooms)
    void presence.online(claims).then((entry) => announce(claims, entry))

    const refuse = (event: string, error: Ack<never> & { ok: false }) =>
      socket.emit('sync:error', { event, error: error.error })

    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = args.at(-1)
      if (!isClientEvent(event)) {
        return refuse(event, {
          ok: false,
          error: { code: 'SCHEMA', field: 'event', message: `unknown event "${event}"` },
        })
      }
      if (typeof ack !== 'function') {
        return refuse(event, {
          ok: false,
          error: { code: 'SCHEMA', message: `${event} needs an acknowledgement callback` },
        })
      }
      const payload = args[0]
      const size = JSON.stringify(payload ?? null).length
      const reply = ack as (r: Ack<unknown>) => void
      if (size > MAX_EVENT_BYTES) {
        return reply({
          ok: false,
          error: { code: 'SCHEMA', message: `${event}: payload of ${size} bytes exceeds ${MAX_EVENT_BYTES}` },
        })
      }
      void (async () => {
        try {
          const spec = clientEvents[event]
          const req = parseAt(event, spec.request, payload)
          const handler = handlers[event] as (c: AccessClaims, r: unknown) => Promise<unknown>
          reply({ ok: true, result: spec.result.parse(await handler(claims, req)) })
        } catch (err) {
          if (!(err instanceof ApiFailure)) log.error({ err, event }, 'socket handler failed')
          reply({ ok: false, error: toApiError(err) })
        }
      })()
    })

    socket.on('disconnect', () => {
      // offline only when the seat has no socket left on any node
      void io
        .in(`user:${claims.sub}`)
        .fetchSockets()
        .then(async (left) => {
          if (left.length > 0) return
          const entry = await presence.set(claims, 'offline')
          announce(claims, entry)
        })
        .catch((err: unknown) => log.warn({ err }, 'presence update on disconnect failed'))
    })
  })
  const close = async () => {
    feed.flush()
    presenceOut.flush()
    await new Promise<void>((resolve) => void io.close(() => resolve()))
  }
  return { io, broadcast, close }
}
