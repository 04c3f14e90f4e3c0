import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WorkOrderRecord } from '../../src/shared/domain/records'
import { launchChromium, screenshot, signIn } from '../support/browser'
import { startClockedStack, type ClockedStack } from '../support/clockedStack'

const DESK = { width: 1366, height: 900 }

/** Opens the bell's list (a second click would close it again). */
async function openAlerts(page: Page): Promise<void> {
  const popover = page.locator('.alerts:visible')
  if ((await popover.count()) === 0) await page.getByTestId('alerts-bell').click()
  await popover.waitFor()
}

/** what the bell's list says, one line per notification ('' while none); leaves it closed */
async function alerts(page: Page): Promise<string> {
  await openAlerts(page)
  const list = page.getByTestId('alerts-list')
  const text = (await list.isVisible()) ? await list.innerText() : ''
  await page.getByTestId('alerts-bell').click()
  await page.locator('.alerts:visible').waitFor({ state: 'hidden' })
  return text
}

const unread = async (page: Page) => Number((await page.getByTestId('alerts-unread').innerText()).trim() || 0)

/**
 * Issue 6's acceptance walk-through, end to end with real parts: a complaint for a core customer
 * is created and assigned with its reason; the customer follows it on the progress page; the
 * server's clock passes 75 % and the deadline, and the assignee and the supervisor hear of it in
 * the console; the order is resolved, the customer answers the survey poorly, and it reopens.
 */
