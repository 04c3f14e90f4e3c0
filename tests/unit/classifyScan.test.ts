import { describe, expect, it } from 'vitest'
import { classifyScan, isEan13 } from '../../src/shared/scanning/classifyScan'
import { serviceCodeFor } from '../../src/server/seed/serviceCode'

describe('scan classifier', () => {
  it('knows service codes, member cards, order numbers and EAN-13 product barcodes', () => {
    expect(classifyScan(serviceCodeFor(1))).toBe('serviceCode')
    expect(classifyScan(serviceCodeFor(1).toLowerCase())).toBe('serviceCode')
    expect(classifyScan('M10000042')).toBe('memberCard')
    expect(classifyScan('SO20000001')).toBe('orderNo')
    expect(classifyScan(' 6901234567892 ')).toBe('productBarcode')
  })

  it('checks the EAN-13 check digit', () => {
    expect(isEan13('4006381333931')).toBe(true)
    expect(isEan13('4006381333932')).toBe(false)
    expect(classifyScan('4006381333932')).toBe('unknown')
  })

  it('does not confuse lookalikes', () => {
    expect(classifyScan('0K3M9QXA')).toBe('unknown') // 0 is not in the service-code alphabet
    expect(classifyScan('7K3M9QX')).toBe('unknown')
    expect(classifyScan('M1000004')).toBe('unknown')
    expect(classifyScan('SO123')).toBe('unknown')
    expect(classifyScan('https://example.com/x')).toBe('unknown')
  })

  it('keeps a signed token for the appointment check-in', () => {
    expect(classifyScan('eyJhbGciOiJIUzI1NiJ9.eyJhcHB0IjoiYS0xIn0.c2lnbmF0dXJlLXNpZ24')).toBe('appointment')
  })
})
