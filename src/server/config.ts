import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { z } from 'zod'

export const ServerConfig = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(4870),
  /** postgres://… for PostgreSQL; otherwise the embedded SQLite file under dataDir */
  databaseUrl: z.string().optional(),
  dataDir: z.string().default('data'),
  /** HMAC secret for access tokens; generated once and kept in dataDir when not configured */
  jwtSecret: z.string().min(32).optional(),
  /** PII key ring as JSON (see privacy/piiKeys.ts); generated into dataDir when not configured */
  piiKeysJson: z.string().optional(),
  accessTtlSec: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60),
  refreshTtlSec: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3600),
  seedDemo: z.boolean().default(true),
  /** live changes are coalesced per scope for this long before going out (0: one event per change) */
  feedBatchMs: z.coerce.number().int().min(0).max(1000).default(10),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** resolved work orders without change for this many days close by rule; 0 keeps them for 回访 */
  autoCloseDays: z.coerce.number().int().min(0).max(365).default(0),
})
export type ServerConfig = z.infer<typeof ServerConfig>
export type ServerConfigInput = z.input<typeof ServerConfig>

export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  return ServerConfig.parse({
    host: env.HOST,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR,
    jwtSecret: env.JWT_SECRET || undefined,
    piiKeysJson: env.PII_KEYS || undefined,
    accessTtlSec: env.ACCESS_TTL_SEC,
    refreshTtlSec: env.REFRESH_TTL_SEC,
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO !== '0' : undefined,
    feedBatchMs: env.FEED_BATCH_MS,
    logLevel: env.LOG_LEVEL,
    autoCloseDays: env.AUTO_CLOSE_DAYS,
  })
}

/** The secret from config, or one generated on first run and kept (0600) beside the data. */
export function resolveJwtSecret(config: ServerConfig): string {
  if (config.jwtSecret) return config.jwtSecret
  const file = resolve(join(config.dataDir, 'jwt-secret'))
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dirname(file), { recursive: true })
  const secret = randomBytes(48).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}
