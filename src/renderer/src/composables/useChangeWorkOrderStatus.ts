import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import type { WorkOrderStatus } from '../../../shared/domain/records'
import { describeError } from '../i18n/describeError'
import { useWorkOrderStore } from '../stores/workOrder'

/** Moves a work order to a new status and tells the user when the change could not be queued. */
export function useChangeWorkOrderStatus(): (workOrderId: string, status: WorkOrderStatus) => Promise<void> {
  const workOrders = useWorkOrderStore()
  const { t } = useI18n()
  return async (workOrderId, status) => {
    const error = await workOrders.setStatus(workOrderId, status)
    if (error) ElMessage.error(t('workOrders.changeFailed', { reason: describeError(error) }))
  }
}
