import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { FAKE_MEDIA_FLAGS, launchChromium, login, screenshot } from '../support/browser'
import { phoneFor } from '../../src/server/seed/chineseNames'
import { kamailioMissing, startKamailio, type Kamailio } from '../support/kamailio'
import { startSipCaller } from '../support/sipCaller'
import { startStack, type Stack } from '../support/stack'

const VIEWPORT = { width: 1366, height: 768 }
const AGENT = { user: '1001', password: 'agent01-sip-pw' }
/** the first seeded customer calls in from their mobile */
const CALLER = { user: phoneFor(0), password: 'caller-sip-pw' }
const CALLER_CUSTOMER = 'c-0000001'
const missing = kamailioMissing()
if (missing) console.warn(`softphone e2e skipped: ${missing}`)

const slot = (page: Page) => page.getByTestId('softphone-slot')
const card = (page: Page) => page.getByTestId('sip-settings')
// Element Plus puts the test id of an el-input on the <input> itself
/** the "saved" toast sits over the top bar: let it go before a picture */
const toastGone = (page: Page) => page.locator('.el-message').waitFor({ state: 'detached', timeout: 10_000 })
const field = (page: Page, testId: string) => card(page).locator(`input[data-testid="${testId}"]`)

describe.skipIf(missing !== null)('softphone registration against Debian Kamailio, in the real console', () => {
  let kamailio: Kamailio
  let stack: Stack
  let browser: Browser
  let agent: Page

  beforeAll(async () => {
    kamailio = await startKamailio([AGENT, CALLER])
    stack = await startStack()
    browser = await launchChromium(FAKE_MEDIA_FLAGS)
    agent = await (await browser.newContext({ viewport: VIEWPORT })).newPage()
    await agent.goto(stack.consoleUrl)
    await login(agent, 'agent01', DEMO_PASSWORD)
    await agent.getByTestId('workspace').waitFor()
  })
  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
    await kamailio?.dispose()
  })

  it('shows 未配置 in the top bar until the agent enters an account; a click opens the SIP settings', async () => {
    expect(await slot(agent).getAttribute('data-state')).toBe('unconfigured')
    expect(await slot(agent).innerText()).toContain('软电话 · 未配置')
    await slot(agent).click()
    await card(agent).waitFor()
    expect(agent.url()).toContain('/settings')
  })

  it('refuses an invalid WebSocket URL with a message on the field, and does not register', async () => {
    await field(agent, 'sip-server-url').fill('http://127.0.0.1:5060')
    await field(agent, 'sip-extension').fill(AGENT.user)
    await field(agent, 'sip-password').fill(AGENT.password)
    await card(agent).getByTestId('sip-save').click()
    await expect
      .poll(() => card(agent).innerText())
      .toContain('请输入 ws:// 或 wss:// 开头的 WebSocket 地址，例如 wss://sip.example.com:7443')
    await agent.waitForTimeout(300)
    expect(await slot(agent).getAttribute('data-state')).toBe('unconfigured')
    await screenshot(agent, 'softphone-settings-invalid')
  })

  it('saves the account and registers with Kamailio (digest auth): 已注册 in the top bar', async () => {
    await field(agent, 'sip-server-url').fill(kamailio.wsUrl)
    await field(agent, 'sip-display-name').fill('坐席 01')
    await card(agent).getByTestId('sip-save').click()
    await expect.poll(() => slot(agent).getAttribute('data-state'), { timeout: 15_000 }).toBe('registered')
    expect(await slot(agent).innerText()).toContain('软电话 · 已注册')
    expect(await card(agent).getByTestId('sip-status').innerText()).toBe('已注册')
    // the password is not sent back: the field is empty and says a password is kept
    expect(await field(agent, 'sip-password').inputValue()).toBe('')
    expect(await field(agent, 'sip-password').getAttribute('placeholder')).toBe('已保存（留空表示不修改）')
    await agent.mouse.move(0, 0)
    await toastGone(agent)
    await screenshot(agent, 'softphone-settings')
    await slot(agent).hover()
    await agent.getByTestId('softphone-tooltip').waitFor()
    expect(await agent.getByTestId('softphone-tooltip').innerText()).toContain(`分机 1001 已在 ${kamailio.wsUrl} 注册`)
    await screenshot(agent, 'softphone-topbar-registered')
    await agent.mouse.move(0, 0)
  })

  it('shows 未注册 when Kamailio stops, and registers again by itself when it is back', async () => {
    await kamailio.stop()
    await expect.poll(() => slot(agent).getAttribute('data-state'), { timeout: 10_000 }).toBe('unregistered')
    expect(await slot(agent).innerText()).toContain('软电话 · 未注册')
    await slot(agent).hover()
    await expect.poll(() => agent.getByTestId('softphone-tooltip').innerText()).toContain('与 SIP 服务器的连接已断开')
    await screenshot(agent, 'softphone-topbar-unregistered')
    await agent.mouse.move(0, 0)

    // Kamailio keeps registrations in memory only: registered again means a fresh REGISTER
    await kamailio.start()
    await expect.poll(() => slot(agent).getAttribute('data-state'), { timeout: 20_000 }).toBe('registered')
  })

  it('keeps the account across a reload: the console registers again from the stored settings', async () => {
    await agent.reload()
    await agent.getByTestId('workspace').waitFor()
    await expect.poll(() => slot(agent).getAttribute('data-state'), { timeout: 15_000 }).toBe('registered')
    expect(await field(agent, 'sip-server-url').inputValue()).toBe(kamailio.wsUrl)
  })

  it("rings with the caller's customer 360 on screen before the agent answers; answer, media, hang up", async () => {
    const caller = await startSipCaller(browser, kamailio.wsUrl, CALLER.user, CALLER.password)
    const panel = agent.getByTestId('incoming-call')
    try {
      await caller.call(`sip:${AGENT.user}@${kamailio.domain}`)
      await expect.poll(() => panel.getAttribute('data-lookup'), { timeout: 10_000 }).toBe('found')
      // the screen pop happened while it rings: the caller is still waiting for an answer
      expect(await panel.getAttribute('data-state')).toBe('ringing')
      await agent.getByTestId('customer-360').waitFor()
      expect(agent.url()).toContain(`/customers/${CALLER_CUSTOMER}`)
      expect(await caller.state()).toBe('Establishing')
      // the number is masked on screen, as everywhere in the console
      expect(await agent.getByTestId('incoming-caller').innerText()).toBe(
        `${CALLER.user.slice(0, 3)}****${CALLER.user.slice(7)}`,
      )
      await agent.mouse.move(0, 0)
      await screenshot(agent, 'softphone-ringing-screen-pop')

      await panel.getByTestId('call-answer').click()
      await expect.poll(() => caller.state(), { timeout: 10_000 }).toBe('Established')
      // answered: the ringing panel gives way to the in-call bar
      await panel.waitFor({ state: 'detached' })
      const bar = agent.getByTestId('in-call-bar')
      await expect.poll(() => bar.getAttribute('data-state')).toBe('established')
      // media, not just signalling: the caller hears the agent's (fake) microphone
      const first = await caller.packetsReceived()
      await expect.poll(() => caller.packetsReceived(), { timeout: 10_000 }).toBeGreaterThan(first + 20)

      await bar.getByTestId('call-hangup').click()
      await expect.poll(() => caller.state(), { timeout: 10_000 }).toBe('Terminated')
      await bar.waitFor({ state: 'detached' })
    } finally {
      await caller.close()
    }
  })

  it('a wrong password is refused by Kamailio and the agent is told why', async () => {
    await slot(agent).click()
    await card(agent).waitFor()
    await field(agent, 'sip-password').fill('not-the-password')
    await card(agent).getByTestId('sip-save').click()
    await expect.poll(() => slot(agent).getAttribute('data-state'), { timeout: 15_000 }).toBe('unregistered')
    await expect.poll(() => card(agent).getByTestId('sip-status-detail').innerText()).toContain('服务器拒绝注册（401')
  })
})
