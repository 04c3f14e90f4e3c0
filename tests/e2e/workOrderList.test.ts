import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, startBuiltHost, startBuiltServer, stopChild } from '../../scripts/lib/processes.mjs'
import { openDatabase, type Db } from '../../src/server/db/database'
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/server/seed/demoUsers'
import { slaColumns } from '../../src/server/workOrders/slaColumns'
import type { WorkOrderRecord, WorkOrderStatus } from '../../src/shared/domain/records'
import { businessMinutesBetween, DEFAULT_CALENDAR } from '../../src/shared/workOrders/businessCalendar'
import { inTeam } from '../../src/shared/workOrders/listRules'
import { advanceSla, slaOnStatus, startSla, type WorkOrderSla } from '../../src/shared/workOrders/orderSla'
import { policyFor, type Priority, type WorkOrderType } from '../../src/shared/workOrders/slaPolicy'
import type { WorkOrderViewCounts } from '../../src/shared/workOrders/workOrderList'
import { launchChromium, login, screenshot } from '../support/browser'
import { ROOT } from '../support/stack'

const DAY = 86_400_000
const AGENT01 = DEMO_USERS.find((u) => u.username === 'agent01')!

/** The instant `minutes` business minutes before `now` (binary search: the calendar has nights and weekends). */
function businessMinutesAgo(now: number, minutes: number): number {
  let early = now - 14 * DAY
  let late = now
  while (late - early > 1000) {
    const mid = Math.floor((early + late) / 2)
    if (businessMinutesBetween(mid, now, DEFAULT_CALENDAR) >= minutes) early = mid
    else late = mid
  }
  return early
}

interface Planted {
  code: string
  type: WorkOrderType
  priority: Priority
  status: WorkOrderStatus
  title: string
  assignee: string
  /** business minutes since the order was opened */
  usedMin: number
}

/** Orders whose SLA clocks stand where the test needs them, whatever the time of day it runs. */
const PLANTED: Planted[] = [
  // first response 5 min: 12 used → breached, escalated to tier 1
  {
    code: 'SLABREAK',
    type: '投诉',
    priority: 'A',
    status: 'assigned',
    title: '投诉：空调漏水三次未修好',
    assignee: 'u-agent01',
    usedMin: 12,
  },
  // first response 30 min: 25 used → past 75 %
  {
    code: 'SLAWARNB',
    type: '维修',
    priority: 'B',
    status: 'assigned',
    title: '维修：空调不制冷',
    assignee: 'u-agent01',
    usedMin: 25,
  },
  // first response 4 h: 10 min used → fine
  {
    code: 'SLARUNCC',
    type: '咨询',
    priority: 'C',
    status: 'assigned',
    title: '咨询：延保价格',
    assignee: 'u-agent01',
    usedMin: 10,
  },
  // solution clock paused while the customer answers
  {
    code: 'SLAWAITB',
    type: '售后',
    priority: 'B',
    status: 'waiting_customer',
    title: '售后：等待客户寄回旧机',
    assignee: 'u-agent01',
    usedMin: 40,
  },
  // a colleague's complaint (my 投诉 skill: my team), breached
  {
    code: 'SLATEAMA',
    type: '投诉',
    priority: 'A',
    status: 'assigned',
    title: '投诉：安装师傅迟到',
    assignee: 'u-agent02',
    usedMin: 9,
  },
]

function plantedSla(p: Planted, now: number): WorkOrderSla {
  const opened = businessMinutesAgo(now, p.usedMin)
  let sla = startSla(policyFor(p.type, p.priority), opened, DEFAULT_CALENDAR)
  if (p.status === 'waiting_customer') {
    sla = slaOnStatus(sla, 'assigned', 'in_progress', opened, DEFAULT_CALENDAR)
    sla = slaOnStatus(sla, 'in_progress', 'waiting_customer', now, DEFAULT_CALENDAR)
  }
  return advanceSla(sla, now, DEFAULT_CALENDAR).sla
}

async function plant(db: Db, now: number): Promise<void> {
  await db.db
    .insertInto('work_orders')
    .values(
      PLANTED.map((p, i) => ({
        id: `wo-e2e-${i + 1}`,
        service_code: p.code,
        customer_id: `c-000000${i + 1}`,
        store_id: 'st-01',
        type: p.type,
        priority: p.priority,
        status: p.status,
        title: p.title,
        description: '',
        assignee_id: p.assignee,
        created_at: now - i * 60_000,
        updated_at: now - i * 60_000,
        ...slaColumns(plantedSla(p, now), 0),
      })),
    )
    .execute()
}

const AT_RISK = ['SLABREAK', 'SLATEAMA', 'SLAWARNB']

/** What each view should count for agent01: the seat holds every order that is not closed. */
async function expectedCounts(db: Db): Promise<WorkOrderViewCounts> {
  const rows = await db.db.selectFrom('work_orders').selectAll().where('status', '!=', 'closed').execute()
  const handedOff = new Set(
    (
      await db.db.selectFrom('work_order_handoffs').select('work_order_id').where('replied_at', 'is', null).execute()
    ).map((h) => h.work_order_id),
  )
  const asRecord = (r: (typeof rows)[number]) =>
    ({ ...r, storeId: r.store_id, assigneeId: r.assignee_id }) as unknown as WorkOrderRecord
  return {
    mine: rows.filter((r) => r.assignee_id === AGENT01.id).length,
    team: rows.filter((r) => inTeam(AGENT01, asRecord(r))).length,
    waiting: rows.filter((r) => r.status === 'waiting_customer' || handedOff.has(r.id)).length,
    // the demo orders predate SLAs: only the planted clocks can be at risk
    atRisk: rows.filter((r) => AT_RISK.includes(r.service_code)).length,
    all: rows.length,
  }
}

