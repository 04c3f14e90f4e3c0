import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { ConsoleService } from '../services/consoleService'
import { FileTokenVault } from '../services/tokenVault'
import { startConsoleHost } from './hostServer'

/**
 * Plain-Node host entry: runs the main-process services without Electron and serves the console
 * to a browser. Used where the Electron binary is missing and by the e2e tests.
 */
const Args = z.object({
  'server-url': z.url().default(process.env.SERVER_URL ?? 'http://127.0.0.1:4870'),
  port: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(Number(process.env.HOST_PORT ?? 4871)),
  'data-dir': z.string().default(process.env.SEAT_DATA_DIR ?? 'data/seat'),
  'renderer-dir': z.string().optional(),
})
const { values } = parseArgs({
  options: {
    'server-url': { type: 'string' },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    'renderer-dir': { type: 'string' },
  },
})
const args = Args.parse(values)
const here = dirname(fileURLToPath(import.meta.url))
const dataDir = resolve(args['data-dir'])
const service = new ConsoleService({
  serverUrl: args['server-url'],
  dataDir,
  vault: new FileTokenVault(dataDir),
  shell: 'browser-host',
  version: process.env.npm_package_version ?? '0.1.0',
})
const host = await startConsoleHost({
  service,
  rendererDir: resolve(args['renderer-dir'] ?? join(here, '../renderer')),
  port: args.port,
})
// The start script and tests read this line to find the console.
console.log(`CONSOLE_URL ${host.url}`)

let closing = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return
    closing = true
    service.stop()
    void host.close().then(() => process.exit(0))
  })
}
