import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { KbSaveResult } from '../../../shared/api/console'
import type { ApiError } from '../../../shared/api/errors'
import type { KbArticleInput, KbAudience, KbHit, KbStatus, KbVersion } from '../../../shared/domain/kb'
import type { KbArticleRecord } from '../../../shared/domain/records'
import { callConsole, errorOf } from '../api/consoleClient'

const SEARCH_LIMIT = 20

export interface KbFilters {
  category: string
  audience: KbAudience | ''
  status: KbStatus
}

/**
 * The knowledge base for the renderer: the search box's hits (server or seat cache), the open
 * article, and for editors its versions and the save / workflow / restore actions.
 */
export const useKbStore = defineStore('kb', () => {
  const query = ref('')
  const filters = ref<KbFilters>({ category: '', audience: '', status: 'published' })
  const hits = shallowRef<KbHit[]>([])
  const searchSource = ref<'server' | 'cache'>('server')
  const searching = ref(false)
  const searchError = ref<ApiError | null>(null)
  /** the query whose hits are shown (what a later feedback vote refers to) */
  const searchedQuery = ref('')
  let generation = 0
  let latest: Promise<void> = Promise.resolve()

  const categories = ref<string[]>([])

  const current = shallowRef<KbArticleRecord | null>(null)
  const loading = ref(false)
  const loadError = ref<ApiError | null>(null)
  const versions = shallowRef<KbVersion[]>([])
  let openGeneration = 0

  function search(q: string): Promise<void> {
    latest = runSearch(q)
    return latest
  }

  function searched(): Promise<void> {
    return latest
  }

  async function runSearch(q: string): Promise<void> {
    query.value = q
    const mine = ++generation
    const text = q.trim()
    if (!text) {
      hits.value = []
      searchedQuery.value = ''
      searching.value = false
      searchError.value = null
      return
    }
    searching.value = true
    const { category, audience, status } = filters.value
    try {
      const result = await callConsole('kb.search', {
        q: text.slice(0, 200),
        limit: SEARCH_LIMIT,
        status,
        ...(category ? { category } : {}),
        ...(audience ? { audience } : {}),
      })
      if (mine !== generation) return
      hits.value = result.hits
      searchSource.value = result.source
      searchedQuery.value = q
      searchError.value = null
    } catch (err) {
      if (mine !== generation) return
      hits.value = []
      searchError.value = errorOf(err)
    } finally {
      if (mine === generation) searching.value = false
    }
  }

  /** Category names from the seat's cached articles, for the filter. */
  async function loadCategories(): Promise<void> {
    try {
      const articles = await callConsole('kb.list', { limit: 5000 })
      categories.value = [...new Set(articles.map((a) => a.category))].sort((a, b) => a.localeCompare(b, 'zh-CN'))
    } catch {
      // the filter stays as it was
    }
  }

  async function open(id: string): Promise<void> {
    const mine = ++openGeneration
    loading.value = true
    loadError.value = null
    if (current.value?.id !== id) {
      current.value = null
      versions.value = []
    }
    try {
      const article = await callConsole('kb.get', { id })
      if (mine !== openGeneration) return
      current.value = article
      if (!article) loadError.value = { code: 'NOT_FOUND', message: id }
    } catch (err) {
      if (mine !== openGeneration) return
      loadError.value = errorOf(err)
    } finally {
      if (mine === openGeneration) loading.value = false
    }
  }

  async function loadVersions(id: string): Promise<ApiError | null> {
    try {
      const list = await callConsole('kb.versions', { id })
      if (current.value?.id === id || !current.value) versions.value = list
      return null
    } catch (err) {
      return errorOf(err)
    }
  }

  async function feedback(id: string, q: string, helpful: boolean): Promise<ApiError | null> {
    try {
      await callConsole('kb.feedback', { id, query: q.trim().slice(0, 200), helpful })
      return null
    } catch (err) {
      return errorOf(err)
    }
  }

  /** Runs a write that answers with the saved article, then shows it and its versions. */
  async function write(call: () => Promise<KbSaveResult>): Promise<KbSaveResult | ApiError> {
    try {
      const result = await call()
      current.value = result.article
      await loadVersions(result.article.id)
      return result
    } catch (err) {
      return errorOf(err)
    }
  }

  const save = (article: KbArticleInput) => write(() => callConsole('kb.save', { article }))
  const setStatus = (id: string, status: KbStatus) => write(() => callConsole('kb.setStatus', { id, status }))
  const restore = (id: string, version: number) => write(() => callConsole('kb.restore', { id, version }))

  return {
    query,
    filters,
    hits,
    searchSource,
    searching,
    searchError,
    searchedQuery,
    categories,
    current,
    loading,
    loadError,
    versions,
    search,
    searched,
    loadCategories,
    open,
    loadVersions,
    feedback,
    save,
    setStatus,
    restore,
  }
})

export function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && 'code' in value && !('article' in value)
}
