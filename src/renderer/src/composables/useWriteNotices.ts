import { ElNotification } from 'element-plus'
import { onUnmounted } from 'vue'
import { useI18n } from 'vue-i18n'
import { onConsoleEvent } from '../api/consoleClient'
import { describeMutation, describeTarget, listFields } from '../i18n/describeMutation'
import { describeRefusal } from '../i18n/describeRefusal'
import { useOutboxStore } from '../stores/outbox'

/**
 * Tells the agent, while the workspace is open, when the server refused one of their queued
 * writes, and when a write replaced values someone else had just set (last writer wins).
 */
export function useWriteNotices(): void {
  const { t } = useI18n()
  const outbox = useOutboxStore()

  // should the names not be found, the notices name the records by id
  const offs = [
    onConsoleEvent('write.rejected', async ({ mutation, error }) => {
      await outbox.resolveSubjects([mutation]).catch(() => undefined)
      ElNotification({
        type: 'warning',
        title: t('sync.rejectedNoticeTitle'),
        message: t('sync.rejectedNotice', {
          change: describeMutation(mutation, outbox.subjectOf(mutation)),
          reason: describeRefusal(error),
        }),
        duration: 8000,
      })
    }),
    onConsoleEvent('write.overwrote', async ({ mutation, fields }) => {
      await outbox.resolveSubjects([mutation]).catch(() => undefined)
      ElNotification({
        type: 'info',
        title: t('sync.overwroteNoticeTitle'),
        message: t('sync.overwroteNotice', {
          fields: listFields(fields.map((f) => f.field)),
          target: describeTarget(mutation, outbox.subjectOf(mutation)),
        }),
        duration: 8000,
      })
    }),
  ]
  onUnmounted(() => offs.forEach((off) => off()))
}
