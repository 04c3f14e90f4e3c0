/** Memory and CPU of processes and of the whole machine, read from /proc (Linux). */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { QUIET_WAIT_MS } from './config'
import { sleep } from './wait'

export function rssKiB(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)\s+kB/)
  return m ? Number(m[1]) : NaN
}

let clockTicks = 100
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
} catch {
  // Linux default
}
/** user + system CPU seconds of a process so far */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(f[11]) + Number(f[12])) / clockTicks
}

/** busy and stolen CPU seconds of the whole machine so far (all cores) */
export function machineCpu(): { busy: number; steal: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f
  return { busy: (user + nice + system + irq + softirq) / clockTicks, steal: steal / clockTicks }
}

/** total time this run may spend waiting for other processes on the machine to go quiet */
let quietBudgetMs = 60_000

/**
 * Waits (bounded, at most QUIET_WAIT_MS per window and quietBudgetMs per run) until processes
 * other than this benchmark's use under 0.3 cores, so a window is less likely to be measured
 * while something else (a test run, a type check) holds the machine. Returns their last figure.
 */
export async function quietMachine(pids: number[]): Promise<number> {
  const ours = () => [process.pid, ...pids].reduce((x, p) => x + cpuSeconds(p), 0)
  const sample = async () => {
    const m0 = machineCpu().busy
    const o0 = ours()
    const t0 = performance.now()
    await sleep(500)
    return (machineCpu().busy - m0 - (ours() - o0)) / ((performance.now() - t0) / 1000)
  }
  const t0 = performance.now()
  let others = await sample()
  while (others > 0.3 && performance.now() - t0 < Math.min(QUIET_WAIT_MS, quietBudgetMs)) others = await sample()
  quietBudgetMs = Math.max(0, quietBudgetMs - (performance.now() - t0))
  return others
}
