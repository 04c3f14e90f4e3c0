import { EventEmitter } from 'node:events'
import { SerialPort } from 'serialport'
import { classifyScan } from '../../../shared/scanning/classifyScan'
import { DEFAULT_FRAME_OPTIONS, FrameSplitter } from '../../../shared/scanning/frameSplitter'
import { ScanCode, type Scan } from '../../../shared/scanning/scan'
import type { ScannerSettings, ScannerStatus, SerialPortInfo } from '../../../shared/scanning/scannerSettings'

export interface SerialScannerOptions {
  /** how long to wait before trying a missing or unplugged port again (ms) */
  retryMs: number
}

/**
 * A serial (USB-CDC) barcode scanner: opens the configured port, turns its bytes into scans, and
 * when the device goes away reports `disconnected` and keeps trying until it comes back.
 * Modem-control lines (DTR/RTS) are left alone: scanners ignore them and ptys lack the ioctls.
 */
export class SerialScanner extends EventEmitter<{ scan: [Scan]; status: [ScannerStatus] }> {
  private port: SerialPort | null = null
  private retry: NodeJS.Timeout | null = null
  private settings: ScannerSettings | null = null
  private current: ScannerStatus = { state: 'off', path: '', lastError: null }

  constructor(private readonly options: SerialScannerOptions = { retryMs: 1000 }) {
    super()
  }

  static async ports(): Promise<SerialPortInfo[]> {
    const ports = await SerialPort.list()
    return ports.map((p) => ({ path: p.path, label: [p.manufacturer, p.serialNumber].filter(Boolean).join(' ') }))
  }

  status(): ScannerStatus {
    return this.current
  }

  /** Closes the open port (if any) and starts on the new settings. */
  configure(settings: ScannerSettings): void {
    this.stop()
    this.settings = settings
    if (!settings.serialPath) return this.setStatus({ state: 'off', path: '', lastError: null })
    this.setStatus({ state: 'disconnected', path: settings.serialPath, lastError: null })
    this.open()
  }

  stop(): void {
    this.settings = null
    if (this.retry) clearTimeout(this.retry)
    this.retry = null
    if (this.port) discard(this.port)
    this.port = null
  }

  private open(): void {
    const settings = this.settings
    if (!settings) return
    const port = new SerialPort({ path: settings.serialPath, baudRate: settings.baudRate, autoOpen: false })
    const splitter = new FrameSplitter({ ...DEFAULT_FRAME_OPTIONS, suffix: settings.suffix })
    this.port = port
    port.on('data', (chunk: Buffer) => {
      for (const frame of splitter.push(chunk, performance.now())) {
        if (!frame.ok) {
          this.setStatus({ ...this.current, lastError: `dropped a line of ${frame.bytes} bytes (over 256)` })
          continue
        }
        const code = ScanCode.safeParse(frame.code)
        if (code.success) this.emit('scan', { code: code.data, kind: classifyScan(code.data), source: 'serial' })
      }
    })
    port.on('close', () => this.lost(port, 'the scanner was disconnected'))
    port.on('error', (err) => this.lost(port, err.message))
    port.open((err) => {
      if (err) return this.lost(port, err.message)
      if (this.port === port) this.setStatus({ state: 'connected', path: settings.serialPath, lastError: null })
    })
  }

  /** The port failed to open or went away: report it once and try again later. */
  private lost(port: SerialPort, reason: string): void {
    if (this.port !== port) return
    this.port = null
    discard(port)
    this.setStatus({ state: 'disconnected', path: this.current.path, lastError: reason })
    this.retry = setTimeout(() => {
      this.retry = null
      this.open()
    }, this.options.retryMs)
  }

  private setStatus(next: ScannerStatus): void {
    const same =
      next.state === this.current.state && next.path === this.current.path && next.lastError === this.current.lastError
    this.current = next
    if (!same) this.emit('status', next)
  }
}

/** Detaches from a port and closes it if open; a late error from it is of no interest. */
function discard(port: SerialPort): void {
  port.removeAllListeners()
  port.on('error', () => undefined)
  if (port.isOpen) port.close(() => undefined)
}
