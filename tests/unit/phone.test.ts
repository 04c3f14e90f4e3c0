import { describe, expect, it } from 'vitest'
import { looksLikePhoneQuery, maskPhone, normalizePhone } from '../../src/shared/domain/phone'

describe('phone normalisation', () => {
  it('maps every common way of writing a mobile number to the same national number', () => {
    for (const form of [
      '13812345678',
      '138 1234 5678',
      '+86-138-1234-5678',
      '8613812345678',
      '0086 138 1234 5678',
      '(+86) 138.1234.5678',
      '１３８１２３４５６７８',
    ]) {
      expect(normalizePhone(form), form).toBe('13812345678')
    }
  })

  it('keeps landlines with their area code and refuses what is not a phone', () => {
    expect(normalizePhone('010-6552 1234')).toBe('01065521234')
    for (const bad of ['', '12345', '1381234567', '23812345678', '138123456789', 'abc', '+1 415 555 0100']) {
      expect(normalizePhone(bad), bad).toBeNull()
    }
  })

  it('masks the middle digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('01065521234')).toBe('010****1234')
  })

  it('tells phone-like queries from names', () => {
    expect(looksLikePhoneQuery('5678')).toBe(true)
    expect(looksLikePhoneQuery('+86 138')).toBe(true)
    expect(looksLikePhoneQuery('王')).toBe(false)
    expect(looksLikePhoneQuery('M1000')).toBe(false)
  })
})
