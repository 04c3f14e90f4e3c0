import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSyncServer, type SyncServer } from '../../src/server/app'
import { createTempDatabase } from './postgres'

export type Backend = 'sqlite' | 'postgres'

export interface TestServer extends SyncServer {
  dataDir: string
  stop(): Promise<void>
}

/**
 * A real sync server on a free port: SQLite in a temp folder, or PostgreSQL in a database made
 * for this run. Seeds a small deterministic demo set.
 */
export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123'

export async function startTestServer(
  backend: Backend,
  { now, ...extra }: { accessTtlSec?: number; now?: () => number } = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sc-server-'))
  const pgDb = backend === 'postgres' ? await createTempDatabase() : null
  const server = await startSyncServer(
    {
      port: 0,
      dataDir,
      databaseUrl: pgDb?.url,
      jwtSecret: TEST_JWT_SECRET,
      logLevel: 'silent',
      ...extra,
    },
    { now },
  )
  return {
    ...server,
    dataDir,
    stop: async () => {
      await server.close()
      await pgDb?.drop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
