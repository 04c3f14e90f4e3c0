import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, stopChild } from '../../scripts/lib/processes.mjs'

const TEMPLATE = join(import.meta.dirname, 'kamailio/ws-registrar.cfg')
const BINARY = process.env.KAMAILIO_PATH ?? '/usr/sbin/kamailio'

export interface SipUser {
  user: string
  password: string
}

export interface Kamailio {
  /** ws://127.0.0.1:port, what the softphone settings take */
  wsUrl: string
  /** the SIP domain (and digest realm) the users register in */
  domain: string
  /** plain SIP over UDP on 127.0.0.1, for raw or malformed requests */
  udpPort: number
  /** the INVITEs Kamailio saw so far (their Request-URIs), from its log */
  invites(): string[]
  /** kills it (registrations are lost: no database); `start` brings it back on the same ports */
  stop(): Promise<void>
  start(): Promise<void>
  restart(): Promise<void>
  /** stops it for good and removes its config and run dir */
  dispose(): Promise<void>
  /** everything Kamailio printed so far (for failure messages) */
  log(): string
}

/**
 * Why Kamailio cannot run here, or null when it can. CI installs it (.ci/run), so the suites
 * that need it run there; on a bare machine they skip and say why.
 */
export function kamailioMissing(): string | null {
  if (!existsSync(BINARY)) return `${BINARY} not found: apt-get install kamailio kamailio-websocket-modules`
  if (!modulesDir()) return 'websocket.so not found: apt-get install kamailio-websocket-modules'
  return null
}

/** Debian puts modules under the multiarch dir, e.g. /usr/lib/x86_64-linux-gnu/kamailio/modules/ */
function modulesDir(): string | null {
  const candidates = [
    '/usr/lib/kamailio/modules/',
    ...readdirSync('/usr/lib').map((d) => `/usr/lib/${d}/kamailio/modules/`),
  ]
  return candidates.find((dir) => existsSync(join(dir, 'websocket.so'))) ?? null
}

/** kamailio.cfg values are double-quoted strings: keep test passwords to a safe alphabet */
const SAFE = /^[A-Za-z0-9._-]+$/

/** The template with free ports, this machine's module path and the users' passwords filled in. */
function renderConfig(template: string, udpPort: number, wsPort: number, users: SipUser[]): string {
  const lines = users.map(({ user, password }) => {
    if (!SAFE.test(user) || !SAFE.test(password)) throw new Error(`unsafe SIP test credentials for ${user}`)
    return `    $sht(users=>${user}) = "${password}";`
  })
  return template
    .replaceAll('{{UDP_PORT}}', String(udpPort))
    .replaceAll('{{WS_PORT}}', String(wsPort))
    .replaceAll('{{MODULES}}', modulesDir() ?? '')
    .replace('{{USERS}}', lines.join('\n'))
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** Debian's Kamailio as a foreground child on free ports, with the given users. */
export async function startKamailio(users: SipUser[]): Promise<Kamailio> {
  const missing = kamailioMissing()
  if (missing) throw new Error(missing)
  const dir = await mkdtemp(join(tmpdir(), 'sc-kamailio-'))
  const [udpPort, wsPort] = [await freePort(), await freePort()]
  const cfg = join(dir, 'kamailio.cfg')
  await writeFile(cfg, renderConfig(await readFile(TEMPLATE, 'utf8'), udpPort, wsPort, users))
  const check = spawnSync(BINARY, ['-c', '-f', cfg], { encoding: 'utf8' })
  if (check.status !== 0) throw new Error(`kamailio rejects the generated config:\n${check.stderr}`)

  let child: ChildProcess | undefined
  let output = ''
  const start = async (): Promise<void> => {
    if (child) throw new Error('kamailio is already running')
    // -DD: stay in the foreground (children still fork), -E: log to stderr, -Y: private run dir
    const proc = spawn(BINARY, ['-f', cfg, '-DD', '-E', '-Y', dir], { stdio: ['ignore', 'pipe', 'pipe'] })
    child = proc
    proc.stdout.on('data', (c: Buffer) => (output += c.toString()))
    proc.stderr.on('data', (c: Buffer) => (output += c.toString()))
    const until = Date.now() + 15_000
    while (!(await listening(wsPort))) {
      if (proc.exitCode !== null) throw new Error(`kamailio exited with ${proc.exitCode}:\n${output}`)
      if (Date.now() > until) throw new Error(`kamailio not listening on ${wsPort} after 15 s:\n${output}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  const stop = async (): Promise<void> => {
    await stopChild(child)
    child = undefined
  }
  await start()
  return {
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    domain: '127.0.0.1',
    udpPort,
    invites: () => [...output.matchAll(/^.*INVITE-SEEN (\S+)$/gm)].map((m) => m[1] ?? ''),
    start,
    stop,
    restart: async () => {
      await stop()
      await start()
    },
    dispose: async () => {
      await stop()
      await rm(dir, { recursive: true, force: true })
    },
    log: () => output,
  }
}
