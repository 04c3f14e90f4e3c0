import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { DEFAULT_SCANNER_SETTINGS, ScannerSettings } from '../../../shared/scanning/scannerSettings'

/** The seat's scanner set-up, kept as JSON in the user-data folder (atomic replace on save). */
export class ScannerSettingsFile {
  private readonly file: string

  constructor(dataDir: string) {
    this.file = join(dataDir, 'scanner.json')
  }

  async read(): Promise<ScannerSettings> {
    try {
      const parsed = ScannerSettings.partial().safeParse(JSON.parse(await readFile(this.file, 'utf8')))
      return { ...DEFAULT_SCANNER_SETTINGS, ...(parsed.success ? parsed.data : {}) }
    } catch {
      return { ...DEFAULT_SCANNER_SETTINGS }
    }
  }

  async write(settings: ScannerSettings): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true })
    const tmp = `${this.file}.tmp`
    await writeFile(tmp, JSON.stringify(settings, null, 2))
    await rename(tmp, this.file)
  }
}
