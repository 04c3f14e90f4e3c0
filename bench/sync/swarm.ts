/** The orchestrator's side of a seat swarm: a child process (bench/sync/seatSwarm.ts) driven over IPC. */
import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { IPC_MS, ROOT } from './config'
import type { SwarmCommand, SwarmReply } from './swarmProtocol'

export class SwarmProcess {
  private nextId = 1
  private readonly pending = new Map<number, (r: SwarmReply) => void>()
  private constructor(readonly child: ChildProcess) {
    child.on('message', (m: SwarmReply) => this.pending.get(m.id)?.(m))
    child.on('exit', (code) => {
      for (const resolve of this.pending.values()) resolve({ id: -1, ok: false, error: `swarm exited (${code})` })
      this.pending.clear()
    })
  }

  static async start(): Promise<SwarmProcess> {
    const child = fork(join(ROOT, 'bench/sync/seatSwarm.ts'), [], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const swarm = new SwarmProcess(child)
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('seat swarm did not start within 30 s')), 30_000)
      swarm.pending.set(0, () => {
        clearTimeout(timer)
        resolve()
      })
    })
    return swarm
  }

  request<T>(command: SwarmCommand, timeoutMs = IPC_MS): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`seat swarm: '${command.cmd}' unanswered after ${timeoutMs} ms`))
      }, timeoutMs)
      this.pending.set(id, (reply) => {
        clearTimeout(timer)
        this.pending.delete(id)
        if (reply.ok) resolve(reply.result as T)
        else reject(new Error(`seat swarm: ${reply.error}`))
      })
      this.child.send({ ...command, id })
    })
  }
}

/** Sends the same command to every swarm; resolves with their results in swarm order. */
export const requestAll = <T>(swarms: SwarmProcess[], command: SwarmCommand, timeoutMs?: number) =>
  Promise.all(swarms.map((s) => s.request<T>(command, timeoutMs)))
