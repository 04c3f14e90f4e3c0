import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SoftphoneSettings } from '../../src/main/services/softphoneSettings'
import { FileTokenVault } from '../../src/main/services/tokenVault'
import type { SipProfile } from '../../src/shared/softphone/sipSettings'

const PROFILE: SipProfile = {
  serverUrl: 'wss://sip.example.com:7443',
  extension: '1001',
  authUser: '',
  displayName: '坐席 01',
  domain: '',
  outboundProxy: '',
  stunUrl: '',
  turnUrl: '',
  turnUser: '',
}
const md5 = (s: string) => createHash('md5').update(s).digest('hex')

describe('SoftphoneSettings: the SIP account per agent, password in the vault', () => {
  let dir: string
  let store: SoftphoneSettings

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sc-softphone-'))
    store = new SoftphoneSettings(dir, new FileTokenVault(dir))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('is empty before the first save', async () => {
    expect(await store.view('u-agent01')).toEqual({ profile: null, hasPassword: false, credentials: null })
  })

  it('keeps the password out of the JSON, in a 0600 file, and answers with HA1 for the realm', async () => {
    const view = await store.save('u-agent01', { profile: PROFILE, password: 's3cret-pw' })
    expect(view.profile).toEqual(PROFILE)
    expect(view.hasPassword).toBe(true)
    expect(view.credentials).toEqual({
      realm: 'sip.example.com',
      ha1: md5('1001:sip.example.com:s3cret-pw'),
      turnPassword: '',
    })
    expect(JSON.stringify(view)).not.toContain('s3cret-pw')
    const files = await readdir(join(dir, 'softphone'))
    expect(files.sort()).toEqual(['u-agent01.json', 'u-agent01.secret'])
    expect(await readFile(join(dir, 'softphone/u-agent01.json'), 'utf8')).not.toContain('s3cret-pw')
    expect((await stat(join(dir, 'softphone/u-agent01.secret'))).mode & 0o777).toBe(0o600)
  })

  it('keeps the stored password when a save leaves it out; the auth user and domain change the HA1', async () => {
    await store.save('u-agent01', { profile: PROFILE, password: 's3cret-pw' })
    const view = await store.save('u-agent01', {
      profile: { ...PROFILE, authUser: 'agent01', domain: 'pbx.example.com' },
    })
    expect(view.credentials?.ha1).toBe(md5('agent01:pbx.example.com:s3cret-pw'))
    expect(view.credentials?.realm).toBe('pbx.example.com')
  })

  it('refuses a first save without a password', async () => {
    await expect(store.save('u-agent01', { profile: PROFILE })).rejects.toMatchObject({
      error: { code: 'SCHEMA', field: 'password' },
    })
  })

  it('keeps each agent on the seat apart', async () => {
    await store.save('u-agent01', { profile: PROFILE, password: 'one' })
    expect((await store.view('u-agent02')).profile).toBeNull()
    // a new store over the same folder (the next run) reads the same account back
    const again = new SoftphoneSettings(dir, new FileTokenVault(dir))
    expect((await again.view('u-agent01')).credentials?.ha1).toBe(md5('1001:sip.example.com:one'))
  })
})
