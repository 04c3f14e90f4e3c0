import { coldStart } from './coldStart'
import { customer } from './customer'
import { customerRender } from './customerRender'
import { kb } from './kb'
import { sync } from './sync'
import type { BenchRow } from './table'
import { workorder } from './workorder'

export const benchmarks: Record<string, { run(): Promise<BenchRow[]> }> = {
  'cold-start': coldStart,
  customer,
  'customer-render': customerRender,
  kb,
  sync,
  workorder,
}
