import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalCache } from '../../src/main/services/sync/localCache'
import type { FeedChange } from '../../src/shared/sync/feed'

const wo = (seq: number, status: string): FeedChange => ({
  seq,
  entity: 'workOrder',
  entityId: 'wo-1',
  op: 'upsert',
  data: { id: 'wo-1', storeId: 'st-01', status, feedSeq: seq },
  changedFields: ['status'],
  by: 'u-x',
  opId: null,
})

async function cache(): Promise<LocalCache> {
  const c = new LocalCache(join(await mkdtemp(join(tmpdir(), 'sc-cache-')), 'cache.db'))
  c.bind('u-agent01', 'all')
  return c
}

describe('local cache', () => {
  it('never moves a record back to an older change, and keeps the highest cursor', async () => {
    const c = await cache()
    expect(c.applyChanges([wo(5, 'in_progress')], 5)).toHaveLength(1)
    expect(c.applyChanges([wo(3, 'assigned')], 3)).toHaveLength(0)
    expect(c.get<{ status: string }>('workOrder', 'wo-1')?.status).toBe('in_progress')
    expect(c.cursor()).toBe(5)
  })

  it('shows pending writes on top of the cached record until they are acknowledged', async () => {
    const c = await cache()
    c.applyChanges([wo(1, 'new')], 1)
    c.enqueue('op-1', { kind: 'workOrder.setStatus', workOrderId: 'wo-1', status: 'assigned' })
    expect(c.get<{ status: string }>('workOrder', 'wo-1')?.status).toBe('assigned')
    expect(c.countPending()).toBe(1)
    c.reject('op-1', { code: 'SCHEMA', message: 'nope' })
    expect(c.get<{ status: string }>('workOrder', 'wo-1')?.status).toBe('new')
    expect(c.rejected()).toMatchObject([{ opId: 'op-1', error: { message: 'nope' } }])
    expect(c.dismiss('op-1')).toBe(true)
  })

  it("forgets the previous user's records on a user change but keeps their unsent writes for them", async () => {
    const c = await cache()
    c.applyChanges([wo(1, 'new')], 1)
    c.enqueue('op-a', { kind: 'workOrder.setStatus', workOrderId: 'wo-1', status: 'assigned' })
    c.bind('u-desk02', 'store:st-02')
    expect(c.get('workOrder', 'wo-1')).toBeNull()
    expect(c.cursor()).toBe(0)
    expect(c.countPending()).toBe(0)
    c.bind('u-agent01', 'all')
    expect(c.pending().map((p) => p.opId)).toEqual(['op-a'])
  })
})

describe('customer search in the cache', () => {
  const customer = (id: string, name: string, masked: string, memberNo: string) => ({
    seq: Number(id.slice(2)),
    entity: 'customer' as const,
    entityId: id,
    op: 'upsert' as const,
    data: {
      id,
      name,
      phoneMasked: masked,
      phoneHash: `h-${id}`,
      memberNo,
      tier: 'basic',
      homeStoreId: 'st-01',
      feedSeq: Number(id.slice(2)),
    },
    changedFields: [],
    by: null,
    opId: null,
  })

  it('ranks member number, then name prefix, then name anywhere; finds by the visible phone digits and hash', async () => {
    const c = await cache()
    c.applyChanges(
      [
        customer('c-1', '王小明', '138****5678', 'M10000001'),
        customer('c-2', '李王', '139****1234', 'M10000002'),
        customer('c-3', '王芳', '186****5678', 'M10000003'),
      ],
      3,
    )
    // full-name prefixes in name order (王小明 < 王芳 by code point), then given names (李王)
    expect(c.searchCustomers('王', 10).map((h) => [h.id, h.matched])).toEqual([
      ['c-1', 'name'],
      ['c-3', 'name'],
      ['c-2', 'name'],
    ])
    expect(c.searchCustomers('小明', 10).map((h) => h.id)).toEqual(['c-1'])
    expect(c.searchCustomers('10000002', 10)).toMatchObject([{ id: 'c-2', matched: 'member' }])
    expect(
      c
        .searchCustomers('5678', 10)
        .map((h) => h.id)
        .sort(),
    ).toEqual(['c-1', 'c-3'])
    expect(c.searchCustomers('139', 10).map((h) => h.id)).toEqual(['c-2'])
    expect(c.searchCustomers('%', 10)).toEqual([])
    expect(c.customerByPhoneHash('h-c-3')?.name).toBe('王芳')
  })
})
