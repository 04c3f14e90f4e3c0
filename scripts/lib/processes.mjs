// Starting the product's own processes, shared by the start command, the e2e tests and bench.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

/**
 * Spawns a process and resolves once a stdout line matches `ready` (with the match), or rejects
 * with its output if it exits or takes longer than `timeoutMs`.
 */
export function spawnUntil(command, args, { env = {}, ready, timeoutMs = 60_000, echo = false, cwd } = {}) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${command} ${args.join(' ')} not ready after ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    const onData = (chunk) => {
      const text = chunk.toString()
      output += text
      if (echo) process.stdout.write(text)
      const match = output.match(ready)
      if (match) {
        clearTimeout(timer)
        child.stdout.off('data', onData)
        if (echo) child.stdout.on('data', (c) => process.stdout.write(c))
        resolve({ child, match, output })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (c) => {
      output += c.toString()
      if (echo) process.stderr.write(c)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${command} exited with ${code} before it was ready:\n${output}`))
    })
  })
}

/** Stops a child with SIGTERM (graceful shutdown), then SIGKILL after a grace period. */
export function stopChild(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/** Starts the built sync server on a port; resolves when it listens. */
export async function startBuiltServer({ root, port, dataDir, env = {}, echo = false, timeoutMs }) {
  const { child } = await spawnUntil(process.execPath, [`${root}/out/server/index.js`], {
    cwd: root,
    env: { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    ready: /sync server listening/,
    echo,
    timeoutMs,
  })
  return { child, url: `http://127.0.0.1:${port}` }
}

/** Starts the plain-Node console host; resolves with the console URL it prints. */
export async function startBuiltHost({ root, serverUrl, port = 0, dataDir, echo = false }) {
  const { child, match } = await spawnUntil(
    process.execPath,
    [`${root}/out/main/host.js`, '--server-url', serverUrl, '--port', String(port), '--data-dir', dataDir],
    { cwd: root, ready: /CONSOLE_URL (\S+)/, echo },
  )
  return { child, url: match[1] }
}
