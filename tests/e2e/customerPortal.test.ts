import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, startBuiltServer, stopChild } from '../../scripts/lib/processes.mjs'
import type { CustomerRecord, WorkOrderRecord } from '../../src/shared/domain/records'
import type { Mutation } from '../../src/shared/sync/mutations'
import { launchChromium, screenshot } from '../support/browser'
import { openSeat, type Seat } from '../support/seats'
import { ROOT } from '../support/stack'
import { waitFor } from '../support/waitFor'

describe('customer progress page on a phone: live progress, survey, poor score reopens', () => {
  let dir: string
  let server: ChildProcess | undefined
  let serverUrl: string
  let browser: Browser
  let phone: Page
  let agent: Seat
  let customer: CustomerRecord
  let order: WorkOrderRecord
  const problems: string[] = []

  const write = async (mutation: Mutation) => {
    await agent.call('records.write', { mutation })
    await waitFor('outbox drained', async () => (await agent.call('outbox.status', {})).pending === 0)
  }
  const timeline = () => phone.getByTestId('portal-timeline').innerText()

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sc-portal-e2e-'))
    const port = await freePort()
    ;({ child: server, url: serverUrl } = await startBuiltServer({ root: ROOT, port, dataDir: join(dir, 'server') }))
    agent = await openSeat(serverUrl, 'agent01')
    customer = (await agent.call('customers.list', { limit: 1 }))[0]!
    order = (
      await agent.call('workOrders.create', {
        requestId: randomUUID(),
        customerId: customer.id,
        type: '维修',
        title: '空调制冷效果差',
        description: '客户反映开机半小时室温仍在 28 度',
        channel: 'call',
      })
    ).order
    browser = await launchChromium()
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    })
    phone = await context.newPage()
    phone.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())))
    phone.on('pageerror', (e) => problems.push(e.message))
  })
  afterAll(async () => {
    await browser?.close()
    await agent?.close()
    await stopChild(server)
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('looks the order up with the code and the last 4 digits and shows what the agent posts within 2 s', async () => {
    await phone.goto(`${serverUrl}/p`)
    await phone.getByLabel('服务码').fill(order.serviceCode.toLowerCase())
    await phone.getByLabel('手机号后 4 位').fill(customer.phoneMasked.slice(-4))
    await phone.getByTestId('portal-submit').click()
    await expect.poll(() => phone.getByTestId('portal-status').innerText()).toBe('已派单')
    expect(await phone.getByTestId('portal-result').innerText()).toContain(order.serviceCode)

    await write({ kind: 'workOrder.setStatus', workOrderId: order.id, status: 'in_progress' })
    const posted = Date.now()
    await agent.call('records.write', {
      mutation: {
        kind: 'workOrder.addNote',
        workOrderId: order.id,
        body: '工程师已联系您，预计今天 16:00 前上门检测',
        visibility: 'customer',
      },
    })
    await expect.poll(timeline, { timeout: 2000, interval: 50 }).toContain('预计今天 16:00 前上门检测')
    console.info(`[portal e2e] progress update visible after ${Date.now() - posted} ms`)
    expect(await phone.getByTestId('portal-status').innerText()).toBe('处理中')
    expect(await phone.getByTestId('portal-live').innerText()).toBe('实时更新')
    await phone.waitForTimeout(1000) // the new entry's highlight fades
    await screenshot(phone, 'customer-portal-progress')
  })

  it('switches to large text, remembered on reload, and fits a 360 px screen without sideways scrolling', async () => {
    const large = () => phone.evaluate(() => document.documentElement.classList.contains('large'))
    const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    await phone.getByTestId('portal-large-font').click()
    expect(await large()).toBe(true)
    await phone.setViewportSize({ width: 360, height: 740 })
    await phone.reload()
    await expect.poll(() => phone.getByTestId('portal-status').innerText()).toBe('处理中')
    expect(await large()).toBe(true)
    expect(await overflow()).toBeLessThanOrEqual(0)
    await phone.getByTestId('portal-large-font').click()
    expect(await phone.getByTestId('portal-large-font').getAttribute('aria-pressed')).toBe('false')
    expect(await overflow()).toBeLessThanOrEqual(0)
    await phone.setViewportSize({ width: 390, height: 844 })
  })

  it('offers the survey once resolved; a poor answer puts the order back in progress', async () => {
    await write({ kind: 'workOrder.setStatus', workOrderId: order.id, status: 'resolved' })
    await phone.getByTestId('portal-survey-link').waitFor({ timeout: 2000 })
    expect(await phone.getByTestId('portal-status').innerText()).toBe('已解决')
    await phone.getByTestId('portal-survey-link').click()

    await phone.getByTestId('survey-csat-2').click()
    await phone.getByTestId('survey-nps-3').click()
    await phone.getByTestId('survey-comment').fill('上门时间一改再改，空调还是不够凉')
    await phone.getByTestId('survey-comment').blur()
    await screenshot(phone, 'customer-portal-survey')
    await phone.getByTestId('survey-submit').click()
    await expect.poll(() => phone.getByTestId('survey-thanks-text').innerText()).toContain('我们已重新处理您的问题')
    await screenshot(phone, 'customer-portal-survey-thanks')

    await waitFor(
      'reopened on the seat',
      async () => (await agent.call('workOrders.get', { id: order.id }))?.status === 'in_progress',
    )
    await phone.goBack()
    await expect.poll(() => phone.getByTestId('portal-status').innerText(), { timeout: 5000 }).toBe('处理中')
    expect(await phone.getByTestId('portal-survey-link').isVisible()).toBe(false)
    expect(problems).toEqual([])
  })
})