describe('work-order acceptance: complaint → progress page → SLA alerts → survey reopens', () => {
  let stack: ClockedStack
  let browser: Browser
  let agent: Page
  let assignee: Page
  let supervisor: Page
  let phone: Page
  let core = { id: '', memberNo: '', name: '', last4: '' }
  let order: WorkOrderRecord

  const current = async (): Promise<WorkOrderRecord> => {
    const row = await stack.server.db.db
      .selectFrom('work_orders')
      .select(['id', 'sla', 'status', 'assignee_id'])
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow()
    return { ...order, status: row.status as WorkOrderRecord['status'], sla: JSON.parse(row.sla!) }
  }

  beforeAll(async () => {
    stack = await startClockedStack()
    const db = stack.server.db.db
    const customer = await db
      .selectFrom('customers')
      .select(['id', 'member_no', 'name', 'phone_masked'])
      .where('tier', '=', 'core')
      .where('merged_into', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    core = {
      id: customer.id,
      memberNo: customer.member_no,
      name: customer.name,
      last4: customer.phone_masked.slice(-4),
    }
    browser = await launchChromium()
    agent = await signIn(browser, await stack.addHost(), 'agent01', DESK)
    supervisor = await signIn(browser, await stack.addHost(), 'super01', DESK)
    phone = await (
      await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      })
    ).newPage()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  it('creates an A 投诉 for a core customer; it goes to an agent with the matching skill, reason shown', async () => {
    await agent.keyboard.press('Control+k')
    const input = agent.getByTestId('quick-search-dialog').getByTestId('customer-search-input')
    await input.fill(core.memberNo)
    await input.press('Enter')
    await agent.getByTestId('customer-header').waitFor()
    await agent.getByTestId('open-create-order').click()
    const dialog = agent.getByTestId('wo-create-dialog')
    await dialog.getByTestId('wo-create-type-投诉').click()
    await dialog.getByTestId('wo-create-title').fill('安装师傅爽约两次')
    await dialog.getByTestId('wo-create-description').fill('客户非常生气，要求马上给说法，否则投诉到 12315')
    await expect.poll(() => dialog.getByTestId('wo-create-suggestion').getAttribute('data-priority')).toBe('A')
    await dialog.getByTestId('wo-create-description').press('Control+Enter')
    await dialog.getByTestId('wo-created').waitFor()
    const code = (await dialog.getByTestId('wo-service-code').innerText()).trim()
    const reason = (await dialog.getByTestId('wo-created-assign-reason').innerText()).trim()

    const row = await stack.server.db.db
      .selectFrom('work_orders as w')
      .innerJoin('users as u', 'u.id', 'w.assignee_id')
      .innerJoin('customers as c', 'c.id', 'w.customer_id')
      .selectAll('w')
      .select(['u.username', 'u.skills', 'u.senior', 'c.advisor_id'])
      .where('w.service_code', '=', code)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ priority: 'A', type: '投诉', customer_id: core.id, assign_reason: reason })
    // the right agent: the customer's own advisor, or one whose skills the reason names
    if (reason.startsWith('专属顾问')) expect(row.assignee_id).toBe(row.advisor_id)
    else {
      const named = /^技能匹配: ([^;]+)/.exec(reason)![1]!.split('、')
      expect(JSON.parse(row.skills) as string[]).toEqual(expect.arrayContaining(named))
    }
    expect(reason).toMatch(/当前负载 \d+\/\d+$/)
    await dialog.getByTestId('wo-created-open').click()
    await agent.getByTestId('work-order-detail').waitFor()
    order = { id: row.id, serviceCode: code, assigneeId: row.assignee_id } as WorkOrderRecord
    assignee = row.username === 'agent01' ? agent : await signIn(browser, await stack.addHost(), row.username, DESK)
  })

  it('shows the customer the progress update the agent posts within 2 s', async () => {
    await phone.goto(`${stack.server.url}/p`)
    await phone.getByLabel('服务码').fill(order.serviceCode)
    await phone.getByLabel('手机号后 4 位').fill(core.last4)
    await phone.getByTestId('portal-submit').click()
    await phone.getByTestId('portal-timeline').waitFor()

    await agent.getByTestId('wo-visibility-customer').click()
    await agent.getByTestId('wo-composer-input').fill('已安排主管今天下午亲自上门处理，给您带来不便深表歉意')
    const posted = Date.now()
    await agent.getByTestId('wo-composer-send').click()
    await expect
      .poll(() => phone.getByTestId('portal-timeline').innerText(), { timeout: 2000, interval: 50 })
      .toContain('已安排主管今天下午亲自上门处理')
    console.info(`[acceptance] progress update on the customer's page after ${Date.now() - posted} ms`)
  })

  it('passes 75 % of the solution time: the assignee and the first tier (supervisor) are alerted', async () => {
    const { sla } = await current()
    expect(sla!.solution.warnAt).not.toBeNull()
    const before = await unread(assignee)
    await stack.setTime(sla!.solution.warnAt! + 1000)
    await expect.poll(() => unread(assignee)).toBeGreaterThan(before)
    await expect.poll(() => alerts(assignee)).toContain(`${order.serviceCode}`)
    expect(await alerts(assignee)).toContain('解决时限已用 75%')
    await expect.poll(() => alerts(supervisor)).toContain('解决时限已用 75%')
  })

  it('passes the deadline: the tier rises to 1, shown on the order, and the supervisor hears of it', async () => {
    const { sla } = await current()
    await stack.setTime(sla!.solution.dueAt! + 1000)
    expect((await current()).sla!.tier).toBe(1)
    await expect.poll(() => agent.getByTestId('sla-escalation').innerText()).toContain('已升级至 1 级')
    await expect.poll(() => alerts(assignee)).toContain('解决已超时')
    await expect.poll(() => alerts(supervisor)).toContain('已升级至 1 级')
    await openAlerts(supervisor)
    await screenshot(supervisor, 'wo-sla-alerts')
    await supervisor.getByTestId('alerts-bell').click()
  })

  it('is resolved, the customer answers the survey poorly, and the order reopens in the console', async () => {
    for (const next of ['in_progress', 'resolved'] as const) {
      await agent.getByTestId(`wo-action-${order.id}`).click()
      await agent.locator(`[data-testid="wo-next-${next}"]:visible`).click()
      await expect.poll(async () => (await current()).status).toBe(next)
    }
    await phone.getByTestId('portal-survey-link').waitFor({ timeout: 5000 })
    await phone.getByTestId('portal-survey-link').click()
    await phone.getByTestId('survey-csat-1').click()
    await phone.getByTestId('survey-nps-2').click()
    await phone.getByTestId('survey-comment').fill('两次爽约，非常失望')
    await phone.getByTestId('survey-submit').click()
    await phone.getByTestId('survey-thanks-text').waitFor()

    await expect.poll(async () => (await current()).status).toBe('in_progress')
    await expect.poll(() => agent.getByTestId('wo-header').innerText()).toContain('处理中')
    await expect.poll(() => alerts(supervisor)).toContain('客户满意度评价差')
  })
})
