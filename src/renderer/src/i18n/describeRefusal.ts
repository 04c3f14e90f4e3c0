import type { ApiError } from '../../../shared/api/errors'
import { WorkOrderStatus } from '../../../shared/domain/records'
import { describeError } from './describeError'
import { i18n } from './index'

function statusLabel(status: string): string {
  const known = WorkOrderStatus.safeParse(status)
  return known.success ? i18n.global.t(`workOrderStatus.${known.data}`) : status
}

/**
 * Why the server refused a write, in the current locale: from the structured reason when the
 * server gave one, else from the error code. Call it inside a computed or at display time.
 */
export function describeRefusal(error: ApiError): string {
  const { t } = i18n.global
  const reason = error.reason
  if (reason === undefined) return describeError(error)
  switch (reason.key) {
    case 'otherStore':
      return t('refusals.otherStore')
    case 'recordMissing':
      return t('refusals.recordMissing', { id: reason.params.id })
    case 'alreadyInStatus':
      return t('refusals.alreadyInStatus', { status: statusLabel(reason.params.status) })
    case 'invalidTransition':
      return t('refusals.invalidTransition', {
        from: statusLabel(reason.params.from),
        to: statusLabel(reason.params.to),
      })
    case 'closeNeedsFollowUp':
      return t('refusals.closeNeedsFollowUp')
  }
}
