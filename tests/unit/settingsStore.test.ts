import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SettingsStore } from '../../src/main/services/settingsStore'

describe('settings store', () => {
  it('starts in zh-CN light, persists a change and survives a corrupt file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sc-settings-'))
    expect(await new SettingsStore(dir).get()).toEqual({ locale: 'zh-CN', theme: 'light', largeFont: false })
    await new SettingsStore(dir).update({ locale: 'zh-TW', theme: 'dark' })
    expect(await new SettingsStore(dir).get()).toMatchObject({ locale: 'zh-TW', theme: 'dark' })
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).locale).toBe('zh-TW')
    await writeFile(join(dir, 'settings.json'), '{ broken')
    expect((await new SettingsStore(dir).get()).locale).toBe('zh-CN')
  })
})