const countOf = async (page: Page, view: keyof WorkOrderViewCounts) =>
  Number(await page.getByTestId(`wo-view-count-${view}`).innerText())

const shownCodes = (page: Page) =>
  page.locator('.wo-table__code').evaluateAll((cells) => cells.map((c) => c.textContent?.trim() ?? ''))

const slaOf = (page: Page, code: string) => page.locator(`[data-testid="sla-badge"][data-service-code="${code}"]`)

describe('the work-order list for agent01: quick views, counts and SLA states', () => {
  let dir = ''
  let server: ChildProcess | undefined
  let host: ChildProcess | undefined
  let db: Db
  let browser: Browser
  let agent: Page
  let expected: WorkOrderViewCounts

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sc-e2e-wolist-'))
    const port = await freePort()
    const serverUrl = `http://127.0.0.1:${port}`
    server = (await startBuiltServer({ root: ROOT, port, dataDir: join(dir, 'server') })).child
    db = openDatabase({ dataDir: join(dir, 'server') })
    const now = Date.now()
    await plant(db, now)
    expected = await expectedCounts(db)
    const seat = await startBuiltHost({ root: ROOT, serverUrl, dataDir: join(dir, 'seat') })
    host = seat.child
    browser = await launchChromium()
    agent = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
    await agent.goto(seat.url)
    await login(agent, 'agent01', DEMO_PASSWORD)
    await agent.getByTestId('workspace').waitFor()
    await agent.getByTestId('nav-work-orders').click()
    await agent.locator('.wo-table__code').first().waitFor()
  })
  afterAll(async () => {
    await browser?.close()
    await db?.close()
    await Promise.all([stopChild(host), stopChild(server)])
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('counts every quick view from the seat cache', async () => {
    expect(expected.atRisk).toBe(3)
    for (const view of ['mine', 'team', 'waiting', 'atRisk', 'all'] as const) {
      await expect.poll(() => countOf(agent, view), { message: view }).toBe(expected[view])
    }
    expect(expected.team).toBeGreaterThan(expected.mine)
    expect(expected.all).toBeGreaterThan(expected.team)
  })

  it('shows the at-risk orders, most overdue first, with breached clocks in red and the escalation tier', async () => {
    await agent.getByTestId('wo-sort').click()
    await agent.locator('.el-select-dropdown__item:visible', { hasText: '按 SLA 剩余' }).click()
    await agent.getByTestId('wo-view-atRisk').click()
    await expect.poll(() => shownCodes(agent)).toEqual(AT_RISK)
    expect(await slaOf(agent, 'SLABREAK').getAttribute('data-state')).toBe('breached')
    expect(await slaOf(agent, 'SLABREAK').innerText()).toMatch(/首响超时 \d+ 分钟\s*升1级/)
    expect(await slaOf(agent, 'SLAWARNB').getAttribute('data-state')).toBe('warning')
    expect(await slaOf(agent, 'SLAWARNB').innerText()).toMatch(/首响 剩 \d 分钟/)
  })

  it('waiting on others lists the orders paused for the customer, with the clock shown as paused', async () => {
    await agent.getByTestId('wo-view-waiting').click()
    await agent.getByTestId('wo-filter-text').fill('SLAWAIT')
    await expect.poll(() => shownCodes(agent)).toEqual(['SLAWAITB'])
    expect(await slaOf(agent, 'SLAWAITB').innerText()).toBe('解决暂停计时')
    await agent.getByTestId('wo-filter-text').fill('')
  })

  it('lists all orders by SLA time left (zh-CN screenshot) and takes an order off 即将超时 once work starts', async () => {
    await agent.getByTestId('wo-view-all').click()
    await expect.poll(async () => (await shownCodes(agent)).slice(0, 3)).toEqual(AT_RISK)
    expect(await agent.getByTestId('wo-total').innerText()).toBe(`共 ${expected.all.toLocaleString()} 条`)
    await agent.mouse.move(0, 0)
    await screenshot(agent, 'work-order-list-sla')

    // SLAWARNB is the second planted order
    await agent.getByTestId('wo-action-wo-e2e-2').click()
    await agent.locator('[data-testid="wo-next-in_progress"]:visible').click()
    await expect.poll(() => countOf(agent, 'atRisk')).toBe(expected.atRisk - 1)
  })

  it('opens the order when its row is clicked, and not when its status menu is', async () => {
    await agent.getByTestId('wo-action-wo-e2e-1').click()
    await agent.keyboard.press('Escape')
    expect(agent.url()).toMatch(/#\/work-orders$/)
    await agent.locator('.el-table-v2__row', { hasText: '投诉：空调漏水三次未修好' }).click()
    await expect.poll(() => agent.url()).toMatch(/#\/work-orders\/wo-e2e-1$/)
  })
})
