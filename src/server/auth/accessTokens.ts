import { jwtVerify, SignJWT } from 'jose'
import { z } from 'zod'
import { Role } from '../../shared/domain/roles'

/** What an access token says about its holder; enough to authorise without a DB read. */
export const AccessClaims = z.object({
  sub: z.string(),
  role: Role,
  storeId: z.string().nullable(),
  name: z.string(),
})
export type AccessClaims = z.infer<typeof AccessClaims>

export class AccessTokens {
  private readonly key: Uint8Array

  constructor(
    secret: string,
    private readonly ttlSec: number,
  ) {
    this.key = new TextEncoder().encode(secret)
  }

  async issue(claims: AccessClaims, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
    const expiresAt = now + this.ttlSec * 1000
    const token = await new SignJWT({ role: claims.role, storeId: claims.storeId, name: claims.name })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(this.key)
    return { token, expiresAt }
  }

  /** Returns the claims, or null for a missing, forged or expired token. */
  async verify(token: string | undefined): Promise<AccessClaims | null> {
    if (!token) return null
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] })
      const parsed = AccessClaims.safeParse(payload)
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }
}
