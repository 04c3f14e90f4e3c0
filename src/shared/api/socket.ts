import { z } from 'zod'
import { PresenceEntry } from '../domain/presence'
import { AgentState } from '../domain/roles'
import { LiveChange, PullRequest, PullResult, SnapshotRequest, SnapshotResult } from '../sync/feed'
import { WriteRequest, WriteResult } from '../sync/mutations'
import { ApiError } from './errors'
import { SlaNotification } from '../workOrders/createWorkOrder'

/**
 * socket.io events between a seat and the sync server. Client → server events carry an ack;
 * the server validates every payload against `request` and answers `{ok, result | error}`.
 * Events the server cannot answer (unknown name, no ack, too large) get a `sync:error` event.
 */
export const PingRequest = z.object({ sentAt: z.number(), payload: z.string().max(4096) })
export const PingResult = z.object({
  sentAt: z.number(),
  payload: z.string(),
  serverTime: z.number(),
  userId: z.string(),
})
export type PingResult = z.infer<typeof PingResult>

export const SetStateRequest = z.object({ state: AgentState })

/** Largest JSON payload of one event; larger ones are refused without closing the socket. */
export const MAX_EVENT_BYTES = 256 * 1024

export const clientEvents = {
  'sync:ping': { request: PingRequest, result: PingResult },
  'presence:set': { request: SetStateRequest, result: PresenceEntry },
  'presence:list': { request: z.object({}), result: z.array(PresenceEntry) },
  'sync:write': { request: WriteRequest, result: WriteResult },
  'sync:pull': { request: PullRequest, result: PullResult },
  'sync:snapshot': { request: SnapshotRequest, result: SnapshotResult },
} as const

export const SyncErrorEvent = z.object({ event: z.string(), error: ApiError })

export const serverEvents = {
  /** state changes in order, coalesced for up to 100 ms per audience */
  'presence:updates': z.array(PresenceEntry).min(1),
  /** committed changes in commit order, coalesced for a few ms per scope (see server feedBatcher) */
  'feed:changes': z.array(LiveChange).min(1),
  'sync:error': SyncErrorEvent,
  /** the recipient's new SLA notifications, pushed to its own room when they are recorded */
  'notify:sla': z.array(SlaNotification).min(1),
} as const

export type ClientEventName = keyof typeof clientEvents
export type ServerEventName = keyof typeof serverEvents

export function ackSchema<T extends z.ZodType>(result: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), result }),
    z.object({ ok: z.literal(false), error: ApiError }),
  ])
}
export type Ack<T> = { ok: true; result: T } | { ok: false; error: ApiError }
