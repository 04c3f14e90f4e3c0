import { parseArgs } from 'node:util'
import { KbSearchQuery } from '../../shared/domain/kb'
import { migrateToLatest, openDatabase } from '../db/database'
import { PiiCipher } from '../privacy/piiCipher'
import { loadPiiKeys } from '../privacy/piiKeys'
import { KbArticleStore } from './kbArticleStore'
import { exportKb, importKb } from './kbImportExport'
import { KbIndex } from './kbIndex'

/**
 * `npm run kb -- import <folder|file.csv>`, `export <folder|file.csv>`, `search "<query>" [--json]`
 * against the configured database: DATABASE_URL (or --db), else SQLite in --data-dir, as `npm run
 * seed` uses. Search runs the server's index code, so it ranks exactly as GET /api/kb/search.
 */
const USAGE = 'usage: npm run kb -- import <folder> | export <folder|file.csv> | search "<query>" [--json] [--limit n]'
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'boolean', default: false },
    limit: { type: 'string' },
    category: { type: 'string' },
    audience: { type: 'string' },
    status: { type: 'string' },
    db: { type: 'string' },
    'data-dir': { type: 'string', default: 'data/server' },
  },
})
const [command, arg] = positionals
if (!command || !arg || !['import', 'export', 'search'].includes(command)) {
  console.error(USAGE)
  process.exit(2)
}
const dataDir = values['data-dir']!
const handle = openDatabase({ databaseUrl: values.db ?? process.env.DATABASE_URL, dataDir })
try {
  await migrateToLatest(handle.db, new PiiCipher(loadPiiKeys({ piiKeysJson: process.env.PII_KEYS, dataDir })))
  const store = new KbArticleStore(handle.db, handle.kind)
  if (command === 'import') {
    const report = await importKb(store, arg, null)
    if (values.json) console.log(JSON.stringify(report, null, 2))
    else {
      console.log(`created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}`)
      for (const e of report.errors) console.error(`  ${e.file}: ${e.reason}`)
    }
    process.exitCode = report.errors.length > 0 ? 1 : 0
  } else if (command === 'export') {
    console.log(`exported ${await exportKb(store, arg)} articles to ${arg}`)
  } else {
    const query = KbSearchQuery.safeParse({ q: arg, ...values })
    if (!query.success) {
      console.error(`kb search: ${query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
      process.exit(2)
    }
    const index = new KbIndex(handle.db)
    await index.load()
    const hits = await index.search(query.data)
    if (values.json) console.log(JSON.stringify(hits, null, 2))
    else console.table(hits.map((h) => ({ id: h.id, score: h.score, title: h.title, category: h.category })))
  }
} finally {
  await handle.close()
}
