import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ConsoleMethod, ConsoleRequest, ConsoleResponse, OutboxStatus } from '../../src/shared/api/console'
import { ConsoleService } from '../../src/main/services/consoleService'
import { FileTokenVault } from '../../src/main/services/tokenVault'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { waitFor } from './waitFor'

/** A seat: the real main-process services (cache, outbox, sync client) for one logged-in user. */
export interface Seat {
  service: ConsoleService
  dataDir: string
  outboxHistory: OutboxStatus[]
  call<M extends ConsoleMethod>(method: M, payload: ConsoleRequest<M>): Promise<ConsoleResponse<M>>
  close(): Promise<void>
}

export async function openSeat(serverUrl: string, username: string): Promise<Seat> {
  const dataDir = await mkdtemp(join(tmpdir(), `sc-seat-${username}-`))
  const service = new ConsoleService({
    serverUrl,
    dataDir,
    vault: new FileTokenVault(dataDir),
    shell: 'browser-host',
    version: 'test',
  })
  const outboxHistory: OutboxStatus[] = []
  service.on('event', (name, payload) => {
    if (name === 'outbox.status') outboxHistory.push(payload as OutboxStatus)
  })
  const call = async <M extends ConsoleMethod>(method: M, payload: ConsoleRequest<M>) => {
    const reply = await service.dispatch(method, payload)
    if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`)
    return reply.result as ConsoleResponse<M>
  }
  await call('auth.login', { username, password: DEMO_PASSWORD })
  await waitFor(`${username} connected`, () => service.sync.isConnected())
  await waitFor(`${username} snapshot`, () => service.cache.snapshotDone(), 30_000)
  await service.seat.idle()
  return {
    service,
    dataDir,
    outboxHistory,
    call,
    close: async () => {
      service.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
