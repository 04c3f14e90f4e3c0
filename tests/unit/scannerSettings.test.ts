import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ScannerSettingsFile } from '../../src/main/services/scanning/scannerSettingsFile'
import { Scan } from '../../src/shared/scanning/scan'
import { DEFAULT_SCANNER_SETTINGS, ScannerSettings } from '../../src/shared/scanning/scannerSettings'

describe('scanner settings and scan input at the boundary', () => {
  it('starts with no serial port and the wedge on, persists a change, survives a corrupt file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sc-scanner-'))
    expect(await new ScannerSettingsFile(dir).read()).toEqual(DEFAULT_SCANNER_SETTINGS)
    const saved = {
      ...DEFAULT_SCANNER_SETTINGS,
      serialPath: '/dev/ttyACM0',
      baudRate: 115200 as const,
      suffix: 'crlf' as const,
    }
    await new ScannerSettingsFile(dir).write(saved)
    expect(await new ScannerSettingsFile(dir).read()).toEqual(saved)
    expect(JSON.parse(await readFile(join(dir, 'scanner.json'), 'utf8')).serialPath).toBe('/dev/ttyACM0')
    await writeFile(join(dir, 'scanner.json'), '{ broken')
    expect(await new ScannerSettingsFile(dir).read()).toEqual(DEFAULT_SCANNER_SETTINGS)
  })

  it('refuses odd baud rates, control characters in the port and unknown fields', () => {
    expect(ScannerSettings.safeParse({ ...DEFAULT_SCANNER_SETTINGS, baudRate: 1234 }).success).toBe(false)
    expect(ScannerSettings.safeParse({ ...DEFAULT_SCANNER_SETTINGS, serialPath: '/dev/tty\u0000x' }).success).toBe(
      false,
    )
    expect(ScannerSettings.safeParse({ ...DEFAULT_SCANNER_SETTINGS, wedgePrefix: '前缀' }).success).toBe(false)
    expect(ScannerSettings.safeParse({ ...DEFAULT_SCANNER_SETTINGS, dtr: true }).success).toBe(false)
  })

  it('a scan is printable text of at most 256 characters', () => {
    expect(Scan.safeParse({ code: ' M10000042 ', kind: 'memberCard', source: 'serial' }).data?.code).toBe('M10000042')
    expect(Scan.safeParse({ code: 'M1\u001b[2J', kind: 'unknown', source: 'serial' }).success).toBe(false)
    expect(Scan.safeParse({ code: 'X'.repeat(257), kind: 'unknown', source: 'keyboard' }).success).toBe(false)
    expect(Scan.safeParse({ code: '', kind: 'unknown', source: 'keyboard' }).success).toBe(false)
  })
})
