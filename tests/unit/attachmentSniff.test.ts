import { describe, expect, it } from 'vitest'
import { sniffAttachmentType } from '../../src/shared/workOrders/attachments'

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)))

describe('attachment type from the bytes', () => {
  it.each([
    ['image/png', bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13])],
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')],
    ['image/webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
    ['application/pdf', bytes('%PDF-1.7\n')],
  ])('recognises %s', (type, data) => {
    expect(sniffAttachmentType(data)).toBe(type)
  })

  it.each([
    ['HTML named like a PDF', bytes('<html>%PDF-')],
    ['a RIFF that is not WebP (WAV)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['SVG, which can carry script', bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
    ['too short to tell', bytes([0x89, 0x50])],
  ])('refuses %s', (_, data) => {
    expect(sniffAttachmentType(data)).toBeNull()
  })
})
