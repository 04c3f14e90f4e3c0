import { z } from 'zod'

const MINUTE = 60_000
const DAY = 86_400_000
const MAX_DAYS = 3660

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
/** [open, close) in minutes after local midnight; 09:00–18:00 is [540, 1080] */
const OpeningHours = z
  .tuple([z.number().int().min(0).max(1440), z.number().int().min(0).max(1440)])
  .refine(([open, close]) => open < close, 'opening must be before closing')

/**
 * A store's working time. The offset is fixed: Asia/Shanghai has had no daylight saving since
 * 1991, so UTC+8 is exact for every order this system sees and no time-zone library is needed
 * (plain arithmetic also keeps SLA maths cheap enough to run for every order in a tick).
 */
export const StoreCalendar = z.object({
  timeZone: z.literal('Asia/Shanghai'),
  utcOffsetMin: z.literal(480),
  /** opening hours per weekday, index 0 = Sunday; several ranges allow a lunch break */
  weekly: z.array(z.array(OpeningHours)).length(7),
  /** local dates the store is closed (statutory holidays) */
  holidays: z.array(LocalDate),
  /** weekend dates worked instead (调休), with their own hours */
  makeUpDays: z.array(LocalDate),
  makeUpHours: z.array(OpeningHours),
})
export type StoreCalendar = z.infer<typeof StoreCalendar>

const WEEKDAY: [number, number][] = [[540, 1080]]

/**
 * The default service calendar: Monday–Friday 09:00–18:00, Saturday 10:00–16:00, closed on
 * Sundays and on the 2026 public holidays, open on the make-up working days.
 */
export const DEFAULT_CALENDAR: StoreCalendar = {
  timeZone: 'Asia/Shanghai',
  utcOffsetMin: 480,
  weekly: [[], WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, [[600, 960]]],
  holidays: [
    '2026-01-01',
    '2026-01-02',
    '2026-01-03',
    ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => `2026-02-${d}`),
    '2026-04-04',
    '2026-04-05',
    '2026-04-06',
    ...['01', '02', '03', '04', '05'].map((d) => `2026-05-${d}`),
    '2026-06-19',
    '2026-06-20',
    '2026-06-21',
    '2026-09-25',
    '2026-09-26',
    '2026-09-27',
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => `2026-10-${d}`),
  ],
  makeUpDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  makeUpHours: WEEKDAY,
}

interface DayTable {
  holidays: Set<string>
  makeUp: Set<string>
}
const tables = new WeakMap<StoreCalendar, DayTable>()

function tableOf(cal: StoreCalendar): DayTable {
  let t = tables.get(cal)
  if (!t) {
    t = { holidays: new Set(cal.holidays), makeUp: new Set(cal.makeUpDays) }
    tables.set(cal, t)
  }
  return t
}

/** The local day number (days since 1970-01-01 in the store's time) of an instant. */
function localDay(t: number, cal: StoreCalendar): number {
  return Math.floor((t + cal.utcOffsetMin * MINUTE) / DAY)
}

/** Opening ranges of one local day as UTC instants, in order. */
function openRanges(day: number, cal: StoreCalendar): [number, number][] {
  const date = new Date(day * DAY).toISOString().slice(0, 10)
  const table = tableOf(cal)
  const hours = table.holidays.has(date)
    ? []
    : table.makeUp.has(date)
      ? cal.makeUpHours
      : (cal.weekly[(day + 4) % 7] ?? []) // 1970-01-01 was a Thursday
  const midnight = day * DAY - cal.utcOffsetMin * MINUTE
  return hours.map(([open, close]) => [midnight + open * MINUTE, midnight + close * MINUTE])
}

/**
 * The instant `minutes` business minutes after `start`. Time outside opening hours does not
 * count, so an order opened at night starts its clock when the store opens.
 */
export function addBusinessMinutes(start: number, minutes: number, cal: StoreCalendar): number {
  let left = minutes * MINUTE
  if (left <= 0) return start
  const first = localDay(start, cal)
  for (let day = first; day < first + MAX_DAYS; day++) {
    for (const [open, close] of openRanges(day, cal)) {
      const from = Math.max(open, start)
      if (from >= close) continue
      if (left <= close - from) return from + left
      left -= close - from
    }
  }
  throw new Error(`calendar has no ${minutes} business minutes within ${MAX_DAYS} days`)
}

/** Business minutes from `a` to `b` (negative when b is earlier). */
export function businessMinutesBetween(a: number, b: number, cal: StoreCalendar): number {
  if (b < a) return -businessMinutesBetween(b, a, cal)
  let ms = 0
  for (let day = localDay(a, cal); day <= localDay(b, cal); day++) {
    for (const [open, close] of openRanges(day, cal)) {
      const from = Math.max(open, a)
      const to = Math.min(close, b)
      if (to > from) ms += to - from
    }
  }
  return ms / MINUTE
}
