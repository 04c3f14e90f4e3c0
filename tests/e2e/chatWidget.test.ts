import type { ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, startBuiltServer, stopChild } from '../../scripts/lib/processes.mjs'
import { launchChromium, screenshot } from '../support/browser'
import { ROOT } from '../support/stack'

const XSS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '[点我领红包](javascript:window.__xss=3)',
]

describe('chat widget on a phone: bot answer from the KB, 转人工 with queue position, XSS inert, resume', () => {
  let dir: string
  let server: ChildProcess | undefined
  let serverUrl: string
  let host: Server
  let browser: Browser
  let context: BrowserContext
  let phone: Page
  const problems: string[] = []

  const log = () => phone.getByTestId('chat-log')
  const send = async (text: string) => {
    await phone.getByTestId('chat-input').fill(text)
    await phone.getByTestId('chat-send').click()
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sc-chat-e2e-'))
    const port = await freePort()
    ;({ child: server, url: serverUrl } = await startBuiltServer({ root: ROOT, port, dataDir: join(dir, 'server') }))
    // a shop's own site on another origin, embedding the widget with one script tag
    host = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(`<!doctype html><meta name="viewport" content="width=device-width"><h1>某某家电商城</h1>
<script src="${serverUrl}/chat/embed.js"></script>`)
    })
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve))
    browser = await launchChromium()
    context = await browser.newContext({
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
    await new Promise((resolve) => host?.close(resolve))
    await stopChild(server)
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('greets, and answers a 退货 question from a customer-facing article', async () => {
    await phone.goto(`${serverUrl}/chat`)
    await expect.poll(() => log().innerText()).toContain('智能助手')
    await send('7天无理由退货吗？')
    const answer = phone.getByTestId('chat-msg-bot').filter({ hasText: '退货政策' })
    await expect.poll(() => answer.count()).toBe(1)
    expect(await answer.innerText()).toContain('来自知识库')
    expect(await answer.innerText()).toContain('《退货政策：7 天无理由退货》')
    expect(await answer.innerText()).toContain('7 天内')
  })

  it('转人工 shows the queue position and the wait, and the bot history stays', async () => {
    await phone.getByTestId('chat-handoff').click()
    const queue = phone.getByTestId('chat-queue')
    await expect.poll(() => queue.isVisible()).toBe(true)
    await expect.poll(() => phone.getByTestId('chat-queue-text').innerText()).toContain('当前排第 1 位')
    // the intent from the first question (退货) chose the queue
    await expect.poll(() => log().innerText()).toContain('已为您转接人工客服（售后）')
    expect(await log().innerText()).toContain('退货政策')
    expect(await phone.getByTestId('chat-handoff').isDisabled()).toBe(true)
    expect(await phone.getByTestId('chat-handoff').innerText()).toContain('已转人工')
    await screenshot(phone, 'chat-widget-queue-zh-CN')
  })

  it('shows markup, scripts and javascript: links as plain text that does nothing', async () => {
    for (const payload of XSS) await send(payload)
    const mine = phone.getByTestId('chat-msg-visitor')
    await expect.poll(() => mine.allInnerTexts()).toEqual(expect.arrayContaining(XSS))
    await expect.poll(() => phone.locator('.msg.pending').count()).toBe(0)
    expect(await phone.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()
    expect(await log().locator('img, script, a, svg, iframe').count()).toBe(0)
  })

  it('resumes the same conversation after a reload', async () => {
    const before = await phone.getByTestId('chat-msg-visitor').allInnerTexts()
    await phone.reload()
    await expect.poll(() => phone.getByTestId('chat-msg-visitor').allInnerTexts()).toEqual(before)
    expect(await log().innerText()).toContain('退货政策')
    await expect.poll(() => phone.getByTestId('chat-queue-text').innerText()).toContain('当前排第 1 位')
    expect(problems).toEqual([])
  })

  it('opens from one script tag on another site', async () => {
    const { port } = host.address() as AddressInfo
    const shop = await context.newPage()
    await shop.goto(`http://127.0.0.1:${port}/`)
    await shop.getByTestId('chat-launcher').click()
    const frame = shop.frameLocator('[data-testid="chat-frame"]')
    await expect.poll(() => frame.getByTestId('chat-log').innerText()).toContain('智能助手')
    expect(await frame.getByTestId('chat-close').isVisible()).toBe(true)
    await frame.getByTestId('chat-close').click()
    await expect.poll(() => shop.getByTestId('chat-frame').isVisible()).toBe(false)
    await shop.close()
  })
})
