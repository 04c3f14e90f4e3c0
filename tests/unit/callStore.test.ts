import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { EndedCall } from '../../src/shared/softphone/endedCall'
import type { DialTarget } from '../../src/shared/softphone/dialTarget'
import type { Handover } from '../../src/shared/softphone/handover'
import type { CallEvent, PhoneStatus, SoftPhone } from '../../src/renderer/src/softphone/softPhone'

/** The SIP side stands still: each test says what the network did, the store must report it. */
class FakePhone implements SoftPhone {
  static last: FakePhone
  readonly dialled: { target: DialTarget; handover: Handover | null }[] = []
  readonly actions: string[] = []
  private callListener: (e: CallEvent) => void = () => undefined
  constructor() {
    FakePhone.last = this
  }
  start = async () => undefined
  stop = async () => undefined
  onStatus(listener: (s: PhoneStatus) => void) {
    listener({ state: 'registered', reason: null })
    return () => undefined
  }
  onCall(listener: (e: CallEvent) => void) {
    this.callListener = listener
    return () => undefined
  }
  emit(event: CallEvent) {
    this.callListener(event)
  }
  answer = async (id: string) => void this.actions.push(`answer ${id}`)
  reject = async (id: string) => void this.actions.push(`reject ${id}`)
  hangUp = async (id: string) => void this.actions.push(`hangUp ${id}`)
  dial(target: DialTarget, handover: Handover | null) {
    this.dialled.push({ target, handover })
    return `out-${this.dialled.length}`
  }
  setMuted = (id: string, muted: boolean) => void this.actions.push(`mute ${id} ${muted}`)
  setHeld = async (id: string, held: boolean) => void this.actions.push(`hold ${id} ${held}`)
  sendDtmf = async (id: string, digit: string) => void this.actions.push(`dtmf ${id} ${digit}`)
  blindTransfer = async (id: string, target: DialTarget) => void this.actions.push(`refer ${id} ${target.user}`)
  attendedTransfer = async (id: string, consultId: string) => void this.actions.push(`replace ${id} ${consultId}`)
  media = async () => ({ packetsReceived: 0, packetsSent: 0 })
}

const CUSTOMER = { id: 'c-0000001', name: '吕凯娥', tier: 'core', phoneMasked: '130****0601' }

vi.mock('../../src/renderer/src/softphone/sipJsPhone', () => ({ SipJsPhone: FakePhone }))
vi.mock('../../src/renderer/src/api/consoleClient', () => ({
  errorOf: (err: unknown) => err,
  callConsole: async (method: string, req: { phone?: string; id?: string }) => {
    if (method === 'softphone.settings')
      return { profile: { extension: '1001' }, hasPassword: true, credentials: { ha1: 'x', turnPassword: '' } }
    if (method === 'customers.screenPop') return { customer: req.phone === '13000000601' ? CUSTOMER : null }
    if (method === 'customers.get') return { ...CUSTOMER, id: req.id }
    throw new Error(`unexpected ${method}`)
  },
}))

const { useCallStore } = await import('../../src/renderer/src/stores/call')

const inbound = (id: string, number: string, extra: Partial<Extract<CallEvent, { kind: 'ringing' }>['call']> = {}) =>
  ({
    kind: 'ringing',
    call: { id, direction: 'inbound', number, displayName: '', handover: null, replaces: null, ...extra },
  }) as const

async function startedStore() {
  const store = useCallStore()
  await store.start()
  const ended: EndedCall[] = []
  store.onEnded((c) => ended.push(c))
  return { store, phone: FakePhone.last, ended }
}

const settle = () => new Promise((r) => setTimeout(r, 0))

