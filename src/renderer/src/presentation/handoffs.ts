import type { ComposerTranslation } from 'vue-i18n'
import { DEFAULT_CALENDAR } from '../../../shared/workOrders/businessCalendar'
import type { Department, HandoffSummary } from '../../../shared/workOrders/handoff'
import { clockState } from '../../../shared/workOrders/slaClock'
import type { TagType } from './tags'

/** Message keys of the departments (their names are Chinese, the keys are not). */
const DEPARTMENT_KEY: Record<Department, string> = {
  仓储: 'warehouse',
  研发: 'rnd',
  IT: 'it',
  物流: 'logistics',
  财务: 'finance',
  售后技术: 'afterSalesTech',
}

export const departmentName = (d: Department, t: ComposerTranslation): string =>
  t(`woActions.departments.${DEPARTMENT_KEY[d]}`)

/** 45 分钟 / 4 小时 / 2 小时 5 分, in business minutes. */
export function businessSpan(minutes: number, t: ComposerTranslation): string {
  const m = Math.abs(Math.round(minutes))
  if (m < 60) return t('sla.minutes', { m })
  const h = Math.floor(m / 60)
  return m % 60 === 0 ? t('woActions.hours', { h }) : t('sla.hoursMinutes', { h, m: m % 60 })
}

/** A hand-off's department clock in one tag: time left, overdue, or replied on time / late. */
export function handoffClock(h: HandoffSummary, now: number, t: ComposerTranslation): { tone: TagType; text: string } {
  const v = clockState(h.clock, now, DEFAULT_CALENDAR)
  const span = businessSpan(v.state === 'met' ? v.elapsedMin : v.remainingMin, t)
  if (v.state === 'met') {
    return v.elapsedMin <= h.clock.targetMin
      ? { tone: 'success', text: t('woActions.handoffDialog.onTime', { span }) }
      : { tone: 'warning', text: t('woActions.handoffDialog.late', { span }) }
  }
  if (v.state === 'breached') return { tone: 'danger', text: t('woActions.handoffDialog.overdue', { span }) }
  return { tone: v.state === 'warning' ? 'warning' : 'info', text: t('woActions.handoffDialog.left', { span }) }
}
