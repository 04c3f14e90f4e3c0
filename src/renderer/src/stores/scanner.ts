import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Scan } from '../../../shared/scanning/scan'
import {
  DEFAULT_SCANNER_SETTINGS,
  type ScannerSettings,
  type ScannerStatus,
  type SerialPortInfo,
} from '../../../shared/scanning/scannerSettings'
import { callConsole, onConsoleEvent } from '../api/consoleClient'

/** The seat's scanners as the renderer sees them: set-up, serial port state, the last scan. */
export const useScannerStore = defineStore('scanner', () => {
  const settings = ref<ScannerSettings>({ ...DEFAULT_SCANNER_SETTINGS })
  const status = ref<ScannerStatus>({ state: 'off', path: '', lastError: null })
  const ports = ref<SerialPortInfo[]>([])
  const lastScan = ref<Scan | null>(null)
  /** "扫描测试": scans are shown in the settings card and open nothing */
  const testing = ref(false)
  let unsubscribe: (() => void) | null = null

  async function load(): Promise<void> {
    const setup = await callConsole('scanner.settings', {})
    settings.value = setup.settings
    status.value = setup.status
  }

  function start(): void {
    if (unsubscribe) return
    unsubscribe = onConsoleEvent('scanner.status', (next) => {
      status.value = next
    })
    void load()
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  async function save(next: ScannerSettings): Promise<void> {
    const setup = await callConsole('scanner.saveSettings', next)
    settings.value = setup.settings
    status.value = setup.status
  }

  async function listPorts(): Promise<void> {
    ports.value = await callConsole('scanner.ports', {})
  }

  function record(scan: Scan | null): void {
    lastScan.value = scan
  }

  return { settings, status, ports, lastScan, testing, start, stop, save, listPorts, record }
})
