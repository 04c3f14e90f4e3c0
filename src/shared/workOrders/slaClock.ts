import { z } from 'zod'
import { addBusinessMinutes, businessMinutesBetween, type StoreCalendar } from './businessCalendar'

/**
 * One SLA clock (first response or solution) as persisted and sent to seats. Pauses (waiting on
 * the customer) are kept as business minutes, so the deadline is simply start + target + paused
 * in business time, and the instants `warnAt` / `dueAt` can be indexed and compared without the
 * calendar.
 */
export const SlaClock = z.object({
  targetMin: z.number(),
  warnMin: z.number(),
  startedAt: z.number(),
  pausedMin: z.number(),
  pausedAt: z.number().nullable(),
  metAt: z.number().nullable(),
  /** null while paused or met */
  warnAt: z.number().nullable(),
  dueAt: z.number().nullable(),
  /** when the warning / breach was processed (set once) */
  warnedAt: z.number().nullable(),
  breachedAt: z.number().nullable(),
})
export type SlaClock = z.infer<typeof SlaClock>

export type ClockState = 'running' | 'paused' | 'met' | 'warning' | 'breached'

export function startClock(targetMin: number, warnRatio: number, at: number, cal: StoreCalendar): SlaClock {
  return schedule(
    {
      targetMin,
      warnMin: targetMin * warnRatio,
      startedAt: at,
      pausedMin: 0,
      pausedAt: null,
      metAt: null,
      warnAt: null,
      dueAt: null,
      warnedAt: null,
      breachedAt: null,
    },
    cal,
  )
}

function schedule(c: SlaClock, cal: StoreCalendar): SlaClock {
  return {
    ...c,
    warnAt: addBusinessMinutes(c.startedAt, c.warnMin + c.pausedMin, cal),
    dueAt: addBusinessMinutes(c.startedAt, c.targetMin + c.pausedMin, cal),
  }
}

export function pauseClock(c: SlaClock, at: number): SlaClock {
  if (c.metAt !== null || c.pausedAt !== null) return c
  return { ...c, pausedAt: at, warnAt: null, dueAt: null }
}

export function resumeClock(c: SlaClock, at: number, cal: StoreCalendar): SlaClock {
  if (c.pausedAt === null) return c
  const pausedMin = c.pausedMin + businessMinutesBetween(c.pausedAt, at, cal)
  return schedule({ ...c, pausedMin, pausedAt: null }, cal)
}

/** Stops the clock (responded / solved); a paused clock counts up to its pause. */
export function meetClock(c: SlaClock, at: number): SlaClock {
  if (c.metAt !== null) return c
  return { ...c, metAt: c.pausedAt ?? at, pausedAt: null, warnAt: null, dueAt: null }
}

/** Restarts a met clock (reopened order) where it stopped: the time it stood still is not counted. */
export function reopenClock(c: SlaClock, at: number, cal: StoreCalendar): SlaClock {
  if (c.metAt === null) return c
  return resumeClock({ ...c, pausedAt: c.metAt, metAt: null }, at, cal)
}

export interface ClockView {
  state: ClockState
  elapsedMin: number
  /** negative once overdue */
  remainingMin: number
}

/** What a screen shows for a clock at `now`: state and business minutes used and left. */
export function clockState(c: SlaClock, now: number, cal: StoreCalendar): ClockView {
  const until = c.metAt ?? c.pausedAt ?? now
  const elapsedMin = businessMinutesBetween(c.startedAt, until, cal) - c.pausedMin
  const remainingMin = c.targetMin - elapsedMin
  const state: ClockState =
    c.metAt !== null
      ? 'met'
      : c.pausedAt !== null
        ? 'paused'
        : elapsedMin >= c.targetMin
          ? 'breached'
          : elapsedMin >= c.warnMin
            ? 'warning'
            : 'running'
  return { state, elapsedMin, remainingMin }
}
