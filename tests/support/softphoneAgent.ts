import type { Page } from 'playwright-core'
import { waitFor } from './waitFor'

/** Enters an agent's SIP account in the console's settings card and waits for 已注册 (usable in hooks). */
export async function registerPhone(page: Page, wsUrl: string, extension: string, password: string): Promise<void> {
  await page.getByTestId('softphone-slot').click()
  const card = page.getByTestId('sip-settings')
  await card.waitFor()
  const field = (testId: string) => card.locator(`input[data-testid="${testId}"]`)
  await field('sip-server-url').fill(wsUrl)
  await field('sip-extension').fill(extension)
  await field('sip-password').fill(password)
  await card.getByTestId('sip-save').click()
  const slot = page.getByTestId('softphone-slot')
  await waitFor(`${extension} registered`, async () => (await slot.getAttribute('data-state')) === 'registered')
  // the "saved" toast covers the top bar
  await page.locator('.el-message').waitFor({ state: 'detached', timeout: 10_000 })
}

/** The in-call bar's inbound RTP counter (sampled each second by the bar itself). */
export async function consoleRx(page: Page): Promise<number> {
  return Number((await page.getByTestId('in-call-bar').getAttribute('data-rx')) ?? 0)
}
