import { randomUUID } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { launchChromium, login, screenshot } from '../support/browser'
import { getJson, postJson } from '../support/http'
import { startStack, type Stack } from '../support/stack'

const VIEWPORT = { width: 1366, height: 768 }
const CUSTOMER = 'c-0000003'
/** the smallest PNG: signature, IHDR 1×1, IDAT, IEND */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

describe('work-order actions in Chromium: hand-off with its clock, merge a duplicate, attachments', () => {
  let stack: Stack
  let browser: Browser
  let page: Page
  let token = ''
  let order = { id: '', serviceCode: '' }
  let duplicate = { id: '', serviceCode: '' }

  const open = async (title: string) =>
    (
      await postJson(
        stack.serverUrl,
        '/api/work-orders',
        { requestId: randomUUID(), customerId: CUSTOMER, type: '售后', title, channel: 'call' },
        token,
      )
    ).json.order as { id: string; serviceCode: string }

  beforeAll(async () => {
    stack = await startStack()
    token = (await postJson(stack.serverUrl, '/api/auth/login', { username: 'agent01', password: DEMO_PASSWORD })).json
      .accessToken as string
    order = await open('冰箱送货延误，客户要求加急')
    duplicate = await open('冰箱送货延误（客户再次来电）')
    browser = await launchChromium()
    page = await (await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' })).newPage()
    await page.goto(stack.consoleUrl)
    await login(page, 'agent01', DEMO_PASSWORD)
    await page.getByTestId('workspace').waitFor()
    await page.evaluate((hash) => (location.hash = hash), `#/work-orders/${order.id}`)
    await page.getByTestId('wo-actions-trigger').waitFor()
  })
  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  const action = async (testId: string) => {
    await page.getByTestId('wo-actions-trigger').click()
    await page.getByTestId(testId).click()
  }

  it('hands the order to 物流 with its response clock, then records the reply', async () => {
    await action('wo-action-handoff')
    const dialog = page.getByTestId('wo-handoff-dialog')
    await dialog.getByTestId('wo-handoff-department').click()
    await page.locator('.el-select-dropdown__item', { hasText: '物流' }).click()
    await dialog.getByTestId('wo-handoff-note').fill('请物流查询运单 SF1234567890 的位置，客户明天要用')
    await dialog.getByTestId('wo-handoff-submit').click()
    await expect.poll(() => dialog.getByTestId('wo-handoff-item').count()).toBe(1)
    await expect.poll(() => dialog.getByTestId('wo-handoff-clock').innerText()).toMatch(/剩余/)
    await expect
      .poll(async () => (await getJson(stack.serverUrl, `/api/work-orders/${order.id}`, token)).json.handoffs)
      .toEqual([expect.objectContaining({ department: '物流' })])
    // the trigger counts the departments the order is waiting on, once the change is back from the feed
    await expect.poll(() => page.getByTestId('wo-actions-trigger').innerText()).toMatch(/1/)
    await screenshot(page, 'wo-actions-handoff-zh-CN')

    await dialog.getByTestId('wo-handoff-reply').click()
    await dialog.getByTestId('wo-handoff-reply-note').fill('运单已到本市分拨中心，明早送达')
    await dialog.getByTestId('wo-handoff-reply-submit').click()
    await expect.poll(() => dialog.getByTestId('wo-handoff-clock').innerText()).toMatch(/按时回复/)
    await screenshot(page, 'wo-actions-handoff-replied-zh-CN')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
  })

  it('offers only open orders of the same customer and merges the duplicate', async () => {
    expect((await page.getByTestId('wo-action-kb-draft').getAttribute('aria-disabled')) ?? 'true').toBe('true')
    await action('wo-action-merge')
    const dialog = page.getByTestId('wo-merge-dialog')
    await expect.poll(() => dialog.getByTestId('wo-merge-option').count()).toBeGreaterThan(0)
    const options = await dialog.getByTestId('wo-merge-option').allInnerTexts()
    expect(options.some((o) => o.includes(duplicate.serviceCode))).toBe(true)
    expect(options.some((o) => o.includes(order.serviceCode))).toBe(false)
    await screenshot(page, 'wo-actions-merge-zh-CN')
    await dialog.getByTestId('wo-merge-option').filter({ hasText: duplicate.serviceCode }).click()
    await dialog.getByTestId('wo-merge-submit').click()
    await dialog.waitFor({ state: 'hidden' })
    const dup = (await getJson(stack.serverUrl, `/api/work-orders/${duplicate.id}`, token)).json
    expect(dup).toMatchObject({ status: 'closed', closure: { by: 'merged', into: order.id } })
  })

  it('uploads a photo of the nameplate and lists it', async () => {
    await action('wo-action-attachments')
    const dialog = page.getByTestId('wo-attachments-dialog')
    await dialog.getByTestId('wo-attachments-input').setInputFiles({
      name: '铭牌照片.png',
      mimeType: 'image/png',
      buffer: PNG,
    })
    await expect.poll(() => dialog.getByTestId('wo-attachment').count()).toBe(1)
    expect(await dialog.getByTestId('wo-attachment').innerText()).toContain('铭牌照片.png')
    await screenshot(page, 'wo-actions-attachments-zh-CN')
    const listed = (await getJson(stack.serverUrl, `/api/work-orders/${order.id}/attachments`, token)).json
    expect(listed).toEqual([expect.objectContaining({ fileName: '铭牌照片.png', contentType: 'image/png' })])
  })
})
