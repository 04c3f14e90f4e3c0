import { EventEmitter } from 'node:events'
import type { Scan } from '../../../shared/scanning/scan'
import type { ScannerSettings, ScannerStatus, SerialPortInfo } from '../../../shared/scanning/scannerSettings'
import { ScannerSettingsFile } from './scannerSettingsFile'
import { SerialScanner } from './serialScanner'

/** The seat's scanner bridge: the saved set-up and the serial scanner it drives. */
export class ScannerBridge extends EventEmitter<{ scan: [Scan]; status: [ScannerStatus] }> {
  private readonly file: ScannerSettingsFile
  private readonly serial = new SerialScanner()
  private loaded: Promise<ScannerSettings>

  constructor(dataDir: string) {
    super()
    this.file = new ScannerSettingsFile(dataDir)
    this.serial.on('scan', (scan) => this.emit('scan', scan))
    this.serial.on('status', (status) => this.emit('status', status))
    this.loaded = this.file.read()
    void this.loaded.then((settings) => this.serial.configure(settings))
  }

  async settings(): Promise<{ settings: ScannerSettings; status: ScannerStatus }> {
    return { settings: await this.loaded, status: this.serial.status() }
  }

  async save(settings: ScannerSettings): Promise<{ settings: ScannerSettings; status: ScannerStatus }> {
    await this.loaded
    await this.file.write(settings)
    this.loaded = Promise.resolve(settings)
    this.serial.configure(settings)
    return this.settings()
  }

  ports(): Promise<SerialPortInfo[]> {
    return SerialScanner.ports()
  }

  stop(): void {
    void this.loaded.then(() => this.serial.stop())
  }
}
