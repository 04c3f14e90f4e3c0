import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { OutboxStatus, RejectedWrite } from '../../../shared/api/console'
import type { ApiError } from '../../../shared/api/errors'
import { mutationTarget, type Mutation } from '../../../shared/sync/mutations'
import { callConsole, errorOf, onConsoleEvent } from '../api/consoleClient'

/** enough to name any work order a seat can have cached */
const WORK_ORDER_LOOKUP_LIMIT = 5000

const targetKey = (mutation: Mutation): string => {
  const { entity, id } = mutationTarget(mutation)
  return `${entity}:${id}`
}

/**
 * The seat's outbox: writes waiting for the server, and the ones it refused, with the names of
 * the records they were about (a work order's service code, a customer's name).
 */
export const useOutboxStore = defineStore('outbox', () => {
  const status = ref<OutboxStatus>({ pending: 0, rejected: 0 })
  const rejected = ref<RejectedWrite[]>([])
  const subjects = ref<Record<string, string>>({})
  const rejectedError = ref<ApiError | null>(null)
  let unsubscribe: (() => void) | null = null

  async function refresh(): Promise<void> {
    try {
      status.value = await callConsole('outbox.status', {})
    } catch {
      // the counts stay as they were; the next outbox.status event brings them
    }
  }

  /** The service code or customer name a write is about; its id until it has been looked up. */
  function subjectOf(mutation: Mutation): string {
    return subjects.value[targetKey(mutation)] ?? mutationTarget(mutation).id
  }

  /** Looks up, from the cache, the names `subjectOf` gives for these writes. */
  async function resolveSubjects(mutations: readonly Mutation[]): Promise<void> {
    const missing = mutations.filter((m) => subjects.value[targetKey(m)] === undefined)
    if (missing.length === 0) return
    const found: Record<string, string> = {}
    if (missing.some((m) => m.kind === 'workOrder.setStatus')) {
      for (const order of await callConsole('workOrders.list', { limit: WORK_ORDER_LOOKUP_LIMIT })) {
        found[`workOrder:${order.id}`] = order.serviceCode
      }
    }
    const customerIds = new Set(missing.map(mutationTarget).flatMap((t) => (t.entity === 'customer' ? [t.id] : [])))
    await Promise.all(
      [...customerIds].map(async (id) => {
        const customer = await callConsole('customers.get', { id })
        if (customer) found[`customer:${id}`] = customer.name
      }),
    )
    // a record that is not in the cache keeps its id, and is not looked up again
    for (const m of missing) found[targetKey(m)] ??= mutationTarget(m).id
    subjects.value = { ...subjects.value, ...found }
  }

  async function loadRejected(): Promise<void> {
    try {
      const list = await callConsole('outbox.rejected', {})
      await resolveSubjects(list.map((entry) => entry.mutation))
      rejected.value = list
      rejectedError.value = null
    } catch (err) {
      rejectedError.value = errorOf(err)
    }
  }

  /** The agent has seen a refused write: drop it from the list. */
  async function dismiss(opId: string): Promise<ApiError | null> {
    try {
      status.value = await callConsole('outbox.dismiss', { opId })
      rejected.value = rejected.value.filter((entry) => entry.opId !== opId)
      return null
    } catch (err) {
      return errorOf(err)
    }
  }

  function start(): void {
    if (unsubscribe) return
    unsubscribe = onConsoleEvent('outbox.status', (next) => {
      status.value = next
    })
    void refresh()
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
    status.value = { pending: 0, rejected: 0 }
    rejected.value = []
    subjects.value = {}
  }

  return { status, rejected, rejectedError, subjectOf, resolveSubjects, loadRejected, dismiss, start, stop }
})
