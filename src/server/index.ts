import { configFromEnv } from './config'
import { startSyncServer } from './app'

/** Sync server entry: configuration from the environment, graceful shutdown on SIGINT/SIGTERM. */
const server = await startSyncServer(configFromEnv(process.env))
let closing = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return
    closing = true
    server.app.log.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    void server.close().then(() => process.exit(0))
  })
}
