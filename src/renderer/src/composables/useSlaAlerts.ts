import { ElNotification } from 'element-plus'
import { onUnmounted } from 'vue'
import { useI18n } from 'vue-i18n'
import { describeNotification, notificationTone } from '../presentation/notifications'
import { useNotificationStore } from '../stores/notifications'

/**
 * Each SLA notification that arrives live shows as a toast in the console and, when the window
 * is not in front, as a desktop notification (Electron and Chromium both have the Web API).
 */
export function useSlaAlerts(): void {
  const { t } = useI18n()
  const notifications = useNotificationStore()
  const off = notifications.onArrival((fresh) => {
    for (const n of fresh) {
      const what = describeNotification(n, t)
      // bottom-right: a toast at the top would cover the bell that lists it
      ElNotification({
        type: notificationTone(n) === 'danger' ? 'error' : 'warning',
        title: n.serviceCode,
        message: `${what} · ${n.title}`,
        position: 'bottom-right',
      })
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted' && document.hidden) {
        new Notification(t('notifications.desktopTitle', { code: n.serviceCode, what }), { body: n.title, tag: n.id })
      }
    }
  })
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
    void Notification.requestPermission().catch(() => undefined)
  }
  onUnmounted(off)
}
