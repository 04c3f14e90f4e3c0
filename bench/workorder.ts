import type { BenchRow } from './table'
import { assignmentBench } from './workorder/assignmentBench'
import { slaTickBench } from './workorder/slaTickBench'

const OPEN = Number(process.env.BENCH_OPEN_ORDERS ?? 10_000)
const AGENTS = Number(process.env.BENCH_AGENTS ?? 500)
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2000)
const SLA_ORDERS = Number(process.env.BENCH_SLA_ORDERS ?? 100_000)

/**
 * Work orders: assignment decisions (in-memory load index vs recounting every open order) and
 * the SLA scheduler's tick over 100,000 open orders (index probe vs full scan).
 */
export const workorder = {
  async run(): Promise<BenchRow[]> {
    return [assignmentBench(OPEN, AGENTS, SAMPLES), ...(await slaTickBench(SLA_ORDERS))]
  },
}
