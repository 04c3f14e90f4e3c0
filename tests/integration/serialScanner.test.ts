import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SerialScanner } from '../../src/main/services/scanning/serialScanner'
import type { Scan } from '../../src/shared/scanning/scan'
import { DEFAULT_SCANNER_SETTINGS, type ScannerStatus } from '../../src/shared/scanning/scannerSettings'
import { PtyPair } from '../support/ptyPair'
import { waitFor } from '../support/waitFor'

/** The serial scanner bridge against a real pseudo-terminal pair made by socat. */
describe('serial scanner over a socat pty pair', () => {
  let pty: PtyPair
  const scanner = new SerialScanner({ retryMs: 200 })
  const scans: Scan[] = []
  const statuses: ScannerStatus[] = []
  scanner.on('scan', (scan) => scans.push(scan))
  scanner.on('status', (status) => statuses.push(status))

  const nextScans = async (count: number): Promise<string[]> => {
    await waitFor(`${count} scans`, () => scans.length >= count, 5000)
    return scans.splice(0, count).map((s) => s.code)
  }
  const state = () => scanner.status().state

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sc-pty-'))
    pty = new PtyPair(join(dir, 'scanner'), join(dir, 'device'))
    await pty.plug()
    scanner.configure({ ...DEFAULT_SCANNER_SETTINGS, serialPath: pty.appPath, baudRate: 9600, suffix: 'auto' })
    await waitFor('connected', () => state() === 'connected', 5000)
  })
  afterAll(async () => {
    scanner.stop()
    await pty?.unplug()
  })

  it('reads scans ended by CR, LF and CRLF, and classifies them', async () => {
    await pty.write('M10000042\r')
    await pty.write('SO20000001\n')
    await pty.write('6901234567892\r\n')
    await pty.write('7K3M9QXA\r')
    await waitFor('4 scans', () => scans.length >= 4, 5000)
    expect(scans.splice(0).map(({ code, kind, source }) => `${code}:${kind}:${source}`)).toEqual([
      'M10000042:memberCard:serial',
      'SO20000001:orderNo:serial',
      '6901234567892:productBarcode:serial',
      '7K3M9QXA:serviceCode:serial',
    ])
  })

  it('joins partial frames written apart, and drops garbage bytes', async () => {
    await pty.write('M1000')
    await new Promise((r) => setTimeout(r, 50))
    await pty.write('0043')
    await new Promise((r) => setTimeout(r, 50))
    await pty.write('\r')
    await pty.write(Uint8Array.from([0x00, 0x1b, 0xff, 0x0d, 0x0a, 0x07, ...Buffer.from('SO20000002'), 0x0d]))
    expect(await nextScans(2)).toEqual(['M10000043', 'SO20000002'])
  })

  it('drops a very long line with an error and keeps reading', async () => {
    await pty.write(`${'X'.repeat(5000)}\rM10000044\r`)
    expect(await nextScans(1)).toEqual(['M10000044'])
    expect(scanner.status().lastError).toMatch(/5000 bytes/)
  })

  it('honours a fixed suffix: with LF, a CR alone ends nothing', async () => {
    scanner.configure({ ...DEFAULT_SCANNER_SETTINGS, serialPath: pty.appPath, baudRate: 115200, suffix: 'lf' })
    await waitFor('connected', () => state() === 'connected', 5000)
    await pty.write('M100\r00045\n')
    expect(await nextScans(1)).toEqual(['M10000045'])
  })

  it('reports the unplugged scanner and reconnects when it comes back', async () => {
    statuses.length = 0
    await pty.unplug()
    await waitFor('disconnected', () => state() === 'disconnected', 5000)
    await new Promise((r) => setTimeout(r, 600)) // a few failed retries while the device is gone
    expect(state()).toBe('disconnected')
    await pty.plug()
    await waitFor('reconnected', () => state() === 'connected', 5000)
    const transitions = statuses.map((s) => s.state).filter((s, i, all) => s !== all[i - 1])
    expect(transitions).toEqual(['disconnected', 'connected'])
    expect(statuses[0]?.lastError).toBeTruthy()
    await pty.write('M10000046\r\n')
    expect(await nextScans(1)).toEqual(['M10000046'])
  })
})
