import { EventEmitter } from 'node:events'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { ApiFailure } from '../../shared/api/errors'
import type { Session } from '../../shared/api/console'
import { PublicUser, type TokenGrant } from '../../shared/domain/user'
import type { SyncClient } from './syncClient'
import type { TokenVault } from './tokenVault'

// Refresh this long before the access token runs out.
const REFRESH_MARGIN_MS = 60_000

/**
 * Holds the access token in memory and the refresh token in the vault; keeps the access token
 * fresh with a timer and (re)connects the sync socket whenever the seat is logged in.
 */
export class SessionManager extends EventEmitter<{
  ended: [{ reason: 'logout' | 'expired' }]
  /** a user's session begins (online, or offline from the last known user) */
  started: [PublicUser]
}> {
  private grant: TokenGrant | null = null
  private timer: NodeJS.Timeout | null = null
  private client: SyncClient | null = null

  private offlineUser: PublicUser | null = null

  constructor(
    private readonly vault: TokenVault,
    private readonly lastUserFile: string,
  ) {
    super()
  }

  attach(client: SyncClient): void {
    this.client = client
  }

  accessToken(): string | null {
    return this.grant?.accessToken ?? null
  }

  session(): Session | null {
    if (this.grant) return { user: this.grant.user, accessExpiresAt: this.grant.accessExpiresAt, offline: false }
    return this.offlineUser ? { user: this.offlineUser, accessExpiresAt: 0, offline: true } : null
  }

  async login(username: string, password: string): Promise<Session> {
    await this.adopt(await this.sync().login(username, password))
    return this.session() as Session
  }

  /**
   * Resumes a session from the stored refresh token, or returns null when there is none. With the
   * server unreachable, the last user on this seat works offline from the cache until it returns.
   */
  async restore(): Promise<Session | null> {
    if (this.grant || this.offlineUser) return this.session()
    const stored = await this.vault.load()
    if (!stored) return null
    try {
      await this.adopt(await this.sync().http('refresh', { refreshToken: stored }))
      return this.session()
    } catch (err) {
      if (err instanceof ApiFailure && err.error.code === 'NETWORK') return this.startOffline(stored)
      if (err instanceof ApiFailure && err.error.code === 'UNAUTHENTICATED') await this.vault.save(null)
      return null
    }
  }

  async logout(): Promise<void> {
    const grant = this.grant
    this.clear()
    this.offlineUser = null
    await this.vault.save(null)
    await rm(this.lastUserFile, { force: true })
    if (grant)
      await this.sync()
        .http('logout', { refreshToken: grant.refreshToken })
        .catch(() => undefined)
    this.emit('ended', { reason: 'logout' })
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.client?.disconnect()
  }

  private async startOffline(refreshToken: string): Promise<Session | null> {
    const last = PublicUser.safeParse(await readFile(this.lastUserFile, 'utf8').then(JSON.parse, () => null))
    if (!last.success) return null
    this.offlineUser = last.data
    this.emit('started', last.data)
    const retry = () => {
      this.timer = setTimeout(() => {
        this.sync()
          .http('refresh', { refreshToken })
          .then((g) => this.adopt(g))
          .catch((err: unknown) => {
            if (err instanceof ApiFailure && err.error.code === 'NETWORK') retry()
            else void this.logout()
          })
      }, 3000)
      this.timer.unref()
    }
    retry()
    return this.session()
  }

  private async adopt(grant: TokenGrant): Promise<void> {
    // a renewal or an offline seat coming back online continues the same session
    const continued = (this.grant?.user.id ?? this.offlineUser?.id) === grant.user.id
    this.offlineUser = null
    this.grant = grant
    await this.vault.save(grant.refreshToken)
    await writeFile(this.lastUserFile, JSON.stringify(grant.user), { mode: 0o600 })
    if (!continued) this.emit('started', grant.user)
    if (this.timer) clearTimeout(this.timer)
    const delay = Math.max(1000, grant.accessExpiresAt - Date.now() - REFRESH_MARGIN_MS)
    this.timer = setTimeout(() => void this.renew(), delay)
    this.timer.unref()
    this.sync().connect()
  }

  private async renew(): Promise<void> {
    const grant = this.grant
    if (!grant) return
    try {
      await this.adopt(await this.sync().http('refresh', { refreshToken: grant.refreshToken }))
    } catch (err) {
      if (err instanceof ApiFailure && err.error.code === 'NETWORK') {
        // offline: try again shortly; the seat keeps working from its cache meanwhile
        this.timer = setTimeout(() => void this.renew(), 5000)
        this.timer.unref()
        return
      }
      this.clear()
      await this.vault.save(null)
      this.emit('ended', { reason: 'expired' })
    }
  }

  private clear(): void {
    this.grant = null
    this.stop()
  }

  private sync(): SyncClient {
    if (!this.client) throw new Error('SessionManager used before attach()')
    return this.client
  }
}
