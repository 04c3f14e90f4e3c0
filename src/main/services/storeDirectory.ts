import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { z } from 'zod'
import { StoreInfo } from '../../shared/domain/store'
import type { SyncClient } from './syncClient'

const SavedStores = z.array(StoreInfo)

/**
 * The store names the console shows instead of ids: read from the server when connected and
 * kept in a file beside the cache, so an offline seat still names stores. Store names are not
 * personal data and every role may see them.
 */
export class StoreDirectory {
  private stores: StoreInfo[] | null = null

  constructor(
    private readonly sync: SyncClient,
    private readonly file: string,
  ) {}

  async list(): Promise<StoreInfo[]> {
    if (this.sync.isConnected()) {
      try {
        const fresh = await this.sync.http('storesList', undefined)
        writeFileSync(this.file, JSON.stringify(fresh))
        this.stores = fresh
        return fresh
      } catch {
        // fall back to the copy below
      }
    }
    this.stores ??= this.saved()
    return this.stores
  }

  private saved(): StoreInfo[] {
    if (!existsSync(this.file)) return []
    const parsed = SavedStores.safeParse(JSON.parse(readFileSync(this.file, 'utf8')))
    return parsed.success ? parsed.data : []
  }
}
