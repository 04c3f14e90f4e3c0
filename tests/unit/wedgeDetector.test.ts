import { describe, expect, it } from 'vitest'
import { DEFAULT_WEDGE_OPTIONS, WedgeDetector, type WedgeScan } from '../../src/shared/scanning/wedgeDetector'

/** Presses each key `gapMs` after the previous one on a fake clock; answers every scan seen. */
function type(detector: WedgeDetector, keys: string[], gapMs: number | number[], start = 0): WedgeScan[] {
  const scans: WedgeScan[] = []
  let at = start
  keys.forEach((key, i) => {
    at += Array.isArray(gapMs) ? (gapMs[i] ?? 0) : gapMs
    const scan = detector.push({ key, at })
    if (scan) scans.push(scan)
  })
  return scans
}
const chars = (s: string) => [...s]

describe('keyboard-wedge detector', () => {
  it('takes a fast burst ended by Enter or Tab as a scan', () => {
    expect(type(new WedgeDetector(), [...chars('7K3M9QXA'), 'Enter'], 5)).toEqual([
      { code: '7K3M9QXA', typed: '7K3M9QXA' },
    ])
    expect(type(new WedgeDetector(), [...chars('M10000042'), 'Tab'], 20)).toEqual([
      { code: 'M10000042', typed: 'M10000042' },
    ])
  })

  it('never takes a person for a scanner, however regular', () => {
    for (const gap of [150, 90, 60, 40]) {
      expect(type(new WedgeDetector(), [...chars('7K3M9QXA'), 'Enter'], gap)).toEqual([])
    }
  })

  it('tolerates scanner jitter but not a burst averaging over 35 ms', () => {
    const jitter = [0, 10, 70, 8, 9, 12, 30, 9, 10]
    expect(type(new WedgeDetector(), [...chars('7K3M9QXA'), 'Enter'], jitter)).toHaveLength(1)
    const slowish = [0, 36, 36, 36, 36, 36, 36, 36, 36]
    expect(type(new WedgeDetector(), [...chars('7K3M9QXA'), 'Enter'], slowish)).toEqual([])
  })

  it('needs six characters, and a pause before Enter spoils the scan', () => {
    expect(type(new WedgeDetector(), [...chars('12345'), 'Enter'], 5)).toEqual([])
    expect(type(new WedgeDetector(), [...chars('123456'), 'Enter'], [5, 5, 5, 5, 5, 5, 400])).toEqual([])
  })

  it('keeps only the fast burst after slow typing: the typed prefix is not part of the code', () => {
    const gaps = [0, 200, 200, 5, 5, 5, 5, 5, 5, 5, 5, 5]
    expect(type(new WedgeDetector(), [...chars('ab'), ...chars('SO20000001'), 'Enter'], gaps)).toEqual([
      { code: 'SO20000001', typed: 'SO20000001' },
    ])
  })

  it('ignores Shift, and a shortcut or a navigation key breaks the burst', () => {
    const withShift = ['Shift', 'A', 'Shift', 'B', ...chars('CDEF'), 'Enter']
    expect(type(new WedgeDetector(), withShift, 4)).toEqual([{ code: 'ABCDEF', typed: 'ABCDEF' }])
    const detector = new WedgeDetector()
    expect(type(detector, [...chars('ABC'), 'ArrowLeft', ...chars('DEF'), 'Enter'], 4)).toEqual([])
    detector.push({ key: 'A', at: 1000 })
    detector.push({ key: 'v', at: 1004, withModifier: true })
    expect(type(detector, [...chars('BCDEF'), 'Enter'], 4, 1004)).toEqual([])
  })

  it('with a configured prefix, only bursts that start with it are scans, and the prefix is stripped', () => {
    const detector = new WedgeDetector({ ...DEFAULT_WEDGE_OPTIONS, prefix: '~' })
    expect(type(detector, [...chars('~M10000042'), 'Enter'], 5)).toEqual([{ code: 'M10000042', typed: '~M10000042' }])
    expect(type(detector, [...chars('M10000042'), 'Enter'], 5, 1000)).toEqual([])
  })

  it('Enter alone or after an empty burst is left to the page', () => {
    expect(type(new WedgeDetector(), ['Enter', 'Enter'], 5)).toEqual([])
  })
})
