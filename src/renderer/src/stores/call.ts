import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { SaveSipSettings, SipSettingsView } from '../../../shared/softphone/sipSettings'
import type { ApiError } from '../../../shared/api/errors'
import { callConsole, errorOf } from '../api/consoleClient'
import { SipJsPhone } from '../softphone/sipJsPhone'
import type { PhoneStatus, SoftPhone } from '../softphone/softPhone'

/** What the top bar shows: no account yet, or the registration state of the phone. */
export type SoftphoneState = 'unconfigured' | PhoneStatus['state']

/**
 * The softphone of the signed-in agent: the SIP account kept by the main process and the
 * sip.js phone registered with it. Calls come in the next slice.
 */
export const useCallStore = defineStore('call', () => {
  const settings = ref<SipSettingsView>({ profile: null, hasPassword: false, credentials: null })
  const status = ref<PhoneStatus>({ state: 'unregistered', reason: null })
  const loadError = ref<ApiError | null>(null)
  const phone = shallowRef<SoftPhone | null>(null)
  let unsubscribe: (() => void) | null = null

  const state = computed<SoftphoneState>(() => (phone.value ? status.value.state : 'unconfigured'))

  async function connect(view: SipSettingsView): Promise<void> {
    await disconnect()
    settings.value = view
    if (!view.profile || !view.credentials) return
    const next = new SipJsPhone({ profile: view.profile, credentials: view.credentials })
    phone.value = next
    unsubscribe = next.onStatus((s) => (status.value = s))
    await next.start()
  }

  async function disconnect(): Promise<void> {
    const current = phone.value
    unsubscribe?.()
    unsubscribe = null
    phone.value = null
    status.value = { state: 'unregistered', reason: null }
    await current?.stop()
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

  return { settings, status, state, loadError, start, stop: disconnect, save }
})
