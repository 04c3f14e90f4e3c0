import { defineStore } from 'pinia'
import { ref } from 'vue'
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/api/console'
import type { ApiError } from '../../../shared/api/errors'
import { callConsole, errorOf } from '../api/consoleClient'
import { setI18nLocale } from '../i18n'

function applyToDocument(settings: Settings): void {
  const root = document.documentElement
  root.classList.toggle('dark', settings.theme === 'dark')
  root.classList.toggle('large-font', settings.largeFont)
  setI18nLocale(settings.locale)
}

/** Locale, theme and font size: kept by the main process so they survive a reload. */
export const useSettingsStore = defineStore('settings', () => {
  const current = ref<Settings>({ ...DEFAULT_SETTINGS })
  const error = ref<ApiError | null>(null)

  function apply(settings: Settings): void {
    current.value = settings
    applyToDocument(settings)
  }

  async function load(): Promise<void> {
    try {
      apply(await callConsole('settings.get', {}))
      error.value = null
    } catch (err) {
      error.value = errorOf(err)
      apply(current.value)
    }
  }

  /** Applies the change at once and rolls it back if the main process refuses to keep it. */
  async function update(patch: Partial<Settings>): Promise<boolean> {
    const previous = current.value
    apply({ ...previous, ...patch })
    try {
      apply(await callConsole('settings.update', patch))
      error.value = null
      return true
    } catch (err) {
      apply(previous)
      error.value = errorOf(err)
      return false
    }
  }

  return { current, error, load, update }
})
