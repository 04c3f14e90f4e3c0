import { _electron as electron } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { electronBinary } from '../support/electronBinary'
import { ROOT, startStack, type Stack } from '../support/stack'

const binary = electronBinary()
if ('missing' in binary) console.log(`[skip] Electron app e2e: ${binary.missing}`)

describe.skipIf('missing' in binary)('Electron app', () => {
  let stack: Stack
  beforeAll(async () => {
    stack = await startStack()
  })
  afterAll(async () => {
    await stack?.stop()
  })

  it('opens the console window with the console API exposed and no Node in the renderer', async () => {
    const app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [ROOT, '--no-sandbox'],
      env: { ...process.env, SERVER_URL: stack.serverUrl },
    })
    try {
      const page = await app.firstWindow()
      await page.getByTestId('login-submit').waitFor()
      expect(
        await page.evaluate(() => [
          typeof window.consoleApi,
          typeof (window as any).require,
          typeof (window as any).process,
        ]),
      ).toEqual(['object', 'undefined', 'undefined'])
      const info = await page.evaluate(() => window.consoleApi!.invoke('app.info', {}))
      expect(info).toMatchObject({ ok: true, result: { shell: 'electron' } })
    } finally {
      await app.close()
    }
  })
})
