import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { benchmarks } from './registry'
import type { BenchRow } from './table'
import { printTable } from './table'

/** `npm run bench -- <name>`: runs one benchmark, prints its table and writes JSON. */
const name = process.argv[2]
const bench = name ? benchmarks[name] : undefined
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benchmarks).join('|')}>`)
  process.exit(2)
}
const rows: BenchRow[] = await bench.run()
printTable(name!, rows)
const dir = join(import.meta.dirname, 'results')
mkdirSync(dir, { recursive: true })
const file = join(dir, `${name}.json`)
writeFileSync(
  file,
  JSON.stringify({ name, at: new Date().toISOString(), node: process.version, cpus: 2, rows }, null, 2),
)
console.log(`\nwrote ${file}`)
