/**
 * Keyboard-wedge (HID) scanners type a code far faster than a person and end it with Enter or
 * Tab. The detector watches key presses with their timestamps and decides, at the terminator,
 * whether the burst before it was a scan. People are never taken for a scanner: a burst must
 * average under `maxAverageGapMs` between keys (≈ 340 words a minute) with no single pause over
 * `maxGapMs`, and hold at least `minLength` characters.
 */
export interface WedgeOptions {
  /** a pause longer than this between two keys ends the burst (ms) */
  maxGapMs: number
  /** the burst's mean gap between keys must be at most this (ms) */
  maxAverageGapMs: number
  /** fewer characters than this (after the prefix) is never a scan */
  minLength: number
  /** characters the scanner is set to send before every code ('' for none) */
  prefix: string
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { maxGapMs: 80, maxAverageGapMs: 35, minLength: 6, prefix: '' }

export interface WedgeKey {
  /** KeyboardEvent.key */
  key: string
  /** when it was pressed (ms, any monotonic clock) */
  at: number
  /** Ctrl, Alt or Meta held: a shortcut, never part of a scan */
  withModifier?: boolean
}

export interface WedgeScan {
  code: string
  /** characters of the burst (prefix included) that reached the focused field and must come out */
  typed: string
}

const TERMINATORS = new Set(['Enter', 'Tab'])
/** keys a scanner presses around characters (Shift for capitals) that neither add nor break */
const NEUTRAL = new Set(['Shift', 'CapsLock'])

export class WedgeDetector {
  private chars: string[] = []
  private times: number[] = []

  constructor(private readonly options: WedgeOptions = DEFAULT_WEDGE_OPTIONS) {}

  /** Feeds one key press; answers the scan when this key ends one, else null. */
  push(event: WedgeKey): WedgeScan | null {
    if (NEUTRAL.has(event.key)) return null
    const last = this.times.at(-1)
    if (last !== undefined && event.at - last > this.options.maxGapMs) this.reset()
    if (event.withModifier) {
      this.reset()
      return null
    }
    if (TERMINATORS.has(event.key)) {
      const scan = this.times.length > 0 ? this.verdict(event.at) : null
      this.reset()
      return scan
    }
    if ([...event.key].length !== 1) {
      this.reset()
      return null
    }
    this.chars.push(event.key)
    this.times.push(event.at)
    return null
  }

  reset(): void {
    this.chars = []
    this.times = []
  }

  private verdict(endAt: number): WedgeScan | null {
    const typed = this.chars.join('')
    const { prefix, minLength, maxAverageGapMs } = this.options
    if (!typed.startsWith(prefix)) return null
    const code = typed.slice(prefix.length)
    if ([...code].length < minLength) return null
    const first = this.times[0] ?? endAt
    const averageGap = (endAt - first) / this.times.length
    return averageGap <= maxAverageGapMs ? { code, typed } : null
  }
}
