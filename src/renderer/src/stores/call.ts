import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { CustomerRecord } from '../../../shared/domain/records'
import type { SaveSipSettings, SipSettingsView } from '../../../shared/softphone/sipSettings'
import type { ApiError } from '../../../shared/api/errors'
import { callConsole, errorOf } from '../api/consoleClient'
import { SipJsPhone } from '../softphone/sipJsPhone'
import type { CallEvent, IncomingCall, PhoneStatus, SoftPhone } from '../softphone/softPhone'

/** What the top bar shows: no account yet, or the registration state of the phone. */
export type SoftphoneState = 'unconfigured' | PhoneStatus['state']

/** The call on screen: the caller's customer is looked up while it rings (screen pop). */
export interface ActiveCall extends IncomingCall {
  state: 'ringing' | 'established'
  lookup: 'pending' | 'found' | 'unknown'
  customer: CustomerRecord | null
}

/**
 * The softphone of the signed-in agent: the SIP account kept by the main process, the sip.js
 * phone registered with it, and the inbound call with its screen pop.
 */
export const useCallStore = defineStore('call', () => {
  const settings = ref<SipSettingsView>({ profile: null, hasPassword: false, credentials: null })
  const status = ref<PhoneStatus>({ state: 'unregistered', reason: null })
  const loadError = ref<ApiError | null>(null)
  const phone = shallowRef<SoftPhone | null>(null)
  const active = ref<ActiveCall | null>(null)
  let unsubscribe: (() => void) | null = null

  const state = computed<SoftphoneState>(() => (phone.value ? status.value.state : 'unconfigured'))

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
    unsubscribe?.()
    unsubscribe = null
    phone.value = null
    active.value = null
    status.value = { state: 'unregistered', reason: null }
    await current?.stop()
  }

  function onCallEvent(event: CallEvent): void {
    if (event.kind === 'ringing') {
      active.value = { ...event.call, state: 'ringing', lookup: 'pending', customer: null }
      void screenPop(event.call.id, event.call.number)
    } else if (active.value?.id === event.id) {
      if (event.kind === 'established') active.value = { ...active.value, state: 'established' }
      else active.value = null
    }
  }

  /** the caller's customer, from the seat cache or the server, before the agent answers */
  async function screenPop(id: string, number: string): Promise<void> {
    let customer: CustomerRecord | null = null
    try {
      customer = (await callConsole('customers.screenPop', { phone: number })).customer
    } catch {
      // an unknown or unreadable number pops nothing: the call still rings
    }
    if (active.value?.id !== id) return
    active.value = { ...active.value, customer, lookup: customer ? 'found' : 'unknown' }
  }

  const withCall = (fn: (p: SoftPhone, id: string) => Promise<void>) => async () => {
    if (phone.value && active.value) await fn(phone.value, active.value.id)
  }
  const answer = withCall((p, id) => p.answer(id))
  const reject = withCall((p, id) => p.reject(id))
  const hangUp = withCall((p, id) => p.hangUp(id))

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

  return { settings, status, state, loadError, active, start, stop: disconnect, save, answer, reject, hangUp }
})
