import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBuiltHost, stopChild } from '../../scripts/lib/processes.mjs'
import { ROOT } from './stack'
import { startTestServer, type TestServer } from './syncServer'

export interface ClockedStack {
  server: TestServer
  /** a console host (its own seat data) on the server; resolves to its URL */
  addHost(): Promise<string>
  /** moves the server's clock to `at` and runs the SLA tick there */
  setTime(at: number): Promise<void>
  stop(): Promise<void>
}

/**
 * A sync server in this process whose clock the test moves (SLA deadlines, escalations), with
 * built console hosts as real child processes. Only the server's time is fake: the browser and
 * the hosts run on the real clock, as they would on an agent's desk.
 */
export async function startClockedStack(): Promise<ClockedStack> {
  let now = Date.now()
  const server = await startTestServer('sqlite', { now: () => now })
  const dir = await mkdtemp(join(tmpdir(), 'sc-clocked-'))
  const hosts: ChildProcess[] = []
  return {
    server,
    addHost: async () => {
      const host = await startBuiltHost({
        root: ROOT,
        serverUrl: server.url,
        dataDir: join(dir, `seat-${hosts.length}`),
      })
      hosts.push(host.child)
      return host.url
    },
    setTime: async (at) => {
      now = at
      await server.slaScheduler.tick()
    },
    stop: async () => {
      await Promise.all(hosts.map((c) => stopChild(c)))
      await server.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
