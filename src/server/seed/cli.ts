import { parseArgs } from 'node:util'
import { z } from 'zod'
import { dropAllTables, migrateToLatest, openDatabase } from '../db/database'
import { PiiCipher } from '../privacy/piiCipher'
import { loadPiiKeys } from '../privacy/piiKeys'
import { DEFAULT_SEED, isEmpty, seedDatabase } from './seedDatabase'

const Args = z.object({
  customers: z.coerce.number().int().min(1).max(10_000_000).default(DEFAULT_SEED.customers),
  agents: z.coerce.number().int().min(0).max(100_000).default(DEFAULT_SEED.agents),
  events: z.coerce.number().int().min(0).max(50).default(DEFAULT_SEED.extraEventsPerCustomer),
  purchases: z.coerce.number().int().min(0).max(50).default(DEFAULT_SEED.purchasesPerCustomer),
  seed: z.coerce.number().int().default(DEFAULT_SEED.seed),
  db: z.string().optional(),
  // the same folder the start command gives the server, so the PII keys match
  'data-dir': z.string().default('data/server'),
  reset: z.boolean().default(false),
})

const { values } = parseArgs({
  options: {
    customers: { type: 'string' },
    agents: { type: 'string' },
    events: { type: 'string' },
    purchases: { type: 'string' },
    seed: { type: 'string' },
    db: { type: 'string' },
    'data-dir': { type: 'string' },
    reset: { type: 'boolean' },
  },
})
const parsed = Args.safeParse(values)
if (!parsed.success) {
  console.error(`seed: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`)
  process.exit(2)
}
const args = parsed.data
const handle = openDatabase({ databaseUrl: args.db ?? process.env.DATABASE_URL, dataDir: args['data-dir'] })
const pii = new PiiCipher(loadPiiKeys({ piiKeysJson: process.env.PII_KEYS, dataDir: args['data-dir'] }))
try {
  if (args.reset) await dropAllTables(handle.db)
  await migrateToLatest(handle.db, pii)
  if (!(await isEmpty(handle.db))) {
    console.error('seed: the database already has data; pass --reset to replace it')
    process.exit(1)
  }
  const started = performance.now()
  let last = 0
  const counts = await seedDatabase(handle.db, {
    ...DEFAULT_SEED,
    customers: args.customers,
    agents: args.agents,
    extraEventsPerCustomer: args.events,
    purchasesPerCustomer: args.purchases,
    seed: args.seed,
    pii,
    onProgress: (table, done, total) => {
      if (performance.now() - last > 2000 || done === total) {
        last = performance.now()
        console.log(`  ${table}: ${done}/${total}`)
      }
    },
  })
  const seconds = (performance.now() - started) / 1000
  console.table(counts)
  console.log(
    `seeded ${handle.kind} in ${seconds.toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
  )
} finally {
  await handle.close()
}
