import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import type { Scan } from '../../../shared/scanning/scan'
import { callConsole, errorOf } from '../api/consoleClient'
import { describeError } from '../i18n/describeError'
import { useOpenCustomer } from './useOpenCustomer'

/**
 * Opens the record a scan points at: a service code its work order, a member card or an order
 * number the customer's 360. Anything else gets a message the desk understands.
 */
export function useOpenScan(): (scan: Scan) => Promise<void> {
  const router = useRouter()
  const openCustomer = useOpenCustomer()
  const { t } = useI18n()

  async function openWorkOrder(code: string): Promise<boolean> {
    const page = await callConsole('workOrders.query', { view: 'all', text: code, limit: 5 })
    const row = page.rows.find((r) => r.order.serviceCode === code)
    if (row) await router.push({ name: 'work-order', params: { id: row.order.id } })
    return Boolean(row)
  }

  async function openCustomerOf(code: string, matched: 'member' | 'order'): Promise<boolean> {
    const { hits } = await callConsole('customers.search', { q: code, limit: 5 })
    const hit = hits.find((h) => h.matched === matched)
    if (hit) openCustomer(hit.id)
    return Boolean(hit)
  }

  async function open(scan: Scan): Promise<boolean> {
    const code = scan.code.toUpperCase()
    switch (scan.kind) {
      case 'serviceCode':
        return openWorkOrder(code)
      case 'memberCard':
        return openCustomerOf(code, 'member')
      case 'orderNo':
        return openCustomerOf(code, 'order')
      case 'productBarcode':
      case 'appointment':
        ElMessage.info(t(`scanner.later.${scan.kind}`, { code: scan.code }))
        return true
      case 'unknown':
        ElMessage.warning(t('scanner.unknown', { code: scan.code }))
        return true
    }
  }

  return async (scan) => {
    try {
      if (!(await open(scan))) ElMessage.warning(t('scanner.notFound', { code: scan.code }))
    } catch (err) {
      ElMessage.error(t('scanner.failed', { reason: describeError(errorOf(err)) }))
    }
  }
}
