import { createHmac } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { LocalCache } from '../src/main/services/sync/localCache'
import { normalizePhone } from '../src/shared/domain/phone'
import { phoneFor } from '../src/server/seed/chineseNames'
import { customerRecord } from '../src/server/sync/recordMappers'
import { loadPiiKeys } from '../src/server/privacy/piiKeys'
import { freePort, spawnUntil, startBuiltServer, stopChild } from '../scripts/lib/processes.mjs'
import { ROOT } from '../tests/support/stack'
import { DEMO_PASSWORD } from '../src/server/seed/demoUsers'
import { row, type BenchRow } from './table'

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000)
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2000)
const PAGE = 10_000

/** p50/p95/p99 of a sample, for the extra columns. */
function tails(samples: number[]): { p50Ms: number; p95Ms: number; p99Ms: number } {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] as number) * 1000) / 1000
  return { p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99) }
}

function time(fn: () => unknown): number {
  const t0 = performance.now()
  fn()
  return performance.now() - t0
}

function fileSizeMiB(file: string): number {
  const size = [file, `${file}-wal`].filter(existsSync).reduce((n, f) => n + statSync(f).size, 0)
  return Math.round((size / 1024 / 1024) * 10) / 10
}

/** The phone as agents and caller-id systems write it, one of the four forms at random. */
function someForm(n: string, i: number): string {
  return [
    n,
    `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
    `+86-${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`,
    `86${n}`,
  ][i % 4]!
}

/**
 * Customer 360 lookups at scale: a seeded server database (default 1,000,000 customers with ~5
 * purchases each, encrypted phones), seat caches built from it, and the lookups agents make —
 * screen pop by phone in any form, type-ahead by name prefix and by phone tail — against a plain
 * SELECT on an unencrypted copy of the same customers measured in the same run.
 */
export const customer = {
  async run(): Promise<BenchRow[]> {
    const work = mkdtempSync(join(tmpdir(), 'sc-bench-customer-'))
    const dataDir = process.env.BENCH_CUSTOMER_DATA ?? join(work, 'server')
    try {
      let seedSeconds = NaN
      if (!existsSync(join(dataDir, 'console.db'))) {
        const t0 = performance.now()
        await spawnUntil(
          join(ROOT, 'node_modules/.bin/tsx'),
          [
            'src/server/seed/cli.ts',
            '--customers',
            String(CUSTOMERS),
            '--purchases',
            '5',
            '--events',
            '0',
            '--data-dir',
            dataDir,
          ],
          { cwd: ROOT, ready: /seeded sqlite in/, timeoutMs: 1_800_000 },
        )
        seedSeconds = (performance.now() - t0) / 1000
      }
      const server = new Database(join(dataDir, 'console.db'), { readonly: true })
      const count = (t: string) => (server.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n
      const customers = count('customers')
      const figures = {
        customers,
        purchases: count('purchases'),
        timelineEvents: count('timeline_events'),
        seedSeconds,
      }
      const lookupKey = loadPiiKeys({ dataDir }).lookup

      // seat caches: every customer (an agent's full copy) and one store's (a front desk's)
      const fill = (cache: LocalCache, store: string | null) => {
        const stmt = server.prepare(
          `SELECT * FROM customers WHERE id > ? ${store ? 'AND home_store_id = ?' : ''} ORDER BY id LIMIT ${PAGE}`,
        )
        let after = ''
        for (;;) {
          const rows = (store ? stmt.all(after, store) : stmt.all(after)) as Parameters<typeof customerRecord>[0][]
          if (rows.length === 0) return
          cache.applySnapshot('customer', rows.map(customerRecord), null)
          after = rows.at(-1)!.id
        }
      }
      const allFile = join(work, 'seat-all.db')
      const storeFile = join(work, 'seat-store.db')
      const all = new LocalCache(allFile)
      all.bind('u-agent01', 'all')
      const fillAllMs = time(() => fill(all, null))
      const one = new LocalCache(storeFile)
      one.bind('u-desk01', 'store:st-01')
      fill(one, 'st-01')

      // baseline: the same customers unencrypted, phone and name indexed, plain SELECTs
      const plain = new Database(join(work, 'plain.db'))
      plain.pragma('journal_mode = WAL')
      plain.exec('CREATE TABLE c (id TEXT PRIMARY KEY, name TEXT, phone TEXT, member_no TEXT, tier TEXT, store TEXT)')
      const ins = plain.prepare('INSERT INTO c VALUES (?, ?, ?, ?, ?, ?)')
      plain.transaction(() => {
        for (const r of server
          .prepare('SELECT id, name, member_no, tier, home_store_id FROM customers')
          .iterate() as Iterable<{
          id: string
          name: string
          member_no: string
          tier: string
          home_store_id: string
        }>) {
          ins.run(r.id, r.name, phoneFor(Number(r.id.slice(2)) - 1), r.member_no, r.tier, r.home_store_id)
        }
      })()
      plain.exec('CREATE INDEX c_phone ON c (phone); CREATE INDEX c_name ON c (name)')
      const byPhone = plain.prepare('SELECT * FROM c WHERE phone = ?')
      const byName = plain.prepare('SELECT * FROM c WHERE name >= ? AND name < ? ORDER BY name LIMIT 10')
      const byTail = plain.prepare('SELECT * FROM c WHERE phone LIKE ? LIMIT 10')

      const seeded = Math.min(customers, CUSTOMERS)
      const pick = (k: number) => (k * 7919) % seeded
      const popSamples: number[] = []
      const popBase: number[] = []
      const nameSamples: number[] = []
      const nameBase: number[] = []
      const tailSamples: number[] = []
      const tailBase: number[] = []
      let misses = 0
      for (let k = 0; k < SAMPLES; k++) {
        const national = phoneFor(pick(k))
        const typed = someForm(national, k)
        popSamples.push(
          time(() => {
            const n = normalizePhone(typed)!
            const hash = createHmac('sha256', lookupKey).update(n).digest('base64url')
            if (!all.customerByPhoneHash(hash)) misses++
          }),
        )
        popBase.push(time(() => byPhone.get(normalizePhone(typed))))
        const name = (
          server
            .prepare('SELECT name FROM customers WHERE id = ?')
            .get(`c-${String(pick(k) + 1).padStart(7, '0')}`) as { name: string }
        ).name
        const prefix = name.slice(0, 1 + (k % 2))
        nameSamples.push(time(() => all.searchCustomers(prefix, 10)))
        nameBase.push(time(() => byName.all(prefix, `${prefix}\uFFFF`)))
        const tail = national.slice(-4)
        tailSamples.push(time(() => all.searchCustomers(tail, 10)))
        tailBase.push(time(() => byTail.all(`%${tail}`)))
      }

      // the full first screen over HTTP: profile (RFM, hints, open orders, purchases) from the server
      const port = await freePort()
      const node = await startBuiltServer({ root: ROOT, port, dataDir, env: { SEED_DEMO: '0' }, timeoutMs: 300_000 })
      const profile: number[] = []
      const health: number[] = []
      try {
        const login = await fetch(`${node.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'agent01', password: DEMO_PASSWORD }),
        })
        const { accessToken } = (await login.json()) as { accessToken: string }
        const auth = { authorization: `Bearer ${accessToken}` }
        for (let k = 0; k < Math.min(SAMPLES, 500); k++) {
          const id = `c-${String(pick(k) + 1).padStart(7, '0')}`
          let t0 = performance.now()
          await (await fetch(`${node.url}/api/customers/${id}/profile`, { headers: auth })).json()
          profile.push(performance.now() - t0)
          t0 = performance.now()
          await (await fetch(`${node.url}/health`)).json()
          health.push(performance.now() - t0)
        }
      } finally {
        await stopChild(node.child)
      }
      all.close()
      one.close()
      const sizes = {
        seatAllMiB: fileSizeMiB(allFile),
        seatOneStoreMiB: fileSizeMiB(storeFile),
        plainMiB: fileSizeMiB(join(work, 'plain.db')),
      }
      server.close()
      plain.close()
      const target = (ok: boolean) => (ok ? 'met' : 'MISSED')
      const pop = tails(popSamples)
      const name = tails(nameSamples)
      const tail = tails(tailSamples)
      return [
        {
          ...row('screen pop: phone (4 forms) → customer, seat cache', 'plain SELECT by phone', popSamples, popBase),
          extra: {
            ...pop,
            misses,
            'target p95<5ms': target(pop.p95Ms < 5),
            ...figures,
            cacheFillAllSec: Math.round(fillAllMs / 100) / 10,
          },
        },
        {
          ...row('type-ahead: name prefix, seat cache', 'plain SELECT name range', nameSamples, nameBase),
          extra: { ...name, 'target p95<20ms': target(name.p95Ms < 20) },
        },
        {
          ...row('type-ahead: last 4 digits, seat cache', 'plain SELECT phone LIKE', tailSamples, tailBase),
          extra: { ...tail, 'target p95<20ms': target(tail.p95Ms < 20) },
        },
        {
          ...row('360 first screen over HTTP (profile)', 'GET /health', profile, health),
          extra: { ...tails(profile), ...sizes },
        },
      ]
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  },
}
