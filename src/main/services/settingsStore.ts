import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { DEFAULT_SETTINGS, Settings } from '../../shared/api/console'

/** The seat's UI preferences, kept as JSON in the user-data folder (atomic replace on save). */
export class SettingsStore {
  private current: Settings | null = null
  private readonly file: string

  constructor(dataDir: string) {
    this.file = join(dataDir, 'settings.json')
  }

  async get(): Promise<Settings> {
    if (this.current) return this.current
    try {
      const parsed = Settings.partial().safeParse(JSON.parse(await readFile(this.file, 'utf8')))
      this.current = { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) }
    } catch {
      this.current = { ...DEFAULT_SETTINGS }
    }
    return this.current
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = Settings.parse({ ...(await this.get()), ...patch })
    await mkdir(dirname(this.file), { recursive: true })
    const tmp = `${this.file}.tmp`
    await writeFile(tmp, JSON.stringify(next, null, 2))
    await rename(tmp, this.file)
    this.current = next
    return next
  }
}
