import { describe, expect, it } from 'vitest'
import { normalizeIdentity, validIdCard } from '../../src/shared/domain/identity'

describe('identities', () => {
  it('checks the resident ID check character', () => {
    expect(validIdCard('11010519491231002X')).toBe(true)
    expect(validIdCard('110105194912310021')).toBe(false)
    expect(validIdCard('11010519491231002')).toBe(false)
  })
  it('normalises and masks each kind', () => {
    expect(normalizeIdentity('phone', '+86 139-0000-1234')).toEqual({ value: '13900001234', masked: '139****1234' })
    expect(normalizeIdentity('email', ' Chen.Jing@Example.com ')).toEqual({
      value: 'chen.jing@example.com',
      masked: 'c***@example.com',
    })
    expect(normalizeIdentity('id_card', '11010519491231002x')).toEqual({
      value: '11010519491231002X',
      masked: '110***********002X',
    })
    expect(normalizeIdentity('wechat', 'wxid_abc123')).toEqual({ value: 'wxid_abc123', masked: 'wx***23' })
    expect(normalizeIdentity('email', 'not-an-email')).toHaveProperty('error')
  })
})
