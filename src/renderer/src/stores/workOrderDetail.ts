import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ConsoleEventPayload, ConsoleResponse } from '../../../shared/api/console'
import type { ApiError } from '../../../shared/api/errors'
import type { WorkOrderRecord } from '../../../shared/domain/records'
import type { Visibility } from '../../../shared/workOrders/activity'
import { callConsole, errorOf, onConsoleEvent } from '../api/consoleClient'

export type OrderActivity = ConsoleResponse<'workOrders.activity'>

const NO_ACTIVITY: OrderActivity = { entries: [], pending: [], offline: false }

/**
 * The one work order open on the detail screen: its record (cache + my pending writes), its
 * activity (server entries and my notes still in the outbox), and the note composer's write.
 * While open it follows live changes to this order from any seat.
 */
export const useWorkOrderDetailStore = defineStore('workOrderDetail', () => {
  const id = ref('')
  const order = shallowRef<WorkOrderRecord | null>(null)
  const activity = shallowRef<OrderActivity>(NO_ACTIVITY)
  const loading = ref(false)
  const loadError = ref<ApiError | null>(null)
  let generation = 0
  let unsubscribe: (() => void)[] = []

  async function reload(): Promise<void> {
    const mine = ++generation
    const current = id.value
    try {
      const [record, entries] = await Promise.all([
        callConsole('workOrders.get', { id: current }),
        callConsole('workOrders.activity', { id: current }),
      ])
      if (mine !== generation) return
      order.value = record
      activity.value = entries
      loadError.value = record ? null : { code: 'NOT_FOUND', message: current }
    } catch (err) {
      if (mine === generation) loadError.value = errorOf(err)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  function onChanged(changes: ConsoleEventPayload<'records.changed'>): void {
    const mine = changes.some(
      (c) => c.entity === 'workOrder' && (c.ids.includes(id.value) || c.changedFields.includes('*')),
    )
    if (mine) void reload()
  }

  // my refused write (a close without 回访…) leaves the server's state: show it again
  function onRejected({ mutation }: ConsoleEventPayload<'write.rejected'>): void {
    if ('workOrderId' in mutation && mutation.workOrderId === id.value) void reload()
  }

  function open(orderId: string): Promise<void> {
    if (unsubscribe.length === 0) {
      unsubscribe = [onConsoleEvent('records.changed', onChanged), onConsoleEvent('write.rejected', onRejected)]
    }
    if (orderId !== id.value) {
      order.value = null
      activity.value = NO_ACTIVITY
    }
    id.value = orderId
    loading.value = true
    return reload()
  }

  function close(): void {
    unsubscribe.forEach((off) => off())
    unsubscribe = []
    generation++
    id.value = ''
    order.value = null
    activity.value = NO_ACTIVITY
    loadError.value = null
  }

  /** Queues the note in the outbox; it shows at once as 待发送 until the server has it. */
  async function addNote(body: string, visibility: Visibility): Promise<ApiError | null> {
    try {
      await callConsole('records.write', {
        mutation: { kind: 'workOrder.addNote', workOrderId: id.value, body, visibility },
      })
    } catch (err) {
      return errorOf(err)
    }
    await reload()
    return null
  }

  return { id, order, activity, loading, loadError, open, close, reload, addNote }
})
