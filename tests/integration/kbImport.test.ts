import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KbArticleStore } from '../../src/server/kb/kbArticleStore'
import { exportKb, importKb } from '../../src/server/kb/kbImportExport'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { getJson, postJson } from '../support/http'
import { startTestServer, type Backend, type TestServer } from '../support/syncServer'

const EVAL_DIR = join(import.meta.dirname, '../../bench/kb-eval/articles')

describe.each(['sqlite', 'postgres'] as Backend[])('knowledge-base import and export on %s', (backend) => {
  let server: TestServer
  let store: KbArticleStore
  let folder: string
  let token: string

  beforeAll(async () => {
    server = await startTestServer(backend)
    store = new KbArticleStore(server.db.db, server.db.kind)
    token = (await postJson(server.url, '/api/auth/login', { username: 'agent01', password: DEMO_PASSWORD })).json
      .accessToken
    folder = mkdtempSync(join(tmpdir(), 'sc-kb-import-'))
    // the evaluation articles (already seeded: unchanged), one edited, two new ones, bad files
    cpSync(EVAL_DIR, join(folder, 'eval'), { recursive: true })
    writeFileSync(
      join(folder, 'eval', 'kb-0012.md'),
      '---\nid: kb-0012\ntitle: 退款多久到账（2027 版）\ncategory: 售后政策\ntags: [退款]\naudience: customer\nstatus: published\n---\n\n微信、支付宝当天到账。\n',
    )
    writeFileSync(
      join(folder, 'new-lamp.md'),
      '---\nid: kb-new-lamp\ntitle: 台灯频闪的处理\ncategory: 维修指引\ntags: [台灯, 频闪]\nsynonyms: [闪烁]\naudience: customer\nstatus: published\n---\n\n更换 LED 驱动。\n',
    )
    writeFileSync(
      join(folder, 'more.csv'),
      'id,title,category,tags,synonyms,audience,status,body\n' +
        'kb-new-fan,风扇摇头卡顿,维修指引,风扇|摇头,,customer,published,"清理摇头齿轮, 加润滑油"\n' +
        'kb-bad-row,缺少受众,维修指引,,,,published,x\n',
    )
    writeFileSync(join(folder, 'broken.md'), '---\ntitle: [未闭合\n---\n正文')
    writeFileSync(join(folder, 'no-front-matter.md'), '# 只是标题\n正文')
    writeFileSync(
      join(folder, 'zz-duplicate.md'),
      '---\nid: kb-new-lamp\ntitle: 重复\ncategory: c\naudience: internal\n---\n',
    )
  })
  afterAll(async () => {
    await server?.stop()
    rmSync(folder, { recursive: true, force: true })
  })

  it('imports a folder: new and changed articles saved, bad files reported by name and reason', async () => {
    const report = await importKb(store, folder, 'u-admin')
    expect(report).toMatchObject({ created: 2, updated: 1, unchanged: 301 })
    expect(report.errors).toEqual([
      { file: 'broken.md', reason: expect.stringMatching(/not valid YAML/) },
      { file: 'more.csv:3', reason: expect.stringMatching(/^audience:/) },
      { file: 'no-front-matter.md', reason: expect.stringMatching(/no YAML front matter/) },
      { file: 'zz-duplicate.md', reason: 'id kb-new-lamp is already used by new-lamp.md' },
    ])
    // the running server's index picks the imported articles up from the change feed (it looks
    // again at most every ARTICLES_FRESH_MS, so another process's import shows within a second)
    const top = async () =>
      (await getJson(server.url, `/api/kb/search?q=${encodeURIComponent('台燈頻閃')}`, token)).json[0]?.id
    await expect.poll(top, { timeout: 5000 }).toBe('kb-new-lamp')
    expect((await store.versions('kb-0012')).map((v) => v.version)).toEqual([2, 1])
  })

  it('re-importing the same folder changes nothing', async () => {
    const before = await server.db.db
      .selectFrom('change_feed')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    const again = await importKb(store, folder, 'u-admin')
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 304 })
    const after = await server.db.db
      .selectFrom('change_feed')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
    expect((await store.versions('kb-0012')).map((v) => v.version)).toEqual([2, 1])
  })

  it('exports Markdown and CSV that import back without changes', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sc-kb-export-'))
    try {
      expect(await exportKb(store, join(out, 'md'))).toBe(304)
      expect(await exportKb(store, join(out, 'all.csv'))).toBe(304)
      expect(await importKb(store, join(out, 'md'), null)).toMatchObject({ created: 0, updated: 0, unchanged: 304 })
      expect(await importKb(store, join(out, 'all.csv'), null)).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: 304,
        errors: [],
      })
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})
