import { describe, expect, it } from 'vitest'
import { parseDialTarget } from '../../src/shared/softphone/dialTarget'
import { offerLooksUsable } from '../../src/renderer/src/softphone/sdpSanity'
import { handoverHeaders, handoverUriHeaders, readHandover } from '../../src/shared/softphone/handover'

describe('what the dial pad accepts', () => {
  it('turns every common way of writing a mobile or landline into the national number', () => {
    for (const form of ['13812345678', '138 1234 5678', '+86-138-1234-5678', '１３８１２３４５６７８']) {
      expect(parseDialTarget(form)).toEqual({ ok: true, target: { user: '13812345678', host: null, kind: 'phone' } })
    }
    expect(parseDialTarget('010-6552 1234')).toEqual({
      ok: true,
      target: { user: '01065521234', host: null, kind: 'phone' },
    })
  })

  it('takes extensions and feature codes with * and #', () => {
    expect(parseDialTarget('1002')).toMatchObject({ ok: true, target: { user: '1002', kind: 'extension' } })
    expect(parseDialTarget('*33 1002')).toMatchObject({ ok: true, target: { user: '*331002' } })
    expect(parseDialTarget('#8')).toMatchObject({ ok: true, target: { user: '#8' } })
  })

  it('takes a SIP URI with its host', () => {
    expect(parseDialTarget('sip:alice@pbx.example.com:5060')).toEqual({
      ok: true,
      target: { user: 'alice', host: 'pbx.example.com:5060', kind: 'uri' },
    })
    expect(parseDialTarget('SIPS:1002@10.0.0.5')).toMatchObject({ ok: true, target: { user: '1002' } })
  })

  it('says why it refuses the rest', () => {
    expect(parseDialTarget('   ')).toEqual({ ok: false, error: 'empty' })
    expect(parseDialTarget('1'.repeat(301))).toEqual({ ok: false, error: 'tooLong' })
    for (const bad of ['138-abcd-5678', '张三', '1', '12345678901234567890123456789012345', 'tel:1234'])
      expect(parseDialTarget(bad), bad).toEqual({ ok: false, error: 'badNumber' })
    for (const bad of ['sip:', 'sip:alice', 'sip:al ice@host', 'sip:alice@', 'sip:a@b@c', 'sip:alice@ho_st'])
      expect(parseDialTarget(bad), bad).toEqual({ ok: false, error: 'badUri' })
  })
})

describe('transfer hand-over headers', () => {
  const handover = { customerId: 'c-0000001', note: '客户要求退款，已核实订单 & 地址' }

  it('round-trips a Chinese note through INVITE headers', () => {
    const lines = handoverHeaders(handover)
    expect(lines.every((l) => /^[\x20-\x7e]+$/.test(l))).toBe(true)
    const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]))
    expect(readHandover((name) => headers.get(name))).toEqual(handover)
  })

  it('builds Refer-To URI headers that need no further escaping', () => {
    expect(handoverUriHeaders(handover)).toMatch(/^\?X-Customer-Id=c-0000001&X-Handover-Note=[A-Za-z0-9%._~!*'()-]+$/)
    expect(handoverUriHeaders({ customerId: null, note: '' })).toBe('')
  })

  it('ignores missing or broken headers instead of failing the call', () => {
    expect(readHandover(() => undefined)).toBeNull()
    expect(readHandover((n) => (n === 'X-Handover-Note' ? '%E4%ZZ' : undefined))).toBeNull()
    expect(readHandover((n) => (n === 'X-Customer-Id' ? 'x'.repeat(100) : undefined))).toBeNull()
  })
})

describe('offers the console will ring for', () => {
  const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n'

  it('takes a usable SDP offer, and an INVITE without one', () => {
    expect(offerLooksUsable('application/sdp', SDP)).toBe(true)
    expect(offerLooksUsable(undefined, '')).toBe(true)
  })

  it('refuses garbage, a missing audio stream or a foreign content type', () => {
    expect(offerLooksUsable('application/sdp', 'v=0\r\nthis is not sdp')).toBe(false)
    expect(offerLooksUsable('application/sdp', SDP.replace('m=audio', 'm=video'))).toBe(false)
    expect(offerLooksUsable('text/plain', SDP)).toBe(false)
  })
})
