import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { launchChromium, login, screenshot } from '../support/browser'
import { startStack, type Stack } from '../support/stack'

const ZH_NAV = ['工作台', '客户', '工单', '知识库', '前台/预约', '监控', '设置']

async function chooseLocale(page: Page, label: string): Promise<void> {
  await page.getByTestId('locale-switch').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).click()
}

const navText = (page: Page) => page.locator('[data-testid^="nav-"]').allInnerTexts()

describe('console in Chromium against the real server and host', () => {
  let stack: Stack
  let browser: Browser
  let page: Page
  const cspErrors: string[] = []

  beforeAll(async () => {
    stack = await startStack()
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text())
    })
    await page.goto(stack.consoleUrl)
  })
  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  it('shows the zh-CN login page and a clear error for a wrong password', async () => {
    await page.getByTestId('login-submit').waitFor()
    await screenshot(page, 'login-zh-CN-light')
    await login(page, 'agent01', 'not-the-password')
    await expect.poll(() => page.getByTestId('login-error').innerText()).toContain('用户名或密码错误')
  })

  it('logs the agent in to the zh-CN workspace with navigation, state, softphone slot and context panel', async () => {
    await login(page, 'agent01', DEMO_PASSWORD)
    await page.getByTestId('workspace').waitFor()
    expect((await navText(page)).map((t) => t.trim()).filter(Boolean)).toEqual(expect.arrayContaining(ZH_NAV))
    for (const id of ['agent-state', 'softphone-slot', 'context-panel', 'sync-indicator']) {
      await expect.poll(() => page.getByTestId(id).isVisible()).toBe(true)
    }
    await expect.poll(() => page.getByTestId('sync-indicator').innerText()).toContain('已连接')
    await expect.poll(() => page.getByTestId('greeting').innerText()).toContain('李娜')
    await screenshot(page, 'workspace-zh-CN-light')
  })

  it('has no Node in the page and no CSP violations', async () => {
    expect(await page.evaluate(() => [typeof (window as any).require, typeof (window as any).process])).toEqual([
      'undefined',
      'undefined',
    ])
    expect(cspErrors).toEqual([])
  })

  it('round-trips a sync ping from the workbench', async () => {
    await page.getByTestId('sync-ping').click()
    await expect.poll(() => page.getByTestId('sync-ping-result').innerText()).toMatch(/\d+(\.\d+)?\s*ms/)
  })

  it('switches to English and back, and the choice survives a reload', async () => {
    await chooseLocale(page, 'English')
    await expect.poll(async () => (await navText(page)).join(' ')).toContain('Workbench')
    await page.reload()
    await page.getByTestId('workspace').waitFor()
    await expect.poll(async () => (await navText(page)).join(' ')).toContain('Workbench')
    await chooseLocale(page, '简体中文')
    await expect.poll(async () => (await navText(page)).join(' ')).toContain('工作台')
  })

  it('switches to dark, keeps it after a reload, and shows the dark login after logout', async () => {
    await page.getByTestId('theme-toggle').click()
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true)
    await page.reload()
    await page.getByTestId('workspace').waitFor()
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true)
    await page.mouse.move(0, 0)
    await screenshot(page, 'workspace-zh-CN-dark')
    await page.getByTestId('user-menu').click()
    await page.getByTestId('logout').click()
    await page.getByTestId('login-submit').waitFor()
    await screenshot(page, 'login-zh-CN-dark')
  })

  it('locks the account on the 6th wrong password in a row', async () => {
    for (let i = 1; i <= 5; i++) {
      await login(page, 'agent02', `wrong-${i}`)
      // each answer is awaited before the next try: the count of attempts left goes down
      const error = () => page.getByTestId('login-error').innerText()
      if (i < 5) await expect.poll(error).toContain(`还可尝试 ${5 - i} 次`)
      else await expect.poll(error).not.toContain('还可尝试')
    }
    await login(page, 'agent02', 'wrong-6')
    await expect.poll(() => page.getByTestId('login-error').innerText()).toContain('锁定')
    await screenshot(page, 'login-locked-zh-CN')
  })
})