describe('call store: what after-call work is told about each call', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(1_000_000)
  })

  it('an answered inbound call the caller ended: times, customer from the screen pop, "remote"', async () => {
    const { store, phone, ended } = await startedStore()
    phone.emit(inbound('in-1', '13000000601'))
    await settle()
    expect(store.active).toMatchObject({ state: 'ringing', onScreen: '130****0601', lookup: 'found' })
    vi.setSystemTime(1_004_000)
    phone.emit({ kind: 'established', id: 'in-1' })
    vi.setSystemTime(1_064_000)
    phone.emit({ kind: 'ended', id: 'in-1', reason: 'remote' })
    expect(ended).toEqual([
      {
        id: 'in-1',
        direction: 'inbound',
        number: '13000000601',
        customerId: 'c-0000001',
        startedAt: 1_000_000,
        answeredAt: 1_004_000,
        endedAt: 1_064_000,
        endReason: 'remote',
      },
    ])
    expect(store.lastEnded).toEqual(ended[0])
    expect(store.active).toBeNull()
  })

  it('an unanswered inbound call is "missed", with no answer time and no customer when unknown', async () => {
    const { phone, ended } = await startedStore()
    phone.emit(inbound('in-2', '13999999999'))
    await settle()
    phone.emit({ kind: 'ended', id: 'in-2', reason: 'missed' })
    expect(ended[0]).toMatchObject({ direction: 'inbound', customerId: null, answeredAt: null, endReason: 'missed' })
  })

  it('click-to-dial: the full number goes to SIP, the masked one to the screen; a bad number sends nothing', async () => {
    const { store, phone, ended } = await startedStore()
    expect(store.dial('138-abcd-5678')).toBe('badNumber')
    expect(store.dial('sip:1900@')).toBe('badUri')
    expect(phone.dialled).toHaveLength(0)

    expect(store.dial('+86 130 0000 0601', { customerId: 'c-0000001', display: '130****0601' })).toBeNull()
    expect(phone.dialled[0]?.target).toEqual({ user: '13000000601', host: null, kind: 'phone' })
    expect(store.active).toMatchObject({ direction: 'outbound', state: 'dialing', onScreen: '130****0601' })
    expect(store.dial('1002')).toBe('busy')
    phone.emit({ kind: 'ended', id: 'out-1', reason: 'rejected' })
    expect(ended[0]).toMatchObject({ direction: 'outbound', customerId: 'c-0000001', endReason: 'rejected' })
  })

  it('attended transfer: holds the caller, dials the colleague with customer and note, hands over', async () => {
    const { store, phone, ended } = await startedStore()
    phone.emit(inbound('in-3', '13000000601'))
    await settle()
    phone.emit({ kind: 'established', id: 'in-3' })
    expect(await store.startConsult('1002', '要退款')).toBeNull()
    expect(phone.actions).toContain('hold in-3 true')
    expect(phone.dialled[0]).toEqual({
      target: { user: '1002', host: null, kind: 'extension' },
      handover: { customerId: 'c-0000001', note: '要退款' },
    })
    expect(store.consult?.id).toBe('out-1')
    phone.emit({ kind: 'established', id: 'out-1' })
    await store.completeTransfer()
    expect(phone.actions).toContain('replace in-3 out-1')
    phone.emit({ kind: 'ended', id: 'out-1', reason: 'transferred' })
    phone.emit({ kind: 'ended', id: 'in-3', reason: 'transferred' })
    // the consult leg is an internal call: no customer on it, so it never lands on a timeline
    expect(ended.map((c) => [c.id, c.customerId, c.endReason])).toEqual([
      ['out-1', null, 'transferred'],
      ['in-3', 'c-0000001', 'transferred'],
    ])
    expect(store.active).toBeNull()
  })

  it("the receiving console: the caller replacing the consult call keeps the colleague's customer and note", async () => {
    const { store, phone } = await startedStore()
    const handover = { customerId: 'c-0000001', note: '要退款' }
    phone.emit(inbound('consult', '1001', { handover }))
    await settle()
    expect(store.active).toMatchObject({ customerId: 'c-0000001', lookup: 'found', handover })
    phone.emit({ kind: 'established', id: 'consult' })
    phone.emit(inbound('caller', '13000000601', { replaces: 'consult' }))
    phone.emit({ kind: 'ended', id: 'consult', reason: 'transferred' })
    expect(store.active).toMatchObject({ id: 'caller', customer: { id: 'c-0000001' }, handover })
  })
})
