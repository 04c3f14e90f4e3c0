import { describe, expect, it } from 'vitest'
import { domainOf, isWsUrl, SipProfile } from '../../src/shared/softphone/sipSettings'
import { sipFormErrors } from '../../src/renderer/src/softphone/sipFormErrors'
import { reconnectDelayMs } from '../../src/renderer/src/softphone/reconnectDelay'
import { callerOnScreen } from '../../src/renderer/src/presentation/softphone'

const PROFILE: SipProfile = {
  serverUrl: 'ws://127.0.0.1:8088',
  extension: '1001',
  authUser: '',
  displayName: '',
  domain: '',
  outboundProxy: '',
  stunUrl: '',
  turnUrl: '',
  turnUser: '',
}

describe('SIP settings schema', () => {
  it('takes only ws:// and wss:// server URLs', () => {
    expect(isWsUrl('wss://sip.example.com:7443')).toBe(true)
    expect(isWsUrl('ws://127.0.0.1:8088/ws')).toBe(true)
    for (const bad of ['http://127.0.0.1:5060', 'sip:1001@127.0.0.1', '127.0.0.1:8088', 'wss://', ''])
      expect(isWsUrl(bad)).toBe(false)
  })

  it('names each bad field for the form, and asks for a password on the first save', () => {
    const errors = sipFormErrors(
      {
        profile: {
          ...PROFILE,
          serverUrl: 'http://x',
          extension: '10 01',
          outboundProxy: 'proxy.example.com',
          stunUrl: 'turn:x',
        },
      },
      false,
    )
    expect(Object.keys(errors).sort()).toEqual(['extension', 'outboundProxy', 'password', 'serverUrl', 'stunUrl'])
    expect(sipFormErrors({ profile: PROFILE }, true)).toEqual({})
  })

  it('registers in the domain when set, else the host of the server URL', () => {
    expect(domainOf(PROFILE)).toBe('127.0.0.1')
    expect(domainOf({ ...PROFILE, domain: 'pbx.example.com:5060' })).toBe('pbx.example.com')
  })

  it('waits 1, 2, 4 … seconds between reconnection attempts, never more than 30', () => {
    expect([1, 2, 3, 4, 10].map(reconnectDelayMs)).toEqual([1000, 2000, 4000, 8000, 30_000])
  })

  it('masks a caller phone number on screen but not a short extension', () => {
    expect(callerOnScreen('13020240601')).toBe('130****0601')
    expect(callerOnScreen('+8613020240601')).toBe('130****0601')
    expect(callerOnScreen('1002')).toBe('1002')
  })
})
