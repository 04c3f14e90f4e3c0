import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { CustomerRecord } from '../../../shared/domain/records'
import { parseDialTarget, type DialError } from '../../../shared/softphone/dialTarget'
import type { EndedCall } from '../../../shared/softphone/endedCall'
import { Handover } from '../../../shared/softphone/handover'
import type { SaveSipSettings, SipSettingsView } from '../../../shared/softphone/sipSettings'
import type { ApiError } from '../../../shared/api/errors'
import { callConsole, errorOf } from '../api/consoleClient'
import { callerOnScreen } from '../presentation/softphone'
import { SipJsPhone } from '../softphone/sipJsPhone'
import type { CallEvent, CallInfo, MediaCounters, PhoneStatus, SoftPhone } from '../softphone/softPhone'

/** What the top bar shows: no account yet, or the registration state of the phone. */
export type SoftphoneState = 'unconfigured' | PhoneStatus['state']

/** Why a dial or transfer was not placed: the number, or the phone's state. */
export type PlaceError = DialError | 'notRegistered' | 'busy'

/** A call on screen: the far end's customer is looked up while it rings (screen pop). */
export interface ActiveCall extends CallInfo {
  state: 'ringing' | 'dialing' | 'established'
  /** the far end as the screen shows it: masked where policy masks phone numbers */
  onScreen: string
  lookup: 'pending' | 'found' | 'unknown'
  customer: CustomerRecord | null
  /** known before the lookup finishes: the clicked customer, or the one handed over */
  customerId: string | null
  startedAt: number
  answeredAt: number | null
  muted: boolean
  held: boolean
}

export interface DialOptions {
  customerId?: string | null
  /** what the screen shows instead of the number (the masked form the click came from) */
  display?: string
  /** context for the callee's console (a consult call of an attended transfer) */
  handover?: Handover | null
}

/**
 * The softphone of the signed-in agent: the SIP account kept by the main process, the sip.js
 * phone registered with it, and its calls: the current one and, during an attended transfer,
 * the consult call to the colleague. Every finished leg is published as an EndedCall.
 */
