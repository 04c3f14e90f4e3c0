import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, startBuiltServer, stopChild } from '../../scripts/lib/processes.mjs'
import { createTempDatabase, type TempDatabase } from './postgres'
import { ROOT } from './stack'
import { TEST_JWT_SECRET, type Backend } from './syncServer'

/**
 * Sync-server nodes as real child processes (so a test can kill -9 one) sharing one database:
 * a SQLite file or a PostgreSQL database made for the run.
 */
export class ServerCluster {
  private constructor(
    readonly backend: Backend,
    private readonly dir: string,
    private readonly pg: TempDatabase | null,
  ) {}

  readonly nodes = new Map<number, ChildProcess>()

  static async create(backend: Backend): Promise<ServerCluster> {
    if (!existsSync(join(ROOT, 'out/server/index.js')))
      throw new Error('run `npm run build` first (the test command does)')
    const dir = await mkdtemp(join(tmpdir(), 'sc-cluster-'))
    return new ServerCluster(backend, dir, backend === 'postgres' ? await createTempDatabase() : null)
  }

  /** Starts a node on `port` (a fresh free port when omitted); returns its URL. */
  async start(port?: number): Promise<{ port: number; url: string }> {
    const p = port ?? (await freePort())
    const { child, url } = await startBuiltServer({
      root: ROOT,
      port: p,
      dataDir: this.dir,
      env: { JWT_SECRET: TEST_JWT_SECRET, ...(this.pg ? { DATABASE_URL: this.pg.url } : {}) },
    })
    this.nodes.set(p, child)
    return { port: p, url }
  }

  /** SIGKILL: no graceful shutdown, no flush. */
  kill(port: number): void {
    this.nodes.get(port)?.kill('SIGKILL')
    this.nodes.delete(port)
  }

  async stop(port: number): Promise<void> {
    await stopChild(this.nodes.get(port))
    this.nodes.delete(port)
  }

  get databaseUrl(): string | undefined {
    return this.pg?.url
  }

  get sqliteFile(): string {
    return join(this.dir, 'console.db')
  }

  async close(): Promise<void> {
    await Promise.all([...this.nodes.values()].map((c) => stopChild(c)))
    await this.pg?.drop()
    await rm(this.dir, { recursive: true, force: true })
  }
}
