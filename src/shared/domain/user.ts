import { z } from 'zod'
import { Role } from './roles'

export const UserId = z.string().min(1).max(64)

export const PublicUser = z.object({
  id: UserId,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  storeId: z.string().nullable(),
  skills: z.array(z.string()),
})
export type PublicUser = z.infer<typeof PublicUser>

export const Username = z
  .string()
  .trim()
  .min(1, 'username is required')
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'username may contain letters, digits, dot, dash, underscore')

export const LoginRequest = z.object({
  username: Username,
  password: z.string().min(1, 'password is required').max(256),
})
export type LoginRequest = z.infer<typeof LoginRequest>

/** What the sync server returns on login and refresh. */
export const TokenGrant = z.object({
  accessToken: z.string(),
  accessExpiresAt: z.number().int(),
  refreshToken: z.string(),
  refreshExpiresAt: z.number().int(),
  user: PublicUser,
})
export type TokenGrant = z.infer<typeof TokenGrant>

export const RefreshRequest = z.object({ refreshToken: z.string().min(16).max(512) })
export type RefreshRequest = z.infer<typeof RefreshRequest>

/** A lockout policy the server enforces and the UI explains. */
export const LOGIN_LOCKOUT = { maxFailures: 5, lockMinutes: 15 } as const
