import type { CustomerRecord, WorkOrderRecord } from '../../../shared/domain/records'
import type { LocalCache } from '../sync/localCache'
import type { CustomerLabel } from './listEntry'
import type { WorkOrderListSource } from './workOrderListIndex'

const labelOf = (c: CustomerRecord): CustomerLabel => ({ name: c.name, phoneTail: c.phoneMasked.slice(-4) })

/** The seat cache as the list index reads it. */
export function cacheListSource(cache: LocalCache): WorkOrderListSource {
  return {
    workOrdersAfter: (afterId, limit) => cache.page<WorkOrderRecord>('workOrder', afterId, limit),
    workOrder: (id) => cache.get<WorkOrderRecord>('workOrder', id),
    customerLabels: () => new Map(cache.customerNames().map((c) => [c.id, { name: c.name, phoneTail: c.tail }])),
    customerLabel: (id) => {
      const customer = cache.get<CustomerRecord>('customer', id)
      return customer ? labelOf(customer) : null
    },
  }
}
