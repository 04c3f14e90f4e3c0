import { describe, expect, it } from 'vitest'
import { chineseName, phoneFor } from '../../src/server/seed/chineseNames'
import { seededRandom } from '../../src/server/seed/random'
import { serviceCodeFor } from '../../src/server/seed/serviceCode'

describe('deterministic seed generators', () => {
  it('gives every customer a distinct, valid mainland mobile number', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 200_000; i++) seen.add(phoneFor(i))
    expect(seen.size).toBe(200_000)
    for (const p of [phoneFor(0), phoneFor(999_999)]) expect(p).toMatch(/^1[3-9]\d{9}$/)
  })

  it('gives distinct 8-symbol service codes without ambiguous characters', () => {
    const codes = new Set<string>()
    for (let i = 0; i < 100_000; i++) codes.add(serviceCodeFor(i))
    expect(codes.size).toBe(100_000)
    expect(serviceCodeFor(7)).toMatch(/^[2-9A-HJ-NP-Z]{8}$/)
    expect(serviceCodeFor(7)).toBe(serviceCodeFor(7))
  })

  it('produces the same Chinese names for the same seed', () => {
    const a = seededRandom(42)
    const b = seededRandom(42)
    const namesA = Array.from({ length: 50 }, () => chineseName(a))
    expect(Array.from({ length: 50 }, () => chineseName(b))).toEqual(namesA)
    for (const n of namesA) expect(n).toMatch(/^[\u4e00-\u9fff]{2,3}$/)
  })
})
