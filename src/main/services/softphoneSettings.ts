import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  authUserOf,
  domainOf,
  SipProfile,
  SipSecrets,
  type SaveSipSettings,
  type SipSettingsView,
} from '../../shared/softphone/sipSettings'
import { ApiFailure } from '../../shared/api/errors'
import type { TokenVault } from './tokenVault'

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex')
/** user ids become file names: keep them to a safe alphabet */
const fileSafe = (userId: string) => userId.replace(/[^A-Za-z0-9_-]/g, '_')

/**
 * Each agent's SIP account on this seat: the profile as JSON in `softphone/`, the passwords in
 * the token vault (safeStorage in Electron, a 0600 file in the host). The SIP password never
 * leaves the main process: the renderer gets HA1 = MD5(user:realm:password) for sip.js.
 */
export class SoftphoneSettings {
  private readonly dir: string

  constructor(
    dataDir: string,
    private readonly vault: TokenVault,
  ) {
    this.dir = join(dataDir, 'softphone')
  }

  async view(userId: string): Promise<SipSettingsView> {
    const profile = await this.profile(userId)
    const secrets = await this.secrets(userId)
    const hasPassword = secrets !== null && secrets.password !== ''
    if (!profile || !hasPassword) return { profile, hasPassword, credentials: null }
    const realm = domainOf(profile)
    return {
      profile,
      hasPassword,
      credentials: {
        realm,
        ha1: md5(`${authUserOf(profile)}:${realm}:${secrets.password}`),
        turnPassword: secrets.turnPassword,
      },
    }
  }

  async save(userId: string, req: SaveSipSettings): Promise<SipSettingsView> {
    const stored = await this.secrets(userId)
    if (!req.password && !stored?.password)
      throw new ApiFailure({ code: 'SCHEMA', field: 'password', message: 'the first save needs the SIP password' })
    const secrets: SipSecrets = {
      password: req.password ?? stored?.password ?? '',
      turnPassword: req.turnPassword ?? stored?.turnPassword ?? '',
    }
    await this.secretVault(userId).save(JSON.stringify(secrets))
    await mkdir(this.dir, { recursive: true })
    const file = this.profileFile(userId)
    await writeFile(`${file}.tmp`, JSON.stringify(req.profile, null, 2))
    await rename(`${file}.tmp`, file)
    return this.view(userId)
  }

  private profileFile(userId: string): string {
    return join(this.dir, `${fileSafe(userId)}.json`)
  }

  private secretVault(userId: string): TokenVault {
    return this.vault.sibling(join('softphone', `${fileSafe(userId)}.secret`))
  }

  private async profile(userId: string): Promise<SipProfile | null> {
    try {
      const parsed = SipProfile.safeParse(JSON.parse(await readFile(this.profileFile(userId), 'utf8')))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }

  private async secrets(userId: string): Promise<SipSecrets | null> {
    const raw = await this.secretVault(userId).load()
    if (raw === null) return null
    try {
      const parsed = SipSecrets.safeParse(JSON.parse(raw))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }
}
