import { ref, shallowRef, type Ref } from 'vue'
import type { ApiError } from '../../../shared/api/errors'
import type { SaveServiceReport, ServiceReportState } from '../../../shared/workOrders/serviceReport'
import { callConsole, errorOf } from '../api/consoleClient'

/** One order's service report: the order's facts, its latest signed report, and signing a new one. */
export function useServiceReport(orderId: Ref<string>) {
  const state = shallowRef<ServiceReportState | null>(null)
  const loadError = ref<ApiError | null>(null)
  const saving = ref(false)

  async function load(): Promise<void> {
    const id = orderId.value
    loadError.value = null
    state.value = null
    try {
      const next = await callConsole('workOrders.report', { id })
      if (id === orderId.value) state.value = next
    } catch (err) {
      if (id === orderId.value) loadError.value = errorOf(err)
    }
  }

  /** Signs the report; the error when the server refused it, else null. */
  async function save(report: SaveServiceReport): Promise<ApiError | null> {
    saving.value = true
    try {
      state.value = await callConsole('workOrders.saveReport', { id: orderId.value, report })
      return null
    } catch (err) {
      return errorOf(err)
    } finally {
      saving.value = false
    }
  }

  return { state, loadError, saving, load, save }
}
