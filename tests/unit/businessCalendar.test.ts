import { describe, expect, it } from 'vitest'
import {
  addBusinessMinutes,
  businessMinutesBetween,
  DEFAULT_CALENDAR,
  type StoreCalendar,
} from '../../src/shared/workOrders/businessCalendar'

/** Shanghai wall-clock time → instant. */
const cn = (local: string) => Date.parse(`${local}:00+08:00`)
/** instant → Shanghai wall-clock time, for readable failures */
const wall = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 16)

const DAY: [number, number][] = [
  [540, 720],
  [780, 1080],
]
/** Mon–Fri 09:00–12:00 and 13:00–18:00; 1 May 2026 (Fri) a holiday; Sat 9 May a make-up day. */
const cal: StoreCalendar = {
  ...DEFAULT_CALENDAR,
  weekly: [[], DAY, DAY, DAY, DAY, DAY, []],
  holidays: ['2026-05-01'],
  makeUpDays: ['2026-05-09'],
  makeUpHours: [[540, 1080]],
}

describe('business-hours arithmetic (Asia/Shanghai)', () => {
  it('counts minutes within opening hours and skips the lunch break', () => {
    expect(wall(addBusinessMinutes(cn('2026-05-11T10:00'), 30, cal))).toBe('2026-05-11T10:30')
    expect(wall(addBusinessMinutes(cn('2026-05-11T11:50'), 20, cal))).toBe('2026-05-11T13:10')
    expect(wall(addBusinessMinutes(cn('2026-05-11T09:00'), 480, cal))).toBe('2026-05-11T18:00')
  })

  it('carries over the night and starts night-time orders at opening', () => {
    expect(wall(addBusinessMinutes(cn('2026-05-11T17:50'), 30, cal))).toBe('2026-05-12T09:20')
    expect(wall(addBusinessMinutes(cn('2026-05-11T22:00'), 5, cal))).toBe('2026-05-12T09:05')
    // 08:30 local is 00:30 UTC: the fixed UTC+8 offset, no DST
    expect(addBusinessMinutes(Date.parse('2026-05-12T00:30:00Z'), 5, cal)).toBe(Date.parse('2026-05-12T01:05:00Z'))
  })

  it('skips weekends and holidays and works make-up days', () => {
    expect(wall(addBusinessMinutes(cn('2026-05-15T17:00'), 120, cal))).toBe('2026-05-18T10:00')
    // Thu 30 Apr evening → Fri 1 May holiday, weekend → Mon 4 May
    expect(wall(addBusinessMinutes(cn('2026-04-30T17:30'), 60, cal))).toBe('2026-05-04T09:30')
    // Fri 8 May evening → Sat 9 May is worked (调休), without a lunch break
    expect(wall(addBusinessMinutes(cn('2026-05-08T17:30'), 60, cal))).toBe('2026-05-09T09:30')
    expect(wall(addBusinessMinutes(cn('2026-05-09T11:30'), 60, cal))).toBe('2026-05-09T12:30')
  })

  it('measures business minutes between two instants, negative backwards', () => {
    expect(businessMinutesBetween(cn('2026-05-15T17:00'), cn('2026-05-18T10:00'), cal)).toBe(120)
    expect(businessMinutesBetween(cn('2026-05-18T10:00'), cn('2026-05-15T17:00'), cal)).toBe(-120)
    expect(businessMinutesBetween(cn('2026-04-30T20:00'), cn('2026-05-04T08:00'), cal)).toBe(0)
    expect(businessMinutesBetween(cn('2026-05-08T18:00'), cn('2026-05-11T09:00'), cal)).toBe(540)
  })

  it('is the inverse of adding, for starts at every hour of a fortnight', () => {
    for (let h = 0; h < 14 * 24; h += 1) {
      const start = cn('2026-04-27T00:00') + h * 3_600_000 + 17 * 60_000
      for (const m of [1, 5, 30, 120, 240, 1440]) {
        const end = addBusinessMinutes(start, m, cal)
        expect(businessMinutesBetween(start, end, cal)).toBeCloseTo(m, 6)
      }
    }
  })

  it('follows the default calendar: Sunday closed, Saturday short, National Day off', () => {
    expect(wall(addBusinessMinutes(cn('2026-11-21T15:30'), 60, DEFAULT_CALENDAR))).toBe('2026-11-23T09:30')
    expect(wall(addBusinessMinutes(cn('2026-09-30T17:00'), 120, DEFAULT_CALENDAR))).toBe('2026-10-08T10:00')
  })
})
