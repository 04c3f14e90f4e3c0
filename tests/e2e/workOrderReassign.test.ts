import { randomUUID } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { launchChromium, screenshot, signIn } from '../support/browser'
import { postJson } from '../support/http'
import { startStack, type Stack } from '../support/stack'

async function openOrder(page: Page, id: string): Promise<void> {
  await page.evaluate((hash) => (location.hash = hash), `#/work-orders/${id}`)
  await page.getByTestId('wo-header').waitFor()
}

describe('supervisor reassigns a work order in Chromium', () => {
  let stack: Stack
  let browser: Browser
  let orderId = ''

  beforeAll(async () => {
    stack = await startStack()
    const token = (await postJson(stack.serverUrl, '/api/auth/login', { username: 'super01', password: DEMO_PASSWORD }))
      .json.accessToken as string
    const created = await postJson(
      stack.serverUrl,
      '/api/work-orders',
      {
        requestId: randomUUID(),
        customerId: 'c-0000001',
        storeId: 'st-01',
        type: '维修',
        title: '空调不制冷',
        description: '客户说空调开机半小时仍然不制冷，希望尽快上门',
        channel: 'call',
      },
      token,
    )
    expect(created.status).toBe(200)
    orderId = created.json.order.id as string
    expect(created.json.order.assigneeId).not.toBe('u-agent02')
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  it('super01 picks agent02 from the candidates; the order shows 王磊 and the reason', async () => {
    const page = await signIn(browser, stack.consoleUrl, 'super01')
    await openOrder(page, orderId)
    await page.getByTestId('wo-reassign').click()
    const dialog = page.getByTestId('wo-reassign-dialog')
    const options = dialog.getByTestId('wo-reassign-option')
    await options.first().waitFor()

    const rows = await options.evaluateAll((els) =>
      els.map((el) => ({
        id: (el as HTMLElement).dataset.id,
        recommended: (el as HTMLElement).dataset.recommended === 'true',
        text: (el as HTMLElement).innerText,
      })),
    )
    const ids = rows.map((r) => r.id)
    expect(ids).toEqual(expect.arrayContaining(['u-agent01', 'u-agent02', 'u-desk01']))
    expect(ids).not.toContain('u-desk02')
    // 空调维修 fits: agent01 leads the list and the automatic rule picks it
    expect(ids[0]).toBe('u-agent01')
    expect(rows.filter((r) => r.recommended).map((r) => r.id)).toEqual(['u-agent01'])
    expect(rows[0]!.text).toContain('推荐')
    for (const r of rows) expect(r.text).toMatch(/\d+\/\d+/)

    await dialog.locator('[data-id="u-agent02"]').click()
    await expect
      .poll(() => dialog.getByTestId('wo-reassign-preview').innerText())
      .toMatch(/主管指派: 张伟; 当前负载 \d+\/\d+/)
    await page.mouse.move(0, 0)
    await screenshot(page, 'wo-reassign-dialog')

    await dialog.getByTestId('wo-reassign-confirm').click()
    await dialog.waitFor({ state: 'hidden' })
    // the order follows the feed: new assignee by name, the supervisor's reason
    await expect
      .poll(() => page.getByTestId('wo-assign-reason').innerText(), { timeout: 10_000 })
      .toMatch(/^主管指派: 张伟; 当前负载 \d+\/\d+$/)
    await expect.poll(() => page.getByTestId('wo-assignee').innerText()).toContain('王磊')
    await screenshot(page, 'wo-reassigned')

    // the list offers the same from a row's status menu (supervisors only)
    await page.evaluate(() => (location.hash = '#/work-orders'))
    await page.getByTestId(`wo-action-${orderId}`).click()
    await page.getByTestId(`wo-reassign-${orderId}`).click()
    const fromList = page.getByTestId('wo-reassign-dialog')
    await fromList.getByTestId('wo-reassign-option').first().waitFor()
    expect(await fromList.locator('[data-id="u-agent02"]').innerText()).toContain('当前负责')
    await page.keyboard.press('Escape')
    await fromList.waitFor({ state: 'hidden' })
  })

  it('agent01 (not a supervisor) has no 改派', async () => {
    const page = await signIn(browser, await stack.addHost(), 'agent01')
    await openOrder(page, orderId)
    await page.getByTestId('wo-title').waitFor()
    expect(await page.getByTestId('wo-reassign').count()).toBe(0)
    expect(await page.getByTestId('wo-reassign-dialog').count()).toBe(0)
  })
})
