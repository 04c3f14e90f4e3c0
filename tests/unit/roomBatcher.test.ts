import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LiveChange } from '../../src/shared/sync/feed'
import { MAX_BATCH, RoomBatcher } from '../../src/server/socket/roomBatcher'

const change = (seq: number): LiveChange => ({
  seq,
  prev: seq - 1,
  entity: 'workOrder',
  entityId: `wo-${seq}`,
  op: 'upsert',
  data: { status: 'in_progress' },
  changedFields: ['status'],
  by: 'u-agent01',
  opId: null,
})

describe('room batcher: one frame per audience per window', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('sends a burst as one frame per room, in commit order, after the window', () => {
    const sent: [string, number[]][] = []
    const b = new RoomBatcher<LiveChange>(10, (rooms, batch) => sent.push([rooms.join('|'), batch.map((c) => c.seq)]))
    b.add('feed:all', change(1))
    b.add('feed:store:st-01', change(1))
    b.add('feed:all', change(2))
    expect(sent).toEqual([])
    vi.advanceTimersByTime(10)
    expect(sent).toEqual([
      ['feed:all', [1, 2]],
      ['feed:store:st-01', [1]],
    ])
    b.add('feed:all', change(3))
    vi.advanceTimersByTime(10)
    expect(sent.at(-1)).toEqual(['feed:all', [3]])
  })

  it('sends a full room at once and everything left on flush (shutdown)', () => {
    const sent: number[][] = []
    const b = new RoomBatcher<LiveChange>(1000, (_room, batch) => sent.push(batch.map((c) => c.seq)))
    for (let i = 1; i <= MAX_BATCH + 1; i++) b.add('feed:all', change(i))
    expect(sent).toHaveLength(1)
    expect(sent[0]).toHaveLength(MAX_BATCH)
    b.flush()
    expect(sent[1]).toEqual([MAX_BATCH + 1])
  })

  it('keeps a union of rooms together, so a socket in several of them gets each item once', () => {
    const sent: [string[], number[]][] = []
    const b = new RoomBatcher<LiveChange>(10, (rooms, batch) => sent.push([rooms, batch.map((c) => c.seq)]))
    b.add(['role:supervisor', 'store:st-01'], change(1))
    b.add(['role:supervisor', 'store:st-01'], change(2))
    vi.advanceTimersByTime(10)
    expect(sent).toEqual([
      [
        ['role:supervisor', 'store:st-01'],
        [1, 2],
      ],
    ])
  })

  it('sends each change alone when batching is off', () => {
    const sent: number[][] = []
    const b = new RoomBatcher<LiveChange>(0, (_room, batch) => sent.push(batch.map((c) => c.seq)))
    b.add('feed:all', change(1))
    expect(sent).toEqual([[1]])
  })
})
