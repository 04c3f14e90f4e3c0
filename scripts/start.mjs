// The start command: install what is missing, build, start the sync server on the embedded
// defaults (SQLite + demo data under ./data), then open the console in Electron or, where the
// Electron binary is missing, serve it to a browser through the plain-Node host.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startBuiltHost, startBuiltServer, stopChild } from './lib/processes.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values: opts } = parseArgs({
  options: {
    browser: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORT ?? '4870' },
    'host-port': { type: 'string', default: process.env.HOST_PORT ?? '4871' },
  },
})
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const run = (args) => execFileSync(npm, args, { cwd: root, stdio: 'inherit' })

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

if (!existsSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))) {
  console.log('› installing dependencies (npm ci; better-sqlite3 builds from source, ~1 min)')
  run(['ci'])
}
const built = join(root, 'out/server/index.js')
if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(join(root, 'src'))) {
  console.log('› building console and server')
  run(['run', 'build'])
}

const dataDir = join(root, 'data')
const server = await startBuiltServer({
  root,
  port: Number(opts.port),
  dataDir: join(dataDir, 'server'),
  timeoutMs: 300_000,
})
console.log(
  `› sync server ${server.url} (SQLite ${join(dataDir, 'server/console.db')}; API docs ${server.url}/openapi.json)`,
)

const children = [server.child]
const shutdown = async () => {
  await Promise.all(children.map((c) => stopChild(c)))
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)

/** The Electron binary path, trying electron's own download once if it is missing. */
function electronBinary() {
  const pkgDir = join(root, 'node_modules/electron')
  const find = () => {
    try {
      const rel = existsSync(join(pkgDir, 'path.txt')) ? readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim() : ''
      const bin = rel && join(pkgDir, 'dist', rel)
      return bin && existsSync(bin) ? bin : null
    } catch {
      return null
    }
  }
  if (find()) return find()
  console.log('› Electron binary missing; trying its download once (needs internet)')
  const res = spawnSync(process.execPath, [join(pkgDir, 'install.js')], {
    cwd: pkgDir,
    stdio: 'ignore',
    timeout: 120_000,
  })
  return res.status === 0 ? find() : null
}

console.log(
  '\nDemo users (password demo1234): agent01 / agent02 (坐席), desk01 / desk02 (门店前台), super01 (主管), admin (管理员)\n',
)
const electron = opts.browser ? null : electronBinary()
if (electron) {
  const win = spawn(electron, [root], { cwd: root, stdio: 'inherit', env: { ...process.env, SERVER_URL: server.url } })
  children.push(win)
  win.on('exit', shutdown)
} else {
  if (!opts.browser)
    console.log('› Electron binary is not available on this machine; serving the console to a browser instead.')
  const host = await startBuiltHost({
    root,
    serverUrl: server.url,
    port: Number(opts['host-port']),
    dataDir: join(dataDir, 'seat'),
  })
  children.push(host.child)
  console.log(`\n  Open the console: ${host.url}\n\n(Ctrl+C stops the server and the console host.)`)
}
