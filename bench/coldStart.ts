import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import Fastify from 'fastify'
import { build } from 'vite'
import { freePort, spawnUntil, startBuiltHost, startBuiltServer, stopChild } from '../scripts/lib/processes.mjs'
import { launchChromium, login } from '../tests/support/browser'
import { ROOT } from '../tests/support/stack'
import { DEMO_PASSWORD } from '../src/server/seed/demoUsers'
import { row, type BenchRow } from './table'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)

async function timeServerStart(entry: string, dataDir: string): Promise<number> {
  const port = await freePort()
  const t0 = performance.now()
  const { child } = await spawnUntil(process.execPath, [entry], {
    cwd: ROOT,
    env: { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    ready: /sync server listening/,
  })
  const ms = performance.now() - t0
  await stopChild(child)
  return ms
}

/** Server cold start (spawn → listening) and console cold start (navigation → workspace). */
export const coldStart = {
  async run(): Promise<BenchRow[]> {
    const work = await mkdtemp(join(tmpdir(), 'sc-bench-'))
    try {
      const emptyServer: number[] = []
      const firstRun: number[] = []
      const restart: number[] = []
      for (let i = 0; i < RUNS; i++) {
        emptyServer.push(await timeServerStart(join(ROOT, 'bench/baseline/emptyFastify.mjs'), work))
        const dataDir = join(work, `server-${i}`)
        firstRun.push(await timeServerStart(join(ROOT, 'out/server/index.js'), dataDir))
        restart.push(await timeServerStart(join(ROOT, 'out/server/index.js'), dataDir))
      }

      // the bare page: an empty Vite build served by an empty static server
      const baselineDir = join(work, 'baseline')
      await build({ root: join(ROOT, 'bench/baseline'), logLevel: 'silent', build: { outDir: baselineDir } })
      const staticApp = Fastify()
      await staticApp.register(fastifyStatic, { root: baselineDir })
      const baselineUrl = await staticApp.listen({ host: '127.0.0.1', port: 0 })

      const server = await startBuiltServer({ root: ROOT, port: await freePort(), dataDir: join(work, 'stack') })
      const host = await startBuiltHost({ root: ROOT, serverUrl: server.url, dataDir: join(work, 'seat') })
      const browser = await launchChromium()
      const bare: number[] = []
      const consoleStart: number[] = []
      try {
        for (let i = 0; i < RUNS; i++) {
          const ctx1 = await browser.newContext()
          const p1 = await ctx1.newPage()
          let t0 = performance.now()
          await p1.goto(baselineUrl)
          await p1.getByTestId('ready').waitFor()
          bare.push(performance.now() - t0)
          await ctx1.close()

          const ctx2 = await browser.newContext()
          const p2 = await ctx2.newPage()
          t0 = performance.now()
          await p2.goto(host.url)
          await login(p2, 'agent01', DEMO_PASSWORD)
          await p2.getByTestId('workspace').waitFor()
          consoleStart.push(performance.now() - t0)
          await p2.getByTestId('user-menu').click()
          await p2.getByTestId('logout').click()
          await p2.getByTestId('login-submit').waitFor()
          await ctx2.close()
        }
      } finally {
        await browser.close()
        await stopChild(host.child)
        await stopChild(server.child)
        await staticApp.close()
      }
      return [
        row('server first run (migrate + seed 2k demo customers)', 'empty Fastify', firstRun, emptyServer),
        row('server restart (existing SQLite)', 'empty Fastify', restart, emptyServer),
        row('console: open → login → workspace (Chromium)', 'empty Vite page', consoleStart, bare),
      ]
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  },
}
