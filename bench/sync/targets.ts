/**
 * The servers the sync bench measures: the built sync server (out/server/index.js) and the bare
 * socket.io baseline (bench/baseline/socketioBroadcast.mjs), each with its warn/error log lines.
 */
import type { ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { freePort, spawnUntil, startBuiltServer } from '../../scripts/lib/processes.mjs'
import type { LiveChange } from '../../src/shared/sync/feed'
import { BATCH_MS, JWT_SECRET, ROOT, SERVER_START_MS } from './config'

export interface Target {
  /** batched: the bare server coalescing changes per BENCH_BATCH_MS into one event (what-if, opt-in) */
  kind: 'sync' | 'baseline' | 'batched'
  child: ChildProcess
  url: string
  /** warn/error lines the process logged after it was ready */
  problems: string[]
}

function watchLog(child: ChildProcess, problems: string[]): void {
  let partial = ''
  const onChunk = (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) {
      const level = Number(line.match(/"level":(\d+)/)?.[1] ?? 0)
      if (level >= 40 || /error/i.test(line)) problems.push(line.slice(0, 400))
    }
  }
  child.stdout?.on('data', onChunk)
  child.stderr?.on('data', onChunk)
}

export async function startTarget(kind: Target['kind'], dataDir: string, template: LiveChange | null): Promise<Target> {
  const port = await freePort()
  const problems: string[] = []
  let child: ChildProcess
  if (kind === 'sync') {
    // LOG_LEVEL stays 'info': readiness is the info-level 'sync server listening' line
    ;({ child } = await startBuiltServer({
      root: ROOT,
      port,
      dataDir,
      env: { JWT_SECRET, SEED_DEMO: '1' },
      timeoutMs: SERVER_START_MS,
    }))
  } else {
    ;({ child } = await spawnUntil(process.execPath, [join(ROOT, 'bench/baseline/socketioBroadcast.mjs')], {
      cwd: ROOT,
      env: {
        PORT: String(port),
        BENCH_TEMPLATE: JSON.stringify(template ?? { data: {} }),
        BATCH_MS: kind === 'batched' ? String(BATCH_MS) : '0',
      },
      ready: /baseline socket\.io listening/,
      timeoutMs: SERVER_START_MS,
    }))
  }
  watchLog(child, problems)
  return { kind, child, url: `http://127.0.0.1:${port}`, problems }
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

/** Throws if the built server is missing; warns if src/server or src/shared changed since the build. */
export function checkBuild(): void {
  const entry = join(ROOT, 'out/server/index.js')
  if (!existsSync(entry)) throw new Error('out/server/index.js is missing: run `npm run build` first')
  const src = Math.max(newestMtime(join(ROOT, 'src/server')), newestMtime(join(ROOT, 'src/shared')))
  if (src > statSync(entry).mtimeMs) {
    console.warn('sync bench: WARNING out/server/index.js is older than src/server or src/shared; run `npm run build`')
  }
}
