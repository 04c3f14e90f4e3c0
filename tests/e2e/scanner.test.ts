import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { launchChromium, login, screenshot } from '../support/browser'
import { getJson, postJson } from '../support/http'
import { PtyPair } from '../support/ptyPair'
import { startStack, type Stack } from '../support/stack'

/** A keyboard-wedge scanner types a key every 5 ms; a person every 150 ms. */
const SCANNER_DELAY = 5
const HUMAN_DELAY = 150

const message = (page: Page, text: string) => page.locator('.el-message').filter({ hasText: text }).first()

describe('barcode scanners in Chromium: keyboard wedge and a serial scanner on a socat pty', () => {
  let stack: Stack
  let browser: Browser
  let page: Page
  let pty: PtyPair
  let serviceCode = ''
  let member = { id: '', memberNo: '' }

  beforeAll(async () => {
    stack = await startStack()
    const token = (await postJson(stack.serverUrl, '/api/auth/login', { username: 'super01', password: DEMO_PASSWORD }))
      .json.accessToken as string
    const customer = (await getJson(stack.serverUrl, '/api/customers/c-0000003', token)).json
    member = { id: customer.id as string, memberNo: customer.memberNo as string }
    const dir = await mkdtemp(join(tmpdir(), 'sc-e2e-pty-'))
    pty = new PtyPair(join(dir, 'scanner'), join(dir, 'device'))
    await pty.plug()
    browser = await launchChromium()
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' })).newPage()
    await page.goto(stack.consoleUrl)
    await login(page, 'agent01', DEMO_PASSWORD)
    await page.getByTestId('workspace').waitFor()
    await page.getByTestId('nav-work-orders').click()
    serviceCode = (await page.locator('.wo-table__code').first().innerText()).trim()
  })
  afterAll(async () => {
    await browser?.close()
    await pty?.unplug()
    await stack?.stop()
  })

  it('a wedge scan into a focused field opens the work order and leaves the field empty', async () => {
    const field = page.getByTestId('wo-filter-text')
    await field.click()
    await field.evaluate((el) => Object.assign(window, { scanField: el }))
    await page.keyboard.type(serviceCode, { delay: SCANNER_DELAY })
    await page.keyboard.press('Enter')
    await page.getByTestId('wo-header').waitFor()
    expect(await page.getByTestId('wo-header').innerText()).toContain(serviceCode)
    expect(page.url()).toMatch(/\/work-orders\/wo-/)
    const left = await page.evaluate(() => (window as unknown as { scanField: HTMLInputElement }).scanField.value)
    expect(left).toBe('')
  })

  it('a person typing the same code at human speed is left alone', async () => {
    await page.getByTestId('nav-work-orders').click()
    const field = page.getByTestId('wo-filter-text')
    await field.click()
    await field.fill('')
    const before = page.url()
    await page.keyboard.type(serviceCode, { delay: HUMAN_DELAY })
    await page.keyboard.press('Enter')
    await page.waitForTimeout(500)
    expect(await field.inputValue()).toBe(serviceCode)
    expect(page.url()).toBe(before)
    await field.fill('')
  })

  it('an unrecognised wedge scan says so', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.type('ZZ-0000-QQ', { delay: SCANNER_DELAY })
    await page.keyboard.press('Enter')
    await message(page, '无法识别的条码').waitFor()
  })

  it('sets up the serial scanner in the settings and tests a scan', async () => {
    await page.getByTestId('nav-settings').click()
    const card = page.getByTestId('scanner-settings')
    await card.waitFor()
    await card.scrollIntoViewIfNeeded()
    expect(await page.getByTestId('scanner-state').innerText()).toBe('未设置串口')
    await page.getByTestId('scanner-port').click()
    await page.getByTestId('scanner-port').locator('input').fill(pty.appPath)
    await page.locator('.el-select-dropdown__item').filter({ hasText: pty.appPath }).click()
    await expect.poll(() => page.getByTestId('scanner-port').innerText()).toContain(pty.appPath)
    await page.getByTestId('scanner-suffix').getByText('CR+LF').click()
    await page.getByTestId('scanner-save').click()
    await expect.poll(() => page.getByTestId('scanner-state').innerText()).toBe('已连接')

    await page.getByTestId('scanner-test').click()
    await page.getByTestId('scanner-test-panel').waitFor()
    await pty.write(`${member.memberNo}\r\n`)
    await expect.poll(() => page.getByTestId('scanner-last-code').innerText()).toBe(member.memberNo)
    expect(await page.getByTestId('scanner-last-kind').innerText()).toBe('会员卡')
    expect(page.url()).toMatch(/\/settings/)
    await card.evaluate((el) => el.scrollIntoView({ block: 'center' }))
    await page.waitForFunction(() => !document.querySelector('.el-message'), undefined, { timeout: 10_000 })
    await screenshot(page, 'scanner-settings')
    await page.getByTestId('scanner-test').click()
  })

  it("a serial scan of a member card opens the customer's 360", async () => {
    await pty.write(`${member.memberNo}\r\n`)
    await page.getByTestId('customer-header').waitFor()
    expect(page.url()).toContain(`/customers/${member.id}`)
  })

  it('unplugging the scanner shows 扫码枪已断开, and it reconnects when it comes back', async () => {
    await pty.unplug()
    await message(page, '扫码枪已断开').waitFor()
    await pty.plug()
    await message(page, '扫码枪已连接').waitFor({ timeout: 10_000 })
    await page.getByTestId('nav-work-orders').click()
    await page.locator('.wo-table__code').first().waitFor()
    await pty.write(`${serviceCode}\r\n`)
    await page.getByTestId('wo-header').waitFor()
    expect(await page.getByTestId('wo-header').innerText()).toContain(serviceCode)
  })
})
