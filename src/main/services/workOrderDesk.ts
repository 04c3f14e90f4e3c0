import { ApiFailure } from '../../shared/api/errors'
import type { ConsoleRequest, ConsoleResponse } from '../../shared/api/console'
import type { WorkOrderRecord } from '../../shared/domain/records'
import type { LocalCache } from './sync/localCache'
import type { SyncClient } from './syncClient'

const isOffline = (err: unknown) => err instanceof ApiFailure && err.error.code === 'NETWORK'

/**
 * The seat's side of one work order: the record from the cache (pending writes on top), its
 * activity from the server with this seat's unsent notes after it, and opening new orders.
 */
export class WorkOrderDesk {
  constructor(
    private readonly cache: LocalCache,
    private readonly sync: SyncClient,
  ) {}

  /** The cached order (it follows the live feed); one outside the cache is asked of the server. */
  async get(id: string): Promise<WorkOrderRecord | null> {
    const cached = this.cache.get<WorkOrderRecord>('workOrder', id)
    if (cached) return cached
    try {
      return await this.sync.http('workOrderGet', undefined, { params: { id } })
    } catch (err) {
      if (isOffline(err) || (err instanceof ApiFailure && err.error.code === 'NOT_FOUND')) return null
      throw err
    }
  }

  /** Offline the server's entries are missing (`offline`), but the notes waiting to be sent still show. */
  async activity(id: string): Promise<ConsoleResponse<'workOrders.activity'>> {
    const pending = this.cache
      .pendingFor('workOrder', id)
      .flatMap(({ opId, mutation, createdAt }) =>
        mutation.kind === 'workOrder.addNote'
          ? [{ opId, body: mutation.body, visibility: mutation.visibility, at: createdAt }]
          : [],
      )
    try {
      const entries = await this.sync.http('workOrderActivity', undefined, { params: { id } })
      const sent = new Set(entries.map((e) => e.id))
      // a note the server has just applied may still be in the outbox for a moment
      return { entries, pending: pending.filter((p) => !sent.has(`we-${p.opId}`)), offline: false }
    } catch (err) {
      if (isOffline(err)) return { entries: [], pending, offline: true }
      throw err
    }
  }

  create(req: ConsoleRequest<'workOrders.create'>): Promise<ConsoleResponse<'workOrders.create'>> {
    return this.sync.http('workOrderCreate', req)
  }
}
