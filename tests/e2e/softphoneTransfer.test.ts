import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { phoneFor } from '../../src/server/seed/chineseNames'
import { FAKE_MEDIA_FLAGS, launchChromium, screenshot, signIn } from '../support/browser'
import { kamailioMissing, startKamailio, type Kamailio } from '../support/kamailio'
import { startSipCaller, type SipCaller } from '../support/sipCaller'
import { registerPhone } from '../support/softphoneAgent'
import { startStack, type Stack } from '../support/stack'

const FIRST = { user: '1001', password: 'agent01-sip-pw' }
const SECOND = { user: '1002', password: 'agent02-sip-pw' }
/** the first seeded customer calls in from their mobile */
const CALLER = { user: phoneFor(0), password: 'caller-sip-pw' }
const CUSTOMER_ID = 'c-0000001'
const missing = kamailioMissing()
if (missing) console.warn(`softphone transfer e2e skipped: ${missing}`)

const bar = (page: Page) => page.getByTestId('in-call-bar')
const panel = (page: Page) => page.getByTestId('incoming-call')

/** how many packets arrive in a second: 0 means the stream has stopped */
async function growth(caller: SipCaller, page: Page): Promise<number> {
  const before = await caller.packetsReceived()
  await page.waitForTimeout(1000)
  return (await caller.packetsReceived()) - before
}

