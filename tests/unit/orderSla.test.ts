import { describe, expect, it } from 'vitest'
import { DEFAULT_CALENDAR, type StoreCalendar } from '../../src/shared/workOrders/businessCalendar'
import { advanceSla, nextCheckAt, slaOnStatus, startSla } from '../../src/shared/workOrders/orderSla'
import { clockState } from '../../src/shared/workOrders/slaClock'
import { policyFor } from '../../src/shared/workOrders/slaPolicy'

const cn = (local: string) => Date.parse(`${local}:00+08:00`)
const wall = (t: number | null) => (t === null ? null : new Date(t + 8 * 3_600_000).toISOString().slice(0, 19))
const DAY: [number, number][] = [[540, 1080]]
/** Mon–Fri 09:00–18:00, nothing else */
const cal: StoreCalendar = {
  ...DEFAULT_CALENDAR,
  weekly: [[], DAY, DAY, DAY, DAY, DAY, []],
  holidays: [],
  makeUpDays: [],
}

describe('SLA policy defaults (DESIGN §2)', () => {
  it('gives A 5/30, B 30/120, C 240/1440 business minutes with warnings at 75 %', () => {
    expect(policyFor('投诉', 'A')).toMatchObject({ firstResponseMin: 5, solutionMin: 30, warnRatio: 0.75 })
    expect(policyFor('咨询', 'B')).toMatchObject({ firstResponseMin: 30, solutionMin: 120 })
    expect(policyFor('建议', 'C')).toMatchObject({ firstResponseMin: 240, solutionMin: 1440 })
    const custom = { firstResponseMin: 10, solutionMin: 60, warnRatio: 0.5, tierHoldMin: [10, 20] as [number, number] }
    expect(policyFor('维修', 'A', { '维修/A': custom })).toBe(custom)
  })
})

