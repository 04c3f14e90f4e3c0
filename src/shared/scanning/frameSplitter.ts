import { z } from 'zod'

/** How a serial scanner ends a code: `auto` takes CR, LF or CRLF. */
export const FrameSuffix = z.enum(['auto', 'cr', 'lf', 'crlf'])
export type FrameSuffix = z.infer<typeof FrameSuffix>

export type Frame = { ok: true; code: string } | { ok: false; error: 'too-long'; bytes: number }

export interface FrameSplitterOptions {
  suffix: FrameSuffix
  /** a line longer than this (bytes) is dropped whole, with an error */
  maxBytes: number
  /** a partial frame older than this when more bytes arrive is stale and dropped (ms) */
  staleAfterMs: number
}

export const DEFAULT_FRAME_OPTIONS: FrameSplitterOptions = { suffix: 'auto', maxBytes: 256, staleAfterMs: 1000 }

const CR = 0x0d
const LF = 0x0a
const DEL = 0x7f
const TERMINATORS: Record<FrameSuffix, ReadonlySet<number>> = {
  auto: new Set([CR, LF]),
  cr: new Set([CR]),
  lf: new Set([LF]),
  // CR before LF is a control byte like any other and is dropped
  crlf: new Set([LF]),
}

/**
 * Bytes from a serial scanner in, codes out. Chunks may split a code anywhere; control bytes
 * (noise on the line, a stray CR in LF mode) are dropped; empty lines (the LF of a CRLF in
 * `auto` mode) make no frame; an overlong line is skipped to its end and reported once.
 */
export class FrameSplitter {
  private buffer: number[] = []
  private overflow = 0
  private lastAt = -Infinity
  private readonly terminators: ReadonlySet<number>
  private readonly decoder = new TextDecoder('utf-8', { fatal: false })

  constructor(private readonly options: FrameSplitterOptions = DEFAULT_FRAME_OPTIONS) {
    this.terminators = TERMINATORS[options.suffix]
  }

  push(chunk: Uint8Array, at: number): Frame[] {
    if (at - this.lastAt > this.options.staleAfterMs) this.clear()
    this.lastAt = at
    const frames: Frame[] = []
    for (const byte of chunk) {
      if (this.terminators.has(byte)) {
        const frame = this.end()
        if (frame) frames.push(frame)
      } else if (byte >= 0x20 && byte !== DEL) {
        this.take(byte)
      }
    }
    return frames
  }

  private take(byte: number): void {
    if (this.overflow > 0 || this.buffer.length >= this.options.maxBytes) {
      this.overflow = (this.overflow || this.buffer.length) + 1
      this.buffer = []
      return
    }
    this.buffer.push(byte)
  }

  private end(): Frame | null {
    const overflow = this.overflow
    const bytes = Uint8Array.from(this.buffer)
    this.clear()
    if (overflow > 0) return { ok: false, error: 'too-long', bytes: overflow }
    // bytes that are not UTF-8 decode to U+FFFD: line noise, dropped with the rest
    const code = this.decoder.decode(bytes).replaceAll('\uFFFD', '').trim()
    return code ? { ok: true, code } : null
  }

  private clear(): void {
    this.buffer = []
    this.overflow = 0
  }
}
