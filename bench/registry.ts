import { coldStart } from './coldStart'
import { customer } from './customer'
import { sync } from './sync'
import type { BenchRow } from './table'

export const benchmarks: Record<string, { run(): Promise<BenchRow[]> }> = {
  'cold-start': coldStart,
  customer,
  sync,
}
