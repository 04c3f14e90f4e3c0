import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { consoleMethods } from '../../src/shared/api/console'
import { ApiFailure, parseAt } from '../../src/shared/api/errors'

describe('schema errors name the field', () => {
  it('gives the dotted path of a nested bad field', () => {
    const schema = z.object({ customer: z.object({ phones: z.array(z.string()) }) })
    try {
      parseAt('customer.update', schema, { customer: { phones: ['138', 5] } })
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(ApiFailure)
      expect((err as ApiFailure).error).toMatchObject({ code: 'SCHEMA', field: 'customer.phones.1' })
      expect((err as ApiFailure).message).toContain('customer.update: field "customer.phones.1"')
    }
  })

  it('rejects unknown keys in console requests instead of ignoring them', () => {
    const res = consoleMethods['settings.update'].request.safeParse({ theme: 'dark', admin: true })
    expect(res.success).toBe(false)
  })

  it('rejects a username with spaces or control characters', () => {
    const res = consoleMethods['auth.login'].request.safeParse({ username: 'a b\u0000', password: 'x' })
    expect(res.success).toBe(false)
  })
})
