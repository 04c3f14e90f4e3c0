import { computed, onUnmounted, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { startRinging, type Ringer } from '../softphone/ringtone'
import { useCallStore } from '../stores/call'

/**
 * While an inbound call rings: the ringer, and a desktop notification once the caller's customer
 * is known (so it names them). The notification needs the user's permission: asked on the first
 * ring when undecided, never again once refused.
 */
export function useRingAlert(): { ringing: Ref<boolean> } {
  const { t } = useI18n()
  const call = useCallStore()
  const ringing = ref(false)
  let ringer: Ringer | null = null
  let notified: string | null = null
  let notification: Notification | null = null

  const ringingCall = computed(() => {
    const a = call.active
    // a call replacing our consult call is answered by itself: nothing to alert about
    return a?.state === 'ringing' && !a.replaces ? a : null
  })

  function stop(): void {
    ringer?.stop()
    ringer = null
    ringing.value = false
    notification?.close()
    notification = null
  }

  async function notify(caller: string, customer: string): Promise<void> {
    if (typeof Notification === 'undefined') return
    if (Notification.permission === 'default') await Notification.requestPermission().catch(() => 'denied')
    if (Notification.permission !== 'granted' || !ringingCall.value) return
    notification = new Notification(t('inCall.ringing.notificationTitle', { caller }), {
      body: t('inCall.ringing.notificationBody', { customer }),
      tag: 'softphone-ringing',
      requireInteraction: true,
    })
    notification.onclick = () => window.focus()
  }

  watch(
    () => ringingCall.value?.id ?? null,
    (id) => {
      stop()
      if (!id) return
      ringer = startRinging((playing) => (ringing.value = playing))
    },
  )

  watch(
    () => (ringingCall.value && ringingCall.value.lookup !== 'pending' ? ringingCall.value : null),
    (c) => {
      if (!c || notified === c.id) return
      notified = c.id
      void notify(c.onScreen, c.customer?.name ?? t('inCall.ringing.unknownCustomer'))
    },
  )

  onUnmounted(stop)
  return { ringing }
}
