import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { PiiKeys } from './piiCipher'

const KeyFile = z.object({
  current: z.string(),
  keys: z.record(z.string(), z.string()),
  lookup: z.string(),
})

/**
 * The key ring from configuration (PII_KEYS = JSON {current, keys: {id: base64}, lookup: base64}),
 * or, on the embedded default, one generated on first run into the data folder (0600). Either way
 * the keys are never in the database.
 */
export function loadPiiKeys(opts: { piiKeysJson?: string; dataDir: string }): PiiKeys {
  let raw: z.infer<typeof KeyFile>
  if (opts.piiKeysJson) {
    raw = KeyFile.parse(JSON.parse(opts.piiKeysJson))
  } else {
    const file = join(opts.dataDir, 'pii-keys.json')
    if (existsSync(file)) {
      raw = KeyFile.parse(JSON.parse(readFileSync(file, 'utf8')))
    } else {
      raw = {
        current: 'k1',
        keys: { k1: randomBytes(32).toString('base64') },
        lookup: randomBytes(32).toString('base64'),
      }
      mkdirSync(opts.dataDir, { recursive: true })
      writeFileSync(file, JSON.stringify(raw, null, 2), { mode: 0o600 })
    }
  }
  return {
    current: raw.current,
    keys: Object.fromEntries(Object.entries(raw.keys).map(([id, b64]) => [id, Buffer.from(b64, 'base64')])),
    lookup: Buffer.from(raw.lookup, 'base64'),
  }
}
