import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import { ApiFailure } from '../../shared/api/errors'
import { Role } from '../../shared/domain/roles'
import { LOGIN_LOCKOUT, type PublicUser, type TokenGrant } from '../../shared/domain/user'
import type { Database, UsersTable } from '../db/schema'
import type { AccessTokens } from './accessTokens'
import { hashPassword, verifyPassword } from './passwords'

type UserRow = Selectable<UsersTable>

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

// Verifying against a real hash for unknown users keeps response time from revealing who exists.
let decoyHash: Promise<string> | undefined

export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: Role.parse(row.role),
    storeId: row.store_id,
    skills: JSON.parse(row.skills) as string[],
  }
}

export class AuthService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tokens: AccessTokens,
    private readonly refreshTtlSec: number,
    private readonly now: () => number = Date.now,
  ) {}

  async login(username: string, password: string): Promise<TokenGrant> {
    const now = this.now()
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()
    if (!row) {
      decoyHash ??= hashPassword(randomUUID())
      await verifyPassword(await decoyHash, password)
      throw invalidCredentials()
    }
    if (row.locked_until && row.locked_until > now) throw locked(row.locked_until, now)

    if (!(await verifyPassword(row.password_hash, password))) {
      const failures = row.failed_logins + 1
      const lockedUntil = failures >= LOGIN_LOCKOUT.maxFailures ? now + LOGIN_LOCKOUT.lockMinutes * 60_000 : null
      await this.db
        .updateTable('users')
        .set({ failed_logins: lockedUntil ? 0 : failures, locked_until: lockedUntil })
        .where('id', '=', row.id)
        .execute()
      throw invalidCredentials(LOGIN_LOCKOUT.maxFailures - failures)
    }
    if (row.failed_logins > 0 || row.locked_until) {
      await this.db
        .updateTable('users')
        .set({ failed_logins: 0, locked_until: null })
        .where('id', '=', row.id)
        .execute()
    }
    return this.grant(row, now)
  }

  /** Rotates the refresh token: the presented one is revoked, a new pair is issued. */
  async refresh(refreshToken: string): Promise<TokenGrant> {
    const now = this.now()
    const hash = sha256(refreshToken)
    const stored = await this.db
      .selectFrom('refresh_tokens')
      .selectAll()
      .where('token_hash', '=', hash)
      .executeTakeFirst()
    if (!stored || stored.revoked_at !== null || stored.expires_at <= now) {
      throw new ApiFailure({ code: 'UNAUTHENTICATED', message: 'refresh token is invalid or expired' })
    }
    const revoked = await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: now })
      .where('token_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    if (Number(revoked.numUpdatedRows) !== 1) {
      throw new ApiFailure({ code: 'UNAUTHENTICATED', message: 'refresh token was already used' })
    }
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', stored.user_id).executeTakeFirstOrThrow()
    return this.grant(row, now)
  }

  async logout(refreshToken: string): Promise<void> {
    await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: this.now() })
      .where('token_hash', '=', sha256(refreshToken))
      .where('revoked_at', 'is', null)
      .execute()
  }

  async userById(id: string): Promise<PublicUser | null> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toPublicUser(row) : null
  }

  private async grant(row: UserRow, now: number): Promise<TokenGrant> {
    const user = toPublicUser(row)
    const access = await this.tokens.issue(
      { sub: user.id, role: user.role, storeId: user.storeId, name: user.displayName },
      now,
    )
    const refreshToken = randomBytes(32).toString('base64url')
    const refreshExpiresAt = now + this.refreshTtlSec * 1000
    await this.db
      .insertInto('refresh_tokens')
      .values({
        token_hash: sha256(refreshToken),
        user_id: user.id,
        expires_at: refreshExpiresAt,
        revoked_at: null,
        created_at: now,
      })
      .execute()
    return { accessToken: access.token, accessExpiresAt: access.expiresAt, refreshToken, refreshExpiresAt, user }
  }
}

function invalidCredentials(attemptsLeft?: number): ApiFailure {
  const suffix = attemptsLeft !== undefined && attemptsLeft > 0 ? ` (${attemptsLeft} attempts left)` : ''
  return new ApiFailure({ code: 'INVALID_CREDENTIALS', message: `wrong username or password${suffix}` })
}

function locked(until: number, now: number): ApiFailure {
  const retryAfterSec = Math.ceil((until - now) / 1000)
  return new ApiFailure({
    code: 'LOCKED',
    message: `account locked after ${LOGIN_LOCKOUT.maxFailures} failed logins; try again in ${Math.ceil(retryAfterSec / 60)} min`,
    retryAfterSec,
  })
}