export const useCallStore = defineStore('call', () => {
  const settings = ref<SipSettingsView>({ profile: null, hasPassword: false, credentials: null })
  const status = ref<PhoneStatus>({ state: 'unregistered', reason: null })
  const loadError = ref<ApiError | null>(null)
  const phone = shallowRef<SoftPhone | null>(null)
  const legs = ref<Record<string, ActiveCall>>({})
  const activeId = ref<string | null>(null)
  const consultId = ref<string | null>(null)
  const lastEnded = ref<EndedCall | null>(null)
  const endedListeners = new Set<(call: EndedCall) => void>()
  let unsubscribe: (() => void) | null = null

  const state = computed<SoftphoneState>(() => (phone.value ? status.value.state : 'unconfigured'))
  const active = computed(() => (activeId.value ? (legs.value[activeId.value] ?? null) : null))
  const consult = computed(() => (consultId.value ? (legs.value[consultId.value] ?? null) : null))

  async function connect(view: SipSettingsView): Promise<void> {
    await disconnect()
    settings.value = view
    if (!view.profile || !view.credentials) return
    const next = new SipJsPhone({ profile: view.profile, credentials: view.credentials })
    phone.value = next
    const offStatus = next.onStatus((s) => (status.value = s))
    const offCall = next.onCall(onCallEvent)
    unsubscribe = () => {
      offStatus()
      offCall()
    }
    await next.start()
  }

  async function disconnect(): Promise<void> {
    const current = phone.value
    phone.value = null
    status.value = { state: 'unregistered', reason: null }
    // the phone hangs up what is up: let those legs be published as ended before unsubscribing
    await current?.stop()
    unsubscribe?.()
    unsubscribe = null
    legs.value = {}
    activeId.value = null
    consultId.value = null
  }

  function patch(id: string, change: Partial<ActiveCall>): void {
    const leg = legs.value[id]
    if (leg) legs.value = { ...legs.value, [id]: { ...leg, ...change } }
  }

  function add(call: CallInfo, state: ActiveCall['state'], options: DialOptions = {}): void {
    const inherited = call.replaces ? legs.value[call.replaces] : undefined
    const customerId = options.customerId ?? call.handover?.customerId ?? inherited?.customerId ?? null
    legs.value = {
      ...legs.value,
      [call.id]: {
        ...call,
        handover: call.handover ?? inherited?.handover ?? null,
        state,
        onScreen: options.display ?? callerOnScreen(call.number),
        lookup: inherited?.customer ? 'found' : 'pending',
        customer: inherited?.customer ?? null,
        customerId,
        startedAt: Date.now(),
        answeredAt: null,
        muted: false,
        held: false,
      },
    }
    if (!inherited?.customer) void lookUp(call.id, call.number, customerId)
  }

  function onCallEvent(event: CallEvent): void {
    switch (event.kind) {
      case 'ringing':
        add(event.call, 'ringing')
        if (!activeId.value || event.call.replaces === activeId.value) activeId.value = event.call.id
        return
      case 'dialing':
        return
      case 'established':
        patch(event.id, { state: 'established', answeredAt: Date.now() })
        return
      case 'held':
        patch(event.id, { held: event.held })
        return
      case 'ended':
        finish(event.id, event.reason)
    }
  }

  function finish(id: string, reason: EndedCall['endReason']): void {
    const leg = legs.value[id]
    if (!leg) return
    const rest = { ...legs.value }
    delete rest[id]
    legs.value = rest
    if (consultId.value === id) consultId.value = null
    if (activeId.value === id) {
      // the caller hung up during a consultation: the consult call becomes the call
      activeId.value = consultId.value
      consultId.value = null
    }
    const ended: EndedCall = {
      id,
      direction: leg.direction,
      number: leg.number,
      customerId: leg.customer?.id ?? leg.customerId,
      startedAt: leg.startedAt,
      answeredAt: leg.answeredAt,
      endedAt: Date.now(),
      endReason: reason,
    }
    lastEnded.value = ended
    for (const listener of endedListeners) listener(ended)
  }

  /** Called once per finished call leg (after-call work, call history). */
  function onEnded(listener: (call: EndedCall) => void): () => void {
    endedListeners.add(listener)
    return () => endedListeners.delete(listener)
  }

  /** the far end's customer, from the seat cache or the server; inbound: before the agent answers */
  async function lookUp(id: string, number: string, customerId: string | null): Promise<void> {
    let customer: CustomerRecord | null = null
    try {
      customer = customerId
        ? await callConsole('customers.get', { id: customerId })
        : (await callConsole('customers.screenPop', { phone: number })).customer
    } catch {
      // an unknown or unreadable number pops nothing: the call still goes on
    }
    patch(id, { customer, lookup: customer ? 'found' : 'unknown' })
  }

  function target(number: string): ReturnType<typeof parseDialTarget> | { ok: false; error: PlaceError } {
    if (!phone.value || status.value.state !== 'registered') return { ok: false, error: 'notRegistered' }
    return parseDialTarget(number)
  }

  /**
   * Calls a number or SIP URI. Click-to-dial passes the real number for the SIP stack and the
   * masked form for the screen. Returns why nothing was sent, or null.
   */
  function dial(number: string, options: DialOptions = {}): PlaceError | null {
    const parsed = target(number)
    if (!parsed.ok) return parsed.error
    if (activeId.value) return 'busy'
    const p = phone.value as SoftPhone
    const info = { direction: 'outbound', displayName: '', handover: null, replaces: null } as const
    const id = p.dial(parsed.target, null)
    add({ id, number: parsed.target.user, ...info }, 'dialing', options)
    activeId.value = id
    return null
  }

  const withCall =
    <A extends unknown[]>(fn: (p: SoftPhone, id: string, ...args: A) => Promise<void> | void) =>
    async (...args: A): Promise<void> => {
      if (phone.value && activeId.value) await fn(phone.value, activeId.value, ...args)
    }
  const answer = withCall((p, id) => p.answer(id))
  const reject = withCall((p, id) => p.reject(id))
  const hangUp = withCall((p, id) => p.hangUp(id))
  const sendDtmf = withCall((p, id, digit: string) => p.sendDtmf(id, digit))
  const setHeld = withCall((p, id, held: boolean) => p.setHeld(id, held))
  const setMuted = withCall((p, id, muted: boolean) => {
    p.setMuted(id, muted)
    patch(id, { muted })
  })

  function handoverOf(note: string): Handover {
    const a = active.value
    return Handover.parse({ customerId: a?.customer?.id ?? a?.customerId ?? null, note })
  }

  /** REFER the caller to `number`; the customer and note go with it. */
  async function blindTransfer(number: string, note: string): Promise<PlaceError | null> {
    const parsed = target(number)
    if (!parsed.ok) return parsed.error
    if (phone.value && activeId.value) await phone.value.blindTransfer(activeId.value, parsed.target, handoverOf(note))
    return null
  }

  /** Holds the caller and calls the colleague, who sees the customer and note while it rings. */
  async function startConsult(number: string, note: string): Promise<PlaceError | null> {
    const parsed = target(number)
    if (!parsed.ok) return parsed.error
    const p = phone.value
    const a = active.value
    if (!p || !a || consultId.value) return 'busy'
    if (!a.held) await p.setHeld(a.id, true)
    const id = p.dial(parsed.target, handoverOf(note))
    const info = { direction: 'outbound', displayName: '', handover: null, replaces: null } as const
    add({ id, number: parsed.target.user, ...info }, 'dialing', { customerId: null })
    consultId.value = id
    return null
  }

  /** The caller and the colleague are connected; this console leaves both calls. */
  async function completeTransfer(): Promise<void> {
    if (phone.value && activeId.value && consultId.value)
      await phone.value.attendedTransfer(activeId.value, consultId.value)
  }

  /** Ends the consult call and takes the caller off hold. */
  async function cancelConsult(): Promise<void> {
    const p = phone.value
    if (!p || !consultId.value) return
    await p.hangUp(consultId.value)
    if (active.value?.held) await p.setHeld(active.value.id, false)
  }

  async function media(id: string): Promise<MediaCounters | null> {
    return phone.value ? phone.value.media(id) : null
  }

  /** Loads the account and registers; called once the workspace opens. */
  async function start(): Promise<void> {
    try {
      const view = await callConsole('softphone.settings', {})
      loadError.value = null
      await connect(view)
    } catch (err) {
      loadError.value = errorOf(err)
    }
  }

  /** Stores the account in the main process and registers with it (replacing the old phone). */
  async function save(req: SaveSipSettings): Promise<void> {
    await connect(await callConsole('softphone.saveSettings', req))
  }

  return {
    settings,
    status,
    state,
    loadError,
    active,
    consult,
    lastEnded,
    onEnded,
    start,
    stop: disconnect,
    save,
    answer,
    reject,
    hangUp,
    dial,
    setMuted,
    setHeld,
    sendDtmf,
    blindTransfer,
    startConsult,
    completeTransfer,
    cancelConsult,
    media,
  }
})
