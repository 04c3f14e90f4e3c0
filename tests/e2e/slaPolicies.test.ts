import { randomUUID } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { launchChromium, login, screenshot } from '../support/browser'
import { postJson } from '../support/http'
import { startStack, type Stack } from '../support/stack'

const VIEWPORT = { width: 1366, height: 768 }
const CUSTOMER = 'c-0000001'

async function signIn(browser: Browser, url: string, username: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage()
  await page.goto(url)
  await login(page, username, DEMO_PASSWORD)
  await page.getByTestId('workspace').waitFor()
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('appearance').waitFor()
  return page
}

const cell = (page: Page, type: string, priority: string) => page.getByTestId(`sla-cell-${type}-${priority}`)
const editor = (page: Page) => page.getByTestId('sla-policy-editor')

/** el-input-number takes a typed value on blur */
async function setNumber(page: Page, testId: string, value: string): Promise<void> {
  const input = editor(page).getByTestId(testId).locator('input')
  await input.fill(value)
  await input.press('Tab')
}

describe('SLA policies in the settings, edited by an admin, against the real server and host', () => {
  let stack: Stack
  let browser: Browser
  let admin: Page
  let agentToken = ''

  /** a new 投诉 order at priority A, opened through the API as an agent */
  const openComplaint = async () => {
    const res = await postJson(
      stack.serverUrl,
      '/api/work-orders',
      {
        requestId: randomUUID(),
        customerId: CUSTOMER,
        type: '投诉',
        title: '安装师傅迟到两小时',
        channel: 'call',
        priority: 'A',
      },
      agentToken,
    )
    expect(res.status).toBe(200)
    return res.json.order as { priority: string; sla: { firstResponse: { targetMin: number } } }
  }

  beforeAll(async () => {
    stack = await startStack()
    browser = await launchChromium()
    agentToken = (await postJson(stack.serverUrl, '/api/auth/login', { username: 'agent01', password: DEMO_PASSWORD }))
      .json.accessToken as string
    admin = await signIn(browser, stack.consoleUrl, 'admin')
  })
  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  it('shows the DESIGN §2 defaults as a type × priority matrix', async () => {
    await admin.getByTestId('sla-policies').waitFor()
    await expect.poll(() => cell(admin, '投诉', 'A').innerText()).toContain('5 分 / 30 分')
    expect(await cell(admin, '咨询', 'B').innerText()).toContain('30 分 / 2 小时')
    expect(await cell(admin, '表扬', 'C').innerText()).toContain('4 小时 / 24 小时')
    expect(await cell(admin, '投诉', 'A').getAttribute('data-custom')).toBe('false')
    expect(await admin.getByTestId('sla-applies-later').innerText()).toContain('只对之后新建的工单生效')
    expect((await openComplaint()).sla.firstResponse.targetMin).toBe(5)
  })

  it('validates the editor: whole positive minutes, resolution not shorter than first response', async () => {
    await cell(admin, '投诉', 'A').click()
    await editor(admin).getByTestId('sla-first-response').waitFor()
    expect(await editor(admin).innerText()).toContain('默认：5 分 / 30 分')
    await setNumber(admin, 'sla-first-response', '45')
    await editor(admin).getByTestId('sla-policy-save').click()
    await expect.poll(() => editor(admin).innerText()).toContain('解决时限不能短于首次响应时限')
    await setNumber(admin, 'sla-first-response', '0')
    await expect.poll(() => editor(admin).innerText()).toContain('请输入正整数（分钟）')
    await setNumber(admin, 'sla-warn', '100')
    await expect.poll(() => editor(admin).innerText()).toContain('请输入 1–99 之间的整数')
    await screenshot(admin, 'sla-policy-editor-invalid')
    await setNumber(admin, 'sla-warn', '75')
    // the cell is unchanged while the form is invalid
    expect(await cell(admin, '投诉', 'A').getAttribute('data-custom')).toBe('false')
  })

  it('saves 投诉/A with a 10-minute first response: marked changed, and new orders carry it', async () => {
    await setNumber(admin, 'sla-first-response', '10')
    await expect.poll(() => editor(admin).innerText()).not.toContain('请输入正整数')
    await admin.mouse.move(0, 0)
    await screenshot(admin, 'sla-policy-editor')
    await editor(admin).getByTestId('sla-policy-save').click()
    await expect.poll(() => cell(admin, '投诉', 'A').getAttribute('data-custom')).toBe('true')
    expect(await cell(admin, '投诉', 'A').innerText()).toContain('10 分 / 30 分')
    expect(await cell(admin, '投诉', 'A').getByTestId('sla-custom-mark').isVisible()).toBe(true)
    expect(await cell(admin, '投诉', 'B').getAttribute('data-custom')).toBe('false')
    expect(await admin.getByTestId('sla-custom-count').innerText()).toContain('1 项已修改')

    const order = await openComplaint()
    expect(order.priority).toBe('A')
    expect(order.sla.firstResponse.targetMin).toBe(10)

    await editor(admin).waitFor({ state: 'hidden' })
    await admin.getByTestId('sla-policies').scrollIntoViewIfNeeded()
    await admin.mouse.move(0, 0)
    await screenshot(admin, 'sla-policies')
  })

  it('恢复默认 puts the cell back to DESIGN §2, for the next order too', async () => {
    await cell(admin, '投诉', 'A').click()
    await editor(admin).getByTestId('sla-policy-reset').click()
    await expect.poll(() => cell(admin, '投诉', 'A').getAttribute('data-custom')).toBe('false')
    expect(await cell(admin, '投诉', 'A').innerText()).toContain('5 分 / 30 分')
    await expect.poll(() => admin.getByTestId('sla-custom-count').count()).toBe(0)
    expect((await openComplaint()).sla.firstResponse.targetMin).toBe(5)
  })

  it('a supervisor sees the matrix read-only; an agent does not see it and the server refuses them', async () => {
    const supervisor = await signIn(browser, await stack.addHost(), 'super01')
    await supervisor.getByTestId('sla-read-only').waitFor()
    await expect.poll(() => cell(supervisor, '投诉', 'A').innerText()).toContain('5 分 / 30 分')
    await cell(supervisor, '投诉', 'A').click()
    await supervisor.waitForTimeout(300)
    expect(await editor(supervisor).isVisible()).toBe(false)

    const agent = await signIn(browser, await stack.addHost(), 'agent01')
    await agent.getByTestId('appearance').waitFor()
    expect(await agent.getByTestId('sla-policies').count()).toBe(0)
    const refused = await postJson(
      stack.serverUrl,
      '/api/sla/policies',
      { type: '投诉', priority: 'A', policy: null },
      agentToken,
    )
    expect(refused.status).toBe(403)
  })
})
