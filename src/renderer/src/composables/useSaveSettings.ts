import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import type { Settings } from '../../../shared/api/console'
import { describeError } from '../i18n/describeError'
import { useSettingsStore } from '../stores/settings'

/** Saves a settings change and tells the user when it could not be kept. */
export function useSaveSettings(): (patch: Partial<Settings>) => Promise<void> {
  const settings = useSettingsStore()
  const { t } = useI18n()
  return async (patch) => {
    if (await settings.update(patch)) return
    if (settings.error) ElMessage.error(t('settings.saveFailed', { reason: describeError(settings.error) }))
  }
}
