import { createHmac } from 'node:crypto'
import { ApiFailure } from '../../shared/api/errors'
import { normalizePhone } from '../../shared/domain/phone'
import type { CustomerRecord } from '../../shared/domain/records'
import type { LocalCache } from './sync/localCache'
import type { SyncClient } from './syncClient'

export interface ScreenPopResult {
  customer: CustomerRecord | null
  /** the national number, or null when the input is not a phone number */
  normalized: string | null
  source: 'cache' | 'server' | 'none'
}

/**
 * Caller number → customer, fast enough to show while the phone rings. The seat hashes the number
 * with the server's lookup key and looks in its cache (no round trip); on a miss it asks the
 * server. The key lives in this process's memory only: never on disk, never in the renderer.
 */
export class ScreenPop {
  private key: Buffer | null = null

  constructor(
    private readonly cache: LocalCache,
    private readonly sync: SyncClient,
  ) {}

  /** Fetches the key for this session; harmless to call again. */
  async prime(): Promise<void> {
    if (this.key) return
    const { key } = await this.sync.http('lookupKey')
    this.key = Buffer.from(key, 'base64')
  }

  forget(): void {
    this.key = null
  }

  async lookup(input: string): Promise<ScreenPopResult> {
    const normalized = normalizePhone(input)
    if (!normalized) return { customer: null, normalized: null, source: 'none' }
    await this.prime().catch(() => undefined)
    if (this.key) {
      const hash = createHmac('sha256', this.key).update(normalized).digest('base64url')
      const cached = this.cache.customerByPhoneHash(hash)
      if (cached) return { customer: cached, normalized, source: 'cache' }
    }
    try {
      const [hit] = await this.sync.http('customerSearch', undefined, { query: { q: normalized, limit: 1 } })
      if (!hit || hit.matched !== 'phone') return { customer: null, normalized, source: 'none' }
      const record = await this.sync.http('customerGet', undefined, { params: { id: hit.id } })
      this.cache.applySnapshot('customer', [record], null)
      return { customer: record, normalized, source: 'server' }
    } catch (err) {
      if (err instanceof ApiFailure && err.error.code === 'NETWORK')
        return { customer: null, normalized, source: 'none' }
      throw err
    }
  }
}
