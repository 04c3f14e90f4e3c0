import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from '../../src/server/auth/passwords'

describe('password hashing', () => {
  it('uses argon2id with a per-hash salt and verifies only the right password', async () => {
    const a = await hashPassword('demo1234')
    const b = await hashPassword('demo1234')
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(a).not.toBe(b)
    expect(await verifyPassword(a, 'demo1234')).toBe(true)
    expect(await verifyPassword(a, 'demo12345')).toBe(false)
    expect(await verifyPassword('not-a-hash', 'demo1234')).toBe(false)
  })
})
