import { openDatabase } from '../../src/server/db/database'
import type { ServerCluster } from './builtServers'

export interface FeedRow {
  seq: number
  entity_id: string
  op_id: string | null
  by_user: string | null
  data: string
}

/** Reads the server's change feed straight from its database (SQLite file or PostgreSQL). */
export async function readFeed(cluster: ServerCluster): Promise<FeedRow[]> {
  const handle = openDatabase({
    databaseUrl: cluster.databaseUrl,
    dataDir: cluster.sqliteFile.replace(/\/console\.db$/, ''),
  })
  try {
    const rows = await handle.db
      .selectFrom('change_feed')
      .select(['seq', 'entity_id', 'op_id', 'by_user', 'data'])
      .orderBy('seq')
      .execute()
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }))
  } finally {
    await handle.close()
  }
}
