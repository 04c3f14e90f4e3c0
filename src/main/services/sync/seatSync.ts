import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { ApiFailure, type ApiError } from '../../../shared/api/errors'
import type { EntityKind } from '../../../shared/domain/records'
import type { FeedChange, LiveChange, SnapshotResult } from '../../../shared/sync/feed'
import type { FieldOverwrite, Mutation } from '../../../shared/sync/mutations'
import type { SyncClient } from '../syncClient'
import type { LocalCache } from './localCache'

const PULL_PAGE = 1000
const SNAPSHOT_PAGE = 1000
const SNAPSHOT_ORDER: EntityKind[] = ['kbArticle', 'workOrder', 'customer']

export interface OutboxStatus {
  pending: number
  rejected: number
}

export interface RecordsChanged {
  entity: EntityKind
  ids: string[]
  by: string | null
  changedFields: string[]
}

export interface SeatSyncEvents {
  outbox: [OutboxStatus]
  changed: [RecordsChanged[]]
  rejected: [{ opId: string; mutation: Mutation; error: ApiError }]
  overwrote: [{ opId: string; mutation: Mutation; fields: FieldOverwrite[] }]
}

/** Errors worth retrying: the write may not have reached a healthy server. */
const retriable = (e: ApiError) => e.code === 'NETWORK' || e.code === 'INTERNAL'

/**
 * Keeps the seat's cache in step with the server and drains its outbox.
 * Reads: snapshot once, then pull from the cursor on every (re)connect, then live changes; a
 * live change whose `prev` is not the cursor means something was missed, so it pulls instead.
 * Writes: one at a time in the order typed, retried with backoff on network trouble (same op id,
 * so the server applies each at most once); a refused write is kept with its reason.
 */
export class SeatSync extends EventEmitter<SeatSyncEvents> {
  private feedWork: Promise<void> = Promise.resolve()
  private flushing = false
  private retryTimer: NodeJS.Timeout | null = null
  private failures = 0
  private active = false

  constructor(
    private readonly cache: LocalCache,
    private readonly client: SyncClient,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    super()
    client.on('status', (s) => {
      if (s.connected && this.active) this.onConnected()
    })
    client.on('feed:changes', (batch) => {
      if (this.active) this.serial(() => this.onLive(batch))
    })
  }

  /** Starts following for the bound user (call after `cache.bind`). */
  start(): void {
    this.active = true
    this.emitOutbox()
    if (this.client.isConnected()) this.onConnected()
  }

  stop(): void {
    this.active = false
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
  }

  /** Queues a write; it is in the outbox (on disk) before this returns. */
  write(mutation: Mutation): string {
    const opId = randomUUID()
    this.cache.enqueue(opId, mutation)
    this.emitOutbox()
    void this.flush()
    return opId
  }

  status(): OutboxStatus {
    return { pending: this.cache.countPending(), rejected: this.cache.rejected().length }
  }

  /** Resolves when the feed work queued so far has finished (tests and benchmarks wait on it). */
  idle(): Promise<void> {
    return this.feedWork
  }

  private onConnected(): void {
    this.serial(() => this.catchUp())
    void this.flush()
  }

  private serial(task: () => Promise<void>): void {
    this.feedWork = this.feedWork.then(task).catch((err: unknown) => this.onError(err))
  }

  private async catchUp(): Promise<void> {
    if (!this.cache.snapshotDone()) await this.snapshot()
    for (;;) {
      const page = await this.client.request('sync:pull', { since: this.cache.cursor(), limit: PULL_PAGE })
      const last = page.changes.at(-1)?.seq ?? this.cache.cursor()
      this.applied(this.cache.applyChanges(page.changes, page.more ? last : Math.max(last, page.head)))
      if (!page.more) return
    }
  }

  private async snapshot(): Promise<void> {
    let head: number | null = null
    for (const entity of SNAPSHOT_ORDER) {
      let after: string | null = null
      do {
        const page: SnapshotResult = await this.client.request('sync:snapshot', { entity, after, limit: SNAPSHOT_PAGE })
        head ??= page.head
        this.cache.applySnapshot(entity, page.records, null)
        after = page.next
      } while (after)
    }
    this.cache.applySnapshot('kbArticle', [], { head: head ?? 0 })
    // lists opened before the cache was filled refresh now
    this.emit(
      'changed',
      SNAPSHOT_ORDER.map((entity) => ({ entity, ids: [], by: null, changedFields: ['*'] })),
    )
  }

  /** Applies a live batch in one transaction if it continues the cursor; a gap means pull instead. */
  private async onLive(batch: LiveChange[]): Promise<void> {
    if (!this.cache.snapshotDone()) return
    let cursor = this.cache.cursor()
    const run: LiveChange[] = []
    for (const c of batch) {
      if (c.seq <= cursor) continue
      if (c.prev !== cursor) return this.catchUp()
      run.push(c)
      cursor = c.seq
    }
    if (run.length > 0) this.applied(this.cache.applyChanges(run, cursor))
  }

  private applied(changes: FeedChange[]): void {
    if (changes.length === 0) return
    const groups = new Map<string, RecordsChanged>()
    for (const c of changes) {
      const key = `${c.entity}|${c.by ?? ''}|${c.changedFields.join(',')}`
      const g = groups.get(key) ?? { entity: c.entity, ids: [], by: c.by, changedFields: c.changedFields }
      g.ids.push(c.entityId)
      groups.set(key, g)
    }
    this.emit('changed', [...groups.values()])
  }

  private async flush(): Promise<void> {
    if (this.flushing || !this.active) return
    this.flushing = true
    try {
      while (this.active && this.client.isConnected()) {
        const next = this.cache.pending()[0]
        if (!next) break
        this.cache.noteAttempt(next.opId)
        try {
          const res = await this.client.request('sync:write', { opId: next.opId, mutation: next.mutation })
          this.failures = 0
          if (res.status === 'applied') {
            this.cache.acknowledge(next.opId)
            if (res.overwrote.length)
              this.emit('overwrote', { opId: next.opId, mutation: next.mutation, fields: res.overwrote })
          } else {
            this.cache.reject(next.opId, res.error)
            this.emit('rejected', { opId: next.opId, mutation: next.mutation, error: res.error })
          }
        } catch (err) {
          const error: ApiError = err instanceof ApiFailure ? err.error : { code: 'INTERNAL', message: String(err) }
          if (retriable(error)) {
            this.scheduleRetry()
            break
          }
          this.cache.reject(next.opId, error)
          this.emit('rejected', { opId: next.opId, mutation: next.mutation, error })
        } finally {
          this.emitOutbox()
        }
      }
    } finally {
      this.flushing = false
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return
    this.failures++
    const delay = Math.min(5000, 250 * 2 ** Math.min(this.failures, 5))
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      void this.flush()
    }, delay)
    this.retryTimer.unref()
  }

  private emitOutbox(): void {
    this.emit('outbox', this.status())
  }
}
