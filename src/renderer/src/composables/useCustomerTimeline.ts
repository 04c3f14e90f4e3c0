import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import type { ApiError } from '../../../shared/api/errors'
import type { Channel, TimelineEvent, TimelineKind } from '../../../shared/domain/timeline'
import { callConsole, errorOf } from '../api/consoleClient'

const PAGE = 50

/**
 * One customer's timeline, newest first, a page at a time (keyset: the last event's time and id),
 * filtered by kind and channel on the server.
 */
export function useCustomerTimeline(customerId: Ref<string>) {
  const events = shallowRef<TimelineEvent[]>([])
  const more = ref(false)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  const kinds = ref<TimelineKind[]>([])
  const channels = ref<Channel[]>([])
  let generation = 0

  const filtered = computed(() => kinds.value.length > 0 || channels.value.length > 0)

  async function fetchPage(reset: boolean): Promise<void> {
    const mine = reset ? ++generation : generation
    const last = reset ? undefined : events.value.at(-1)
    loading.value = true
    try {
      const page = await callConsole('customers.timeline', {
        id: customerId.value,
        query: {
          limit: PAGE,
          ...(kinds.value.length ? { kinds: kinds.value } : {}),
          ...(channels.value.length ? { channels: channels.value } : {}),
          ...(last ? { before: last.at, beforeId: last.id } : {}),
        },
      })
      if (mine !== generation) return
      events.value = reset ? page.events : [...events.value, ...page.events]
      more.value = page.more
      error.value = null
    } catch (err) {
      if (mine !== generation) return
      if (reset) events.value = []
      more.value = false
      error.value = errorOf(err)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  function reload(): Promise<void> {
    return fetchPage(true)
  }

  function loadMore(): void {
    if (more.value && !loading.value) void fetchPage(false)
  }

  function clear(): void {
    kinds.value = []
    channels.value = []
  }

  watch([customerId, kinds, channels], () => void reload(), { immediate: true })

  return { events, more, loading, error, kinds, channels, filtered, reload, loadMore, clear }
}
