import { z } from 'zod'
import { maskPhone, normalizePhone } from './phone'

/** Extra identifiers of one person, normalised for lookup and masked for the screen. */
export const IdentityKind = z.enum(['phone', 'wechat', 'app', 'email', 'id_card'])
export type IdentityKind = z.infer<typeof IdentityKind>

export const AddIdentityRequest = z.object({ kind: IdentityKind, value: z.string().trim().min(1).max(128) }).strict()

export const Identity = z.object({ id: z.string(), kind: IdentityKind, masked: z.string(), createdAt: z.number() })
export type Identity = z.infer<typeof Identity>

const ID_CARD_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CARD_CHECK = '10X98765432'

/** Mainland resident ID: 17 digits and a check character (ISO 7064 MOD 11-2). */
export function validIdCard(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false
  const sum = ID_CARD_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0)
  return ID_CARD_CHECK[sum % 11] === id[17]
}

/** The value as looked up (normalised) and as shown (masked), or an error message. */
export function normalizeIdentity(
  kind: IdentityKind,
  raw: string,
): { value: string; masked: string } | { error: string } {
  const v = raw.trim()
  switch (kind) {
    case 'phone': {
      const n = normalizePhone(v)
      return n ? { value: n, masked: maskPhone(n) } : { error: `"${v}" is not a mainland mobile or landline number` }
    }
    case 'email': {
      const e = v.toLowerCase()
      if (!z.email().safeParse(e).success) return { error: `"${v}" is not an email address` }
      const [user, domain] = e.split('@') as [string, string]
      return { value: e, masked: `${user.slice(0, 1)}***@${domain}` }
    }
    case 'id_card': {
      const id = v.toUpperCase()
      if (!validIdCard(id)) return { error: 'not a valid 18-character resident ID number' }
      return { value: id, masked: `${id.slice(0, 3)}***********${id.slice(-4)}` }
    }
    default:
      return { value: v, masked: v.length > 4 ? `${v.slice(0, 2)}***${v.slice(-2)}` : '***' }
  }
}
