import { describe, expect, it } from 'vitest'
import { allowedNext, canTransition } from '../../src/shared/domain/workOrderStatus'
import { WorkOrderStatus } from '../../src/shared/domain/records'

describe('work-order status machine', () => {
  it('walks the normal path and allows reopening', () => {
    const path = [
      'new',
      'assigned',
      'in_progress',
      'waiting_customer',
      'in_progress',
      'resolved',
      'closed',
      'in_progress',
    ] as const
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true)
  })
  it('refuses skipping to closed and staying in place', () => {
    expect(canTransition('new', 'closed')).toBe(false)
    expect(canTransition('in_progress', 'closed')).toBe(false)
    for (const s of WorkOrderStatus.options) expect(allowedNext(s)).not.toContain(s)
  })
})
