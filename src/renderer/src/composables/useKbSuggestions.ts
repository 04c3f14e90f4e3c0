import { onUnmounted, ref, shallowRef, watch } from 'vue'
import type { ApiError } from '../../../shared/api/errors'
import type { KbHit } from '../../../shared/domain/kb'
import { KbSearchQuery } from '../../../shared/domain/kb'
import { callConsole, errorOf } from '../api/consoleClient'

/** suggestions follow typing, one search per pause this long */
const TYPE_PAUSE_MS = 300
const SUGGESTIONS = 3
const MAX_QUERY = KbSearchQuery.shape.q.maxLength ?? 200

/**
 * The top knowledge-base articles for a piece of context (K3): the order's text, or what the
 * agent is typing. Searches the server (or the seat's cache offline) once per typing pause; an
 * answer to an older context never replaces a newer one.
 */
export function useKbSuggestions(context: () => string) {
  const hits = shallowRef<KbHit[]>([])
  const searching = ref(false)
  const error = ref<ApiError | null>(null)
  /** the context the shown hits were found for */
  const searchedFor = ref('')
  let generation = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  async function run(text: string): Promise<void> {
    const mine = ++generation
    if (!text) {
      hits.value = []
      searchedFor.value = ''
      searching.value = false
      return
    }
    searching.value = true
    try {
      const result = await callConsole('kb.search', { q: text, limit: SUGGESTIONS })
      if (mine !== generation) return
      hits.value = result.hits
      searchedFor.value = text
      error.value = null
    } catch (err) {
      if (mine === generation) error.value = errorOf(err)
    } finally {
      if (mine === generation) searching.value = false
    }
  }

  watch(
    () => context().replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY).trim(),
    (text, previous) => {
      if (timer) clearTimeout(timer)
      // the first context (opening the order) is searched at once
      timer = setTimeout(() => void run(text), previous === undefined ? 0 : TYPE_PAUSE_MS)
    },
    { immediate: true },
  )
  onUnmounted(() => {
    if (timer) clearTimeout(timer)
    generation++
  })

  return { hits, searching, error, searchedFor }
}
