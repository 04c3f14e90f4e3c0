import { randomUUID } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { launchChromium, login, screenshot } from '../support/browser'
import { postJson } from '../support/http'
import { startStack, type Stack } from '../support/stack'

/** a front desk's tablet-size screen */
const VIEWPORT = { width: 1280, height: 860 }
/** seeded customers are spread over the 8 stores in order: c-0000001 is in st-01, c-0000002 in st-02 */
const ST01_CUSTOMER = 'c-0000001'
const ST02_CUSTOMER = 'c-0000002'
const WORK_DONE = '上门检测空调不制冷：补充冷媒 R32，更换室外机启动电容，试机 30 分钟出风正常'

async function openOrder(stack: Stack, token: string, customerId: string): Promise<string> {
  const res = await postJson(
    stack.serverUrl,
    '/api/work-orders',
    { requestId: randomUUID(), customerId, type: '维修', title: '空调不制冷，预约上门维修', channel: 'visit' },
    token,
  )
  expect(res.status).toBe(200)
  return res.json.order.id as string
}

const openReport = (page: Page, orderId: string) =>
  page.evaluate((hash) => {
    location.hash = hash
  }, `#/work-orders/${orderId}/report`)

/** A handwritten-looking name: a few connected loops and a flourish, drawn with the mouse. */
async function drawSignature(page: Page): Promise<void> {
  const box = (await page.getByTestId('signature-pad').boundingBox())!
  const stroke = async (points: [number, number][]) => {
    const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const
    await page.mouse.move(...at(points[0]!))
    await page.mouse.down()
    for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 3 })
    await page.mouse.up()
  }
  // looped handwriting: a prolate cycloid, one word of 4½ loops and one of 3, then an underline
  const word = (x0: number, turns: number): [number, number][] => {
    const n = Math.round(turns * 20)
    return Array.from({ length: n }, (_, i): [number, number] => {
      const t = (i / (n - 1)) * turns * 2 * Math.PI
      return [x0 + 0.011 * t - 0.035 * Math.sin(t), 0.48 - 0.17 * Math.cos(t) * (0.75 + 0.25 * Math.sin(t / 3))]
    })
  }
  await stroke(word(0.1, 4.5))
  await stroke(word(0.5, 3))
  await stroke(
    Array.from({ length: 24 }, (_, i): [number, number] => {
      const t = i / 23
      return [0.08 + t * 0.8, 0.74 + 0.05 * Math.sin(t * Math.PI) - t * 0.1]
    }),
  )
}

