import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { freePort, startBuiltHost, startBuiltServer, stopChild } from '../../scripts/lib/processes.mjs'

export const ROOT = resolve(import.meta.dirname, '../..')

export interface Stack {
  serverUrl: string
  /** the first seat's console */
  consoleUrl: string
  /** another seat: a console host with its own data dir on the same server; resolves to its console URL */
  addHost(): Promise<string>
  /** stops the sync server gracefully; the seats carry on from their caches */
  stopServer(): Promise<void>
  /** starts the sync server again on the same port with the same data */
  startServer(): Promise<void>
  stop(): Promise<void>
}

/** The built sync server and the built plain-Node console host(s) as real child processes. */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  if (!existsSync(join(ROOT, 'out/server/index.js')) || !existsSync(join(ROOT, 'out/renderer/index.html'))) {
    throw new Error('e2e needs a build: run `npm run build` first (the test command does)')
  }
  const dir = await mkdtemp(join(tmpdir(), 'sc-e2e-'))
  const port = await freePort()
  const serverUrl = `http://127.0.0.1:${port}`
  let server: ChildProcess | undefined
  const hosts: ChildProcess[] = []

  const startServer = async (): Promise<void> => {
    if (server) throw new Error('the sync server is already running')
    server = (await startBuiltServer({ root: ROOT, port, dataDir: join(dir, 'server'), env })).child
  }
  const stopServer = async (): Promise<void> => {
    await stopChild(server)
    server = undefined
  }
  const addHost = async (): Promise<string> => {
    const host = await startBuiltHost({ root: ROOT, serverUrl, dataDir: join(dir, `seat-${hosts.length + 1}`) })
    hosts.push(host.child)
    return host.url
  }
  const stop = async (): Promise<void> => {
    await Promise.all([stopServer(), ...hosts.map((c) => stopChild(c))])
    await rm(dir, { recursive: true, force: true })
  }

  try {
    await startServer()
    const consoleUrl = await addHost()
    return { serverUrl, consoleUrl, addHost, stopServer, startServer, stop }
  } catch (err) {
    await stop()
    throw err
  }
}
