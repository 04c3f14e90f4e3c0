import type { ComposerTranslation } from 'vue-i18n'
import type { SlaNotification } from '../../../shared/workOrders/createWorkOrder'

/** What happened, in one line of the current locale: "首次响应时限已用 75%，已通知 1 级". */
export function describeNotification(n: SlaNotification, t: ComposerTranslation): string {
  const clock = n.clock ? t(`sla.clocks.${n.clock}`) : ''
  switch (n.kind) {
    case 'sla.warning':
      return n.tier
        ? `${t('notifications.warning', { clock })}${t('mutations.separator')}${t('notifications.tierNotified', { tier: n.tier })}`
        : t('notifications.warning', { clock })
    case 'sla.breach':
      return t('notifications.breach', { clock })
    case 'sla.escalated':
      return t('notifications.escalated', { tier: n.tier ?? '' })
    case 'survey.poor':
      return t('notifications.surveyPoor')
    case 'handoff.breach':
      return t('notifications.handoffBreach')
    default:
      return t('notifications.other')
  }
}

/** Breaches and escalations are red, warnings amber. */
export function notificationTone(n: SlaNotification): 'danger' | 'warning' {
  return n.kind === 'sla.warning' ? 'warning' : 'danger'
}
