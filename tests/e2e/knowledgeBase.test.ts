import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { launchChromium, screenshot, signIn } from '../support/browser'
import { getJson, postJson } from '../support/http'
import { startStack, type Stack } from '../support/stack'

/** the seeded returns-policy article (Simplified): 售后 and 退貨 both find it first */
const RETURNS = 'kb-0001'
/** 洗碗机需要什么安装条件 */
const DISHWASHER = 'kb-0237'

/** the knowledge-base page (the quick dialog, once opened, keeps its own box in the DOM) */
const kbPage = (page: Page) => page.getByTestId('kb-page')

const hitIds = (page: Page) =>
  kbPage(page)
    .getByTestId('kb-search-results')
    .locator('[data-kind="kb-hit"]')
    .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.testid!.slice('kb-hit-'.length)))

const marks = (page: Page, id: string) =>
  kbPage(page)
    .getByTestId(`kb-hit-${id}`)
    .getByTestId('kb-mark')
    .evaluateAll((els) => els.map((e) => e.textContent ?? ''))

async function search(page: Page, query: string): Promise<void> {
  await kbPage(page).getByTestId('kb-search-input').fill(query)
}

describe('knowledge base in Chromium against the real server and host', () => {
  let stack: Stack
  let browser: Browser
  let agent: Page

  beforeAll(async () => {
    stack = await startStack()
    browser = await launchChromium()
    agent = await signIn(browser, stack.consoleUrl, 'agent01')
  })
  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  it('finds the returns article first for 售后 and 退貨, with the matched words highlighted', async () => {
    await agent.getByTestId('nav-kb').click()
    await search(agent, '退貨')
    await expect.poll(async () => (await hitIds(agent))[0]).toBe(RETURNS)
    // the Traditional query marks the Simplified words it matched
    await expect.poll(() => marks(agent, RETURNS)).toContain('退货')
    await search(agent, '售后')
    await expect.poll(async () => (await hitIds(agent))[0]).toBe(RETURNS)
    await expect.poll(() => marks(agent, RETURNS)).toContain('售后')
    expect((await hitIds(agent)).length).toBeGreaterThan(2)
    const first = await kbPage(agent).getByTestId(`kb-hit-${RETURNS}`).innerText()
    expect(first).toContain('售后政策')
    expect(first).toContain('高度匹配')
    expect(first).toContain('对客')
    await agent.mouse.move(0, 0)
    await screenshot(agent, 'kb-search-results')
  })

  it('finds a Simplified article from a Traditional query, and filters by audience', async () => {
    await search(agent, '掃碼槍')
    await expect
      .poll(async () =>
        kbPage(agent).getByTestId('kb-search-results').locator('[data-kind="kb-hit"]').first().innerText(),
      )
      .toContain('扫码枪')
    const [scanner] = await hitIds(agent)
    expect(await marks(agent, scanner!)).toContain('扫码枪')
    // customer-facing only: every hit is 对客
    await search(agent, '售后')
    await expect.poll(async () => (await hitIds(agent))[0]).toBe(RETURNS)
    await agent.getByTestId('kb-filter-audience').getByText('内部').click()
    await expect.poll(async () => (await hitIds(agent)).includes(RETURNS)).toBe(false)
    await agent.getByTestId('kb-filter-audience').getByText('全部范围').click()
    await expect.poll(async () => (await hitIds(agent))[0]).toBe(RETURNS)
  })

  it('shows a clean empty state for punctuation and query syntax', async () => {
    for (const query of ['"', '*', 'NEAR(', '“”。，！？', '" OR *']) {
      await search(agent, query)
      await kbPage(agent).getByTestId('kb-search-empty').waitFor()
      expect(await kbPage(agent).getByTestId('kb-search-empty').innerText(), query).toContain('没有找到匹配的文章')
      expect(await hitIds(agent), query).toEqual([])
      expect(await kbPage(agent).getByTestId('kb-search-results').locator('.el-alert').count(), query).toBe(0)
    }
  })

  it('opens an article rendered from Markdown and accepts 这篇有帮助吗 feedback for the query', async () => {
    await search(agent, '售后')
    await expect.poll(async () => (await hitIds(agent))[0]).toBe(RETURNS)
    await kbPage(agent).getByTestId(`kb-hit-${RETURNS}`).click()
    await agent.getByTestId('kb-article').waitFor()
    expect(await agent.getByTestId('kb-article-title').innerText()).toContain('退货政策')
    expect(await agent.getByTestId('kb-markdown').innerText()).toContain('无理由退货')
    expect(await agent.getByTestId('kb-article-meta').innerText()).toContain('已发布')
    expect(await agent.getByTestId('kb-found-by').innerText()).toContain('售后')
    // agents read; only supervisors and admins edit
    expect(await agent.getByTestId('kb-edit').count()).toBe(0)
    await screenshot(agent, 'kb-article')
    await agent.getByTestId('kb-helpful').click()
    await agent.getByTestId('kb-feedback-done').waitFor()
    // the server recorded the vote for the query that found the article
    const token = (await postJson(stack.serverUrl, '/api/auth/login', { username: 'agent01', password: DEMO_PASSWORD }))
      .json.accessToken as string
    const ranking = await getJson(stack.serverUrl, '/api/kb/ranking', token)
    const votes = ranking.json.feedback as { query: string; articleId: string; up: number }[]
    expect(votes.find((v) => v.articleId === RETURNS && v.query.includes('售后'))?.up).toBe(1)
  })

  it('opens the knowledge-base quick search with Ctrl+Shift+K from another page', async () => {
    await agent.getByTestId('nav-workbench').click()
    await agent.keyboard.press('Control+Shift+K')
    const dialog = agent.getByTestId('kb-quick-dialog')
    const input = dialog.getByTestId('kb-search-input')
    await input.waitFor()
    await input.fill('退貨')
    await expect
      .poll(async () => dialog.locator('[data-kind="kb-hit"]').first().getAttribute('data-testid'))
      .toBe(`kb-hit-${RETURNS}`)
    await input.press('Enter')
    await agent.getByTestId('kb-article').waitFor()
    expect(await agent.getByTestId('kb-article-title').innerText()).toContain('退货政策')
  })

  it('lets a supervisor edit with a live preview, save a new version, compare and restore the previous one', async () => {
    const supervisor = await signIn(browser, await stack.addHost(), 'super01')
    await supervisor.getByTestId('nav-kb').click()
    await search(supervisor, '退货')
    await expect.poll(async () => (await hitIds(supervisor))[0]).toBe(RETURNS)
    await kbPage(supervisor).getByTestId(`kb-hit-${RETURNS}`).click()
    await supervisor.getByTestId('kb-edit').click()
    const body = supervisor.getByTestId('kb-field-body')
    await expect.poll(() => body.inputValue()).toContain('无理由退货')
    const original = await body.inputValue()
    await expect.poll(() => supervisor.getByTestId('kb-versions-open').innerText()).toMatch(/\d/)
    const before = Number((await supervisor.getByTestId('kb-versions-open').innerText()).match(/\d+/)![0])

    // the preview follows typing; raw HTML in Markdown stays text
    const added =
      '\n\n## 补充说明\n\n- **大件商品**需预约上门取件\n- 定制商品不适用\n\n<script>window.injected = 1</script>'
    await body.fill(original + added)
    const preview = supervisor.getByTestId('kb-preview')
    await expect.poll(() => preview.locator('h2', { hasText: '补充说明' }).count()).toBe(1)
    expect(await preview.locator('strong', { hasText: '大件商品' }).count()).toBe(1)
    expect(await preview.locator('script').count()).toBe(0)
    expect(await preview.innerText()).toContain('<script>')
    expect(await supervisor.evaluate(() => (window as { injected?: number }).injected)).toBeUndefined()
    await screenshot(supervisor, 'kb-editor-preview')

    await supervisor.getByTestId('kb-save').click()
    await expect
      .poll(async () => Number((await supervisor.getByTestId('kb-versions-open').innerText()).match(/\d+/)![0]))
      .toBe(before + 1)
    await supervisor.getByTestId('kb-versions-open').click()
    const drawer = supervisor.getByTestId('kb-versions')
    await drawer.getByTestId(`kb-version-${before + 1}`).waitFor()
    expect(await drawer.getByTestId(`kb-version-${before + 1}`).innerText()).toContain('当前')
    // compare the previous version with what is in the editor: the added lines
    const previous = drawer.getByTestId(`kb-version-${before}`)
    await previous.getByTestId('kb-version-compare').click()
    await previous.getByTestId('kb-diff').waitFor()
    const addedLines = await previous
      .locator('[data-kind="add"]')
      .evaluateAll((rows) => rows.map((r) => r.textContent ?? ''))
    expect(addedLines.join('\n')).toContain('大件商品')
    await supervisor.mouse.move(0, 0)
    // the picture shows the versions, not the passing "saved" toast
    await supervisor.locator('.el-message').waitFor({ state: 'detached' })
    await screenshot(supervisor, 'kb-versions')

    await previous.getByTestId('kb-version-restore').click()
    await supervisor.locator('.el-message-box').getByRole('button', { name: '恢复' }).click()
    await drawer.getByTestId(`kb-version-${before + 2}`).waitFor()
    await expect.poll(() => body.inputValue()).toBe(original)
    // the server holds the restored text as the newest version
    const token = (await postJson(stack.serverUrl, '/api/auth/login', { username: 'super01', password: DEMO_PASSWORD }))
      .json.accessToken as string
    const versions = (await getJson(stack.serverUrl, `/api/kb/articles/${RETURNS}/versions`, token)).json as {
      version: number
      body: string
    }[]
    expect(versions[0]!.version).toBe(before + 2)
    expect(versions[0]!.body).toBe(original)
    await supervisor.context().close()
  })

  it('takes a new article from draft through review to published, after which agents find it', async () => {
    const supervisor = await signIn(browser, await stack.addHost(), 'super01')
    await supervisor.getByTestId('nav-kb').click()
    await supervisor.getByTestId('kb-new').click()
    await supervisor.getByTestId('kb-field-id').fill('kb-e2e-snow')
    await supervisor.getByTestId('kb-field-title').fill('空调雪地模式的开启方法')
    await supervisor.getByTestId('kb-field-category').click()
    await supervisor.keyboard.type('安装指引')
    await supervisor.keyboard.press('Enter')
    await supervisor.getByTestId('kb-field-body').fill('长按遥控器 **模式** 键 3 秒进入雪地模式。')
    await supervisor.getByTestId('kb-save').click()
    await expect.poll(() => supervisor.getByTestId('kb-editor-status').innerText()).toContain('草稿')
    await supervisor.getByTestId('kb-move-review').click()
    await expect.poll(() => supervisor.getByTestId('kb-editor-status').innerText()).toContain('审核中')
    // drafts and articles in review are not in the default (published) search
    await agent.getByTestId('nav-kb').click()
    await search(agent, '雪地模式')
    await kbPage(agent).getByTestId('kb-result-count').waitFor()
    expect(await hitIds(agent)).not.toContain('kb-e2e-snow')
    await supervisor.getByTestId('kb-move-published').click()
    await expect.poll(() => supervisor.getByTestId('kb-editor-status').innerText()).toContain('已发布')
    await search(agent, '')
    await search(agent, '雪地模式')
    await expect.poll(async () => (await hitIds(agent))[0]).toBe('kb-e2e-snow')
    expect(await kbPage(agent).getByTestId('kb-hit-kb-e2e-snow').innerText()).toContain('安装指引')
    await supervisor.context().close()
  })

  it('lets a supervisor maintain synonym groups, which every search applies at once', async () => {
    const supervisor = await signIn(browser, await stack.addHost(), 'super01')
    await supervisor.getByTestId('nav-kb').click()
    await agent.getByTestId('nav-kb').click()
    await search(agent, '洗碟器')
    await kbPage(agent).getByTestId('kb-result-count').waitFor()
    expect((await hitIds(agent))[0]).not.toBe(DISHWASHER)

    await supervisor.getByTestId('kb-synonyms-open').click()
    const dialog = supervisor.getByTestId('kb-synonyms')
    await expect.poll(() => dialog.getByTestId('kb-synonym-group').count()).toBeGreaterThan(0)
    await dialog.getByTestId('kb-synonym-add').click()
    await dialog.getByTestId('kb-synonym-group').first().locator('.el-select__wrapper').click()
    for (const word of ['洗碟器', '洗碗机']) {
      await supervisor.keyboard.type(word)
      await supervisor.keyboard.press('Enter')
    }
    await screenshot(supervisor, 'kb-synonyms')
    await dialog.getByTestId('kb-synonym-save').click()
    await dialog.waitFor({ state: 'hidden' })

    await search(agent, '')
    await search(agent, '洗碟器')
    await expect.poll(async () => (await hitIds(agent))[0]).toBe(DISHWASHER)
    await supervisor.context().close()
  })

  it('searches the seat cache with the same ranking while the server is down', async () => {
    await agent.getByTestId('nav-kb').click()
    await search(agent, '')
    await stack.stopServer()
    try {
      await search(agent, '退貨')
      await kbPage(agent).getByTestId('kb-offline').waitFor()
      expect(await kbPage(agent).getByTestId('kb-offline').innerText()).toBe('离线：在本机缓存中检索')
      await expect.poll(async () => (await hitIds(agent))[0]).toBe(RETURNS)
      await expect.poll(() => marks(agent, RETURNS)).toContain('退货')
      await kbPage(agent).getByTestId(`kb-hit-${RETURNS}`).click()
      await agent.getByTestId('kb-article').waitFor()
      expect(await agent.getByTestId('kb-markdown').innerText()).toContain('无理由退货')
    } finally {
      await stack.startServer()
    }
  })
})