describe.skipIf(missing !== null)('call transfer between two agent consoles, with the customer and note', () => {
  let kamailio: Kamailio
  let stack: Stack
  let browser: Browser
  let first: Page
  let second: Page
  let caller: SipCaller

  beforeAll(async () => {
    kamailio = await startKamailio([FIRST, SECOND, CALLER])
    stack = await startStack()
    browser = await launchChromium(FAKE_MEDIA_FLAGS)
    first = await signIn(browser, stack.consoleUrl, 'agent01')
    second = await signIn(browser, await stack.addHost(), 'agent02')
    await registerPhone(first, kamailio.wsUrl, FIRST.user, FIRST.password)
    await registerPhone(second, kamailio.wsUrl, SECOND.user, SECOND.password)
    caller = await startSipCaller(browser, kamailio.wsUrl, CALLER.user, CALLER.password)
  })
  afterAll(async () => {
    await caller?.close()
    await browser?.close()
    await stack?.stop()
    await kamailio?.dispose()
  })

  /** the caller rings the first agent, who answers with the customer on screen */
  async function callFirstAgent(): Promise<void> {
    await caller.call(`sip:${FIRST.user}@127.0.0.1`)
    await expect.poll(() => panel(first).getAttribute('data-lookup'), { timeout: 10_000 }).toBe('found')
    await panel(first).getByTestId('call-answer').click()
    await expect.poll(() => bar(first).getAttribute('data-state'), { timeout: 10_000 }).toBe('established')
  }

  async function openTransfer(mode: 'blind' | 'attended', target: string, note: string): Promise<void> {
    await bar(first).getByTestId('call-transfer').click()
    const dialog = first.getByTestId('transfer-dialog')
    await dialog.waitFor()
    await dialog.getByTestId(`transfer-${mode}`).click()
    await dialog.locator('input[data-testid="transfer-target"]').fill(target)
    await dialog.locator('textarea[data-testid="transfer-note"]').fill(note)
  }

  it('refuses a bad target in the transfer dialog and keeps the call', async () => {
    await callFirstAgent()
    await openTransfer('blind', '10 02 abc', '')
    await first.getByTestId('transfer-start').click()
    await expect
      .poll(() => first.locator('.el-form-item__error').innerText())
      .toBe('号码格式不对：请输入手机号、座机号（带区号）或分机号，只能包含数字、*、#')
    expect(await first.getByTestId('transfer-customer').innerText()).toMatch(/^随转接带过去的客户：\S+/)
    expect(await caller.state()).toBe('Established')
  })

  it('blind transfer (REFER): the second console pops the same customer with the note before answering', async () => {
    const note = '客户反映空调不制冷，已约明早上门，请确认时间'
    const dialog = first.getByTestId('transfer-dialog')
    await dialog.locator('input[data-testid="transfer-target"]').fill(SECOND.user)
    await dialog.locator('textarea[data-testid="transfer-note"]').fill(note)
    await first.mouse.move(0, 0)
    await screenshot(first, 'softphone-in-call-transfer-dialog')
    await first.getByTestId('transfer-start').click()

    await expect.poll(() => panel(second).getAttribute('data-lookup'), { timeout: 15_000 }).toBe('found')
    expect(await panel(second).getAttribute('data-state')).toBe('ringing')
    expect(await panel(second).getByTestId('incoming-note').innerText()).toBe(note)
    await second.getByTestId('customer-360').waitFor()
    expect(second.url()).toContain(`/customers/${CUSTOMER_ID}`)
    await second.mouse.move(0, 0)
    await screenshot(second, 'softphone-transfer-screen-pop')
    // the first agent is out of the call
    await bar(first).waitFor({ state: 'detached', timeout: 10_000 })

    await panel(second).getByTestId('call-answer').click()
    await expect.poll(() => bar(second).getAttribute('data-state'), { timeout: 10_000 }).toBe('established')
    expect(await bar(second).getByTestId('in-call-note').innerText()).toBe(`转接备注：${note}`)
    // the caller is in a new call (the one the REFER made), hearing the second agent
    expect(await caller.sessions()).toBe(2)
    await expect.poll(() => caller.state(), { timeout: 10_000 }).toBe('Established')
    await expect.poll(() => growth(caller, second), { timeout: 10_000 }).toBeGreaterThan(10)

    await bar(second).getByTestId('call-hangup').click()
    await expect.poll(() => caller.state(), { timeout: 10_000 }).toBe('Terminated')
    await bar(second).waitFor({ state: 'detached' })
  })

  it('attended transfer: hold, consult the colleague (who sees customer and note), complete', async () => {
    const note = '老客户，第三次来电，已安抚，需要主管答复退款'
    await navigateHome(second)
    const sessionsBefore = await caller.sessions()
    await callFirstAgent()
    await openTransfer('attended', SECOND.user, note)
    await first.getByTestId('transfer-start').click()

    // the caller waits on hold while the colleague's console rings with the customer and note
    await expect.poll(() => bar(first).getAttribute('data-held'), { timeout: 10_000 }).toBe('true')
    await expect.poll(() => growth(caller, first), { timeout: 10_000 }).toBe(0)
    await expect.poll(() => panel(second).getAttribute('data-lookup'), { timeout: 15_000 }).toBe('found')
    expect(await panel(second).getByTestId('incoming-note').innerText()).toBe(note)
    await second.getByTestId('customer-360').waitFor()
    expect(second.url()).toContain(`/customers/${CUSTOMER_ID}`)

    await panel(second).getByTestId('call-answer').click()
    await expect
      .poll(() => first.getByTestId('consult').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('established')
    await first.mouse.move(0, 0)
    await screenshot(first, 'softphone-in-call-consult')

    await first.getByTestId('consult-complete').click()
    // the first agent leaves both calls; the caller now talks to the second agent
    await bar(first).waitFor({ state: 'detached', timeout: 15_000 })
    await expect.poll(() => caller.sessions(), { timeout: 10_000 }).toBe(sessionsBefore + 2)
    await expect.poll(() => caller.state(), { timeout: 10_000 }).toBe('Established')
    await expect.poll(() => growth(caller, second), { timeout: 10_000 }).toBeGreaterThan(10)
    // the second console keeps the customer and note on the call that replaced the consultation
    await expect
      .poll(() => bar(second).getByTestId('in-call-number').innerText())
      .toBe(`${CALLER.user.slice(0, 3)}****${CALLER.user.slice(7)}`)
    expect(await bar(second).getByTestId('in-call-customer').innerText()).not.toBe('')
    expect(await bar(second).getByTestId('in-call-note').innerText()).toBe(`转接备注：${note}`)

    await bar(second).getByTestId('call-hangup').click()
    await expect.poll(() => caller.state(), { timeout: 10_000 }).toBe('Terminated')
  })
})

/** the workbench, so a later screen pop is a visible change of page */
async function navigateHome(page: Page): Promise<void> {
  await page.evaluate(() => (location.hash = '#/workbench'))
}