describe('on-site service report with the customer signature, in Chromium against the real stack', () => {
  let stack: Stack
  let browser: Browser
  let desk: Page
  let mine = ''
  let otherStore = ''

  beforeAll(async () => {
    stack = await startStack()
    const token = (await postJson(stack.serverUrl, '/api/auth/login', { username: 'super01', password: DEMO_PASSWORD }))
      .json.accessToken as string
    mine = await openOrder(stack, token, ST01_CUSTOMER)
    otherStore = await openOrder(stack, token, ST02_CUSTOMER)
    browser = await launchChromium()
    desk = await (await browser.newContext({ viewport: VIEWPORT })).newPage()
    await desk.goto(stack.consoleUrl)
    await login(desk, 'desk01', DEMO_PASSWORD)
    await desk.getByTestId('workspace').waitFor()
  })
  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  it("tells a front desk that another store's order is not theirs", async () => {
    await openReport(desk, otherStore)
    await expect.poll(() => desk.getByTestId('report-load-error').innerText()).toContain('其他门店')
  })

  it('records the work, asks for a signature, and will not confirm an empty pad', async () => {
    await openReport(desk, mine)
    await desk.getByTestId('report-form').waitFor()
    expect(await desk.getByTestId('report-order').innerText()).toContain('空调不制冷，预约上门维修')
    await desk.getByTestId('report-ask-signature').click()
    // the form asks for what was done and who signs before the pad opens
    await expect.poll(() => desk.getByTestId('report-form').innerText()).toContain('请填写服务内容')
    expect(await desk.getByTestId('signature-dialog').isVisible()).toBe(false)

    await desk.getByTestId('report-work-done').fill(WORK_DONE)
    await desk.getByTestId('report-add-part').click()
    await desk.getByTestId('report-part-name').fill('启动电容 35μF')
    await desk.getByTestId('report-add-part').click()
    await desk.getByTestId('report-part-name').nth(1).fill('R32 冷媒 (kg)')
    await desk.getByTestId('report-part-quantity').nth(1).locator('input').fill('2')
    await desk.getByTestId('report-signer').fill('李秀英')
    await screenshot(desk, 'service-report-form')
    await desk.getByTestId('report-ask-signature').click()

    const dialog = desk.getByTestId('signature-dialog')
    await dialog.waitFor()
    expect(await desk.getByTestId('signature-confirm').isDisabled()).toBe(true)
    expect(await desk.getByTestId('signature-required').innerText()).toBe('签名后才能确认')
    expect(await desk.getByTestId('signature-signer').innerText()).toContain('李秀英')
  })

  it('draws the signature with the mouse; undo takes back the last stroke', async () => {
    await drawSignature(desk)
    const inked = () =>
      desk.getByTestId('signature-pad').evaluate((canvas) => {
        const c = canvas as HTMLCanvasElement
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
        let n = 0
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++
        return n
      })
    const full = await inked()
    expect(full).toBeGreaterThan(500)
    // a stray stroke, then undo: the signature is as before
    await desk.mouse.move(...(await centre(desk)))
    await desk.mouse.down()
    await desk.mouse.move((await centre(desk))[0] + 80, (await centre(desk))[1] - 60, { steps: 5 })
    await desk.mouse.up()
    await expect.poll(inked).toBeGreaterThan(full)
    await desk.getByTestId('signature-undo').click()
    await expect.poll(inked).toBe(full)
    expect(await desk.getByTestId('signature-confirm').isEnabled()).toBe(true)
    await desk.mouse.move(0, 0)
    await screenshot(desk, 'service-report-signature')
  })

  it('saves the signed report and shows the printable page with the signature, hash and verified mark', async () => {
    await desk.getByTestId('signature-confirm').click()
    const sheet = desk.getByTestId('report-sheet')
    await sheet.waitFor()
    expect(await desk.getByTestId('report-work-done-text').innerText()).toBe(WORK_DONE)
    expect(await desk.getByTestId('report-parts').innerText()).toContain('R32 冷媒 (kg)')
    expect(await desk.getByTestId('report-hash').innerText()).toMatch(/^[0-9a-f]{12}…[0-9a-f]{6}$/)
    expect(await desk.getByTestId('report-hash').getAttribute('title')).toMatch(/^[0-9a-f]{64}$/)
    expect(await desk.getByTestId('report-verified').innerText()).toContain('已校验')
    await expect
      .poll(() => desk.getByTestId('report-signature').evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0)
    await desk.mouse.move(0, 0)
    // the whole A4 page in the picture
    await desk.setViewportSize({ width: VIEWPORT.width, height: 1300 })
    await screenshot(desk, 'service-report-printable')
    await desk.setViewportSize(VIEWPORT)
  })

  it('prints the page alone: no navigation, bars or buttons', async () => {
    await desk.emulateMedia({ media: 'print' })
    expect(await desk.getByTestId('report-sheet').isVisible()).toBe(true)
    for (const id of ['nav-work-orders', 'report-print', 'report-copy-hash']) {
      expect(await desk.getByTestId(id).isVisible(), id).toBe(false)
    }
    await screenshot(desk, 'service-report-print-media')
    await desk.emulateMedia({ media: 'screen' })
    expect(await desk.getByTestId('report-print').isVisible()).toBe(true)
  })

  it('keeps the signed report after a reload', async () => {
    const hash = await desk.getByTestId('report-hash').getAttribute('title')
    await desk.reload()
    await desk.getByTestId('report-sheet').waitFor()
    expect(await desk.getByTestId('report-hash').getAttribute('title')).toBe(hash)
    expect(await desk.getByTestId('report-verified').getAttribute('data-verified')).toBe('true')
  })
})

async function centre(page: Page): Promise<[number, number]> {
  const box = (await page.getByTestId('signature-pad').boundingBox())!
  return [box.x + box.width * 0.3, box.y + box.height * 0.35]
}