describe('work-order SLA clocks', () => {
  const A = policyFor('投诉', 'A')

  it('puts a Friday-evening A order due on Monday morning, warning at 75 %', () => {
    const sla = startSla(A, cn('2026-05-15T17:58'), cal)
    expect(wall(sla.firstResponse.warnAt)).toBe('2026-05-18T09:01:45')
    expect(wall(sla.firstResponse.dueAt)).toBe('2026-05-18T09:03:00')
    expect(wall(sla.solution.dueAt)).toBe('2026-05-18T09:28:00')
    expect(wall(nextCheckAt(sla))).toBe('2026-05-18T09:01:45')
    expect(clockState(sla.firstResponse, cn('2026-05-16T12:00'), cal)).toEqual({
      state: 'running',
      elapsedMin: 2,
      remainingMin: 3,
    })
    expect(clockState(sla.firstResponse, cn('2026-05-18T09:02'), cal).state).toBe('warning')
    expect(clockState(sla.firstResponse, cn('2026-05-18T09:04'), cal)).toMatchObject({
      state: 'breached',
      remainingMin: -1,
    })
  })

  it('warns once, then breaches, escalates to tier 1 and up the tiers as each hold ends', () => {
    let sla = startSla(A, cn('2026-05-18T10:00'), cal)
    let r = advanceSla(sla, cn('2026-05-18T10:04'), cal)
    expect(r.events).toEqual([{ kind: 'warning', clock: 'firstResponse', at: cn('2026-05-18T10:03') + 45_000 }])
    sla = r.sla
    expect(advanceSla(sla, cn('2026-05-18T10:04'), cal).events).toEqual([])
    sla = slaOnStatus(sla, 'new', 'in_progress', cn('2026-05-18T10:04'), cal)
    expect(clockState(sla.firstResponse, cn('2026-05-18T11:00'), cal)).toMatchObject({ state: 'met', elapsedMin: 4 })

    r = advanceSla(sla, cn('2026-05-18T10:31'), cal)
    expect(r.events.map((e) => e.kind)).toEqual(['breach', 'escalated'])
    expect(r.events[1]).toEqual({ kind: 'escalated', tier: 1, at: cn('2026-05-18T10:30') })
    sla = r.sla
    expect(sla.tier).toBe(1)
    expect(wall(sla.escalateAt)).toBe('2026-05-18T10:45:00')
    r = advanceSla(sla, cn('2026-05-18T10:46'), cal)
    expect(r.events).toEqual([{ kind: 'escalated', tier: 2, at: cn('2026-05-18T10:45') }])
    r = advanceSla(r.sla, cn('2026-05-18T11:15'), cal)
    expect(r.events).toEqual([{ kind: 'escalated', tier: 3, at: cn('2026-05-18T11:15') }])
    expect(nextCheckAt(r.sla)).toBeNull()
  })

  it('reports a breach found late (server down over the weekend) once, without a stale warning', () => {
    const sla = startSla(A, cn('2026-05-15T17:50'), cal)
    const r = advanceSla(sla, cn('2026-05-18T12:00'), cal)
    expect(r.events).toEqual([
      { kind: 'breach', clock: 'firstResponse', at: cn('2026-05-15T17:55') },
      { kind: 'breach', clock: 'solution', at: cn('2026-05-18T09:20') },
      { kind: 'escalated', tier: 1, at: cn('2026-05-15T17:55') },
      // tier 1 held 15 business minutes (Fri 17:55 → Mon 09:10), tier 2 another 30
      { kind: 'escalated', tier: 2, at: cn('2026-05-18T09:10') },
      { kind: 'escalated', tier: 3, at: cn('2026-05-18T09:40') },
    ])
    expect(advanceSla(r.sla, cn('2026-05-18T12:00'), cal).events).toEqual([])
  })

  it('pauses the solution clock and the escalation while waiting on the customer', () => {
    const B = policyFor('售后', 'B')
    let sla = startSla(B, cn('2026-05-18T10:00'), cal)
    sla = slaOnStatus(sla, 'assigned', 'in_progress', cn('2026-05-18T10:10'), cal)
    sla = slaOnStatus(sla, 'in_progress', 'waiting_customer', cn('2026-05-18T10:40'), cal)
    expect(nextCheckAt(sla)).toBeNull()
    expect(clockState(sla.solution, cn('2026-05-19T15:00'), cal)).toEqual({
      state: 'paused',
      elapsedMin: 40,
      remainingMin: 80,
    })
    sla = slaOnStatus(sla, 'waiting_customer', 'in_progress', cn('2026-05-19T16:00'), cal)
    // 80 minutes left from Tue 16:00: 120 that day is enough
    expect(wall(sla.solution.dueAt)).toBe('2026-05-19T17:20:00')
    expect(clockState(sla.solution, cn('2026-05-19T17:00'), cal)).toMatchObject({ state: 'warning', remainingMin: 20 })

    // breached and at tier 1, then waiting again: the tier hold stops too
    let r = advanceSla(sla, cn('2026-05-19T17:21'), cal)
    expect(r.sla.tier).toBe(1)
    sla = slaOnStatus(r.sla, 'in_progress', 'waiting_customer', cn('2026-05-19T17:30'), cal)
    expect(sla.escalateAt).toBeNull()
    expect(advanceSla(sla, cn('2026-05-25T12:00'), cal).events).toEqual([])
    sla = slaOnStatus(sla, 'waiting_customer', 'in_progress', cn('2026-05-20T09:00'), cal)
    // 60-minute hold, 10 used before the pause
    expect(wall(sla.escalateAt)).toBe('2026-05-20T09:50:00')
    r = advanceSla(sla, cn('2026-05-20T09:50'), cal)
    expect(r.events).toEqual([{ kind: 'escalated', tier: 2, at: cn('2026-05-20T09:50') }])
  })

  it('stops on resolve and continues where it stopped when the order is reopened', () => {
    let sla = startSla(policyFor('维修', 'C'), cn('2026-05-18T09:00'), cal)
    sla = slaOnStatus(sla, 'in_progress', 'resolved', cn('2026-05-18T12:00'), cal)
    expect(nextCheckAt(sla)).toBeNull()
    expect(clockState(sla.solution, cn('2026-05-25T12:00'), cal)).toMatchObject({ state: 'met', elapsedMin: 180 })
    sla = slaOnStatus(sla, 'resolved', 'in_progress', cn('2026-05-21T09:00'), cal)
    expect(clockState(sla.solution, cn('2026-05-21T10:00'), cal)).toMatchObject({
      state: 'running',
      elapsedMin: 240,
      remainingMin: 1200,
    })
  })
})
