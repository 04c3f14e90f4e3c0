import type { BenchRow } from './table'
import { assignmentBench } from './workorder/assignmentBench'
import { listBench } from './workorder/listBench'
import { slaTickBench } from './workorder/slaTickBench'

const OPEN = Number(process.env.BENCH_OPEN_ORDERS ?? 10_000)
const AGENTS = Number(process.env.BENCH_AGENTS ?? 500)
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2000)
const SLA_ORDERS = Number(process.env.BENCH_SLA_ORDERS ?? 100_000)
const LIST_ORDERS = Number(process.env.BENCH_LIST_ORDERS ?? 100_000)
/** `npm run bench -- workorder list` runs one part; no part runs them all */
const PART = process.argv[3]

/**
 * Work orders: assignment decisions (in-memory load index vs recounting every open order), the
 * SLA scheduler's tick over 100,000 open orders (index probe vs full scan), and the seat's list
 * over 100,000 cached orders (in-memory list index vs loading all and filtering in JS).
 */
export const workorder = {
  async run(): Promise<BenchRow[]> {
    const parts: Record<string, () => Promise<BenchRow[]>> = {
      assignment: async () => [assignmentBench(OPEN, AGENTS, SAMPLES)],
      sla: () => slaTickBench(SLA_ORDERS),
      list: async () => listBench(LIST_ORDERS),
    }
    const chosen = PART ? [parts[PART]] : Object.values(parts)
    if (chosen.some((part) => !part)) throw new Error(`workorder parts: ${Object.keys(parts).join(', ')}`)
    const rows: BenchRow[] = []
    for (const part of chosen) rows.push(...(await part!()))
    return rows
  },
}
