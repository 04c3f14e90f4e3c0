import { ElMessage } from 'element-plus'
import { onMounted, onUnmounted, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { classifyScan } from '../../../shared/scanning/classifyScan'
import { Scan } from '../../../shared/scanning/scan'
import { onConsoleEvent } from '../api/consoleClient'
import { useScannerStore } from '../stores/scanner'
import { useOpenScan } from './useOpenScan'
import { useWedgeScanner } from './useWedgeScanner'

/**
 * Scans from either scanner, anywhere in the workspace, open their record — except while the
 * settings card's "扫描测试" is on. The serial scanner coming and going is announced.
 */
export function useScanRouting(): void {
  const scanner = useScannerStore()
  const openScan = useOpenScan()
  const { t } = useI18n()
  let unsubscribe: (() => void) | null = null

  const handle = (scan: Scan) => {
    scanner.record(scan)
    if (!scanner.testing) void openScan(scan)
  }

  useWedgeScanner(
    () => ({ enabled: scanner.settings.wedgeEnabled, prefix: scanner.settings.wedgePrefix }),
    (code) => {
      const scan = Scan.safeParse({ code, kind: classifyScan(code), source: 'keyboard' })
      if (scan.success) handle(scan.data)
    },
  )

  watch(
    () => scanner.status.state,
    (state, before) => {
      if (state === 'disconnected' && before === 'connected') ElMessage.warning(t('scanner.disconnected'))
      if (state === 'connected' && before === 'disconnected') ElMessage.success(t('scanner.reconnected'))
    },
  )

  onMounted(() => {
    scanner.start()
    unsubscribe = onConsoleEvent('scanner.scan', handle)
  })
  onUnmounted(() => {
    unsubscribe?.()
    scanner.stop()
  })
}
