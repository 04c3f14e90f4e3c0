import { describe, expect, it } from 'vitest'
import { DEFAULT_FRAME_OPTIONS, FrameSplitter, type FrameSuffix } from '../../src/shared/scanning/frameSplitter'

const bytes = (s: string) => new TextEncoder().encode(s)
const splitter = (suffix: FrameSuffix = 'auto') => new FrameSplitter({ ...DEFAULT_FRAME_OPTIONS, suffix })
const codes = (s: FrameSplitter, input: string, at = 0) => s.push(bytes(input), at)

describe('serial frame splitter', () => {
  it('splits on CR, LF and CRLF in auto mode, one frame per code', () => {
    expect(codes(splitter(), 'M10000042\rSO20000001\n7K3M9QXA\r\n')).toEqual([
      { ok: true, code: 'M10000042' },
      { ok: true, code: 'SO20000001' },
      { ok: true, code: '7K3M9QXA' },
    ])
  })

  it('with a fixed suffix, the other line-end byte is noise', () => {
    expect(codes(splitter('crlf'), 'ABC\rDEF\r\n')).toEqual([{ ok: true, code: 'ABCDEF' }])
    expect(codes(splitter('cr'), 'ABC\nDEF\r')).toEqual([{ ok: true, code: 'ABCDEF' }])
    expect(codes(splitter('lf'), 'ABC\r\n')).toEqual([{ ok: true, code: 'ABC' }])
  })

  it('joins a code split across chunks', () => {
    const s = splitter()
    expect(codes(s, 'M1000', 0)).toEqual([])
    expect(codes(s, '0042', 30)).toEqual([])
    expect(codes(s, '\r', 60)).toEqual([{ ok: true, code: 'M10000042' }])
  })

  it('drops a partial frame left stale before the next scan', () => {
    const s = splitter()
    expect(codes(s, 'GARB', 0)).toEqual([])
    expect(codes(s, 'M10000042\r', 5000)).toEqual([{ ok: true, code: 'M10000042' }])
  })

  it('drops control bytes, bad UTF-8 and empty lines; keeps UTF-8 text', () => {
    const noisy = Uint8Array.from([0x00, 0x1b, 0x07, ...bytes('M1000'), 0xff, 0xfe, ...bytes('0042'), 0x7f, 0x0d])
    expect(splitter().push(noisy, 0)).toEqual([{ ok: true, code: 'M10000042' }])
    expect(codes(splitter(), '\r\n\r\n  \r')).toEqual([])
    expect(codes(splitter(), '门店A\n')).toEqual([{ ok: true, code: '门店A' }])
  })

  it('refuses a line over 256 bytes once, then reads the next code', () => {
    const s = splitter()
    expect(codes(s, 'X'.repeat(200), 0)).toEqual([])
    expect(codes(s, `${'X'.repeat(200)}\rM10000042\r`, 10)).toEqual([
      { ok: false, error: 'too-long', bytes: 400 },
      { ok: true, code: 'M10000042' },
    ])
    expect(codes(splitter(), `${'Y'.repeat(256)}\r`)).toEqual([{ ok: true, code: 'Y'.repeat(256) }])
  })
})
