import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { getJson, postJson } from '../support/http'
import { startTestServer, type Backend, type TestServer } from '../support/syncServer'

const search = (server: TestServer, token: string, params: Record<string, string>) =>
  getJson(server.url, `/api/kb/search?${new URLSearchParams(params)}`, token)

describe.each(['sqlite', 'postgres'] as Backend[])('knowledge base over HTTP on %s', (backend) => {
  let server: TestServer
  let agent: string
  let admin: string

  beforeAll(async () => {
    server = await startTestServer(backend)
    const login = async (username: string) =>
      (await postJson(server.url, '/api/auth/login', { username, password: DEMO_PASSWORD })).json.accessToken as string
    agent = await login('agent01')
    admin = await login('admin')
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('ranks the seeded articles for what agents type, with highlights', async () => {
    for (const [q, first] of [
      ['售后', 'kb-0001'],
      ['退貨', 'kb-0001'],
      ['KFR-35GW 不制冷', 'kb-0002'],
      ['退换货', 'kb-0001'],
    ]) {
      const res = await search(server, agent, { q: q!, limit: '5' })
      expect(res.status, q).toBe(200)
      expect(res.json[0]?.id, q).toBe(first)
    }
    // Traditional script ranks exactly like Simplified, with a scanner article first
    const ids = async (q: string) => (await search(server, agent, { q })).json.map((h: { id: string }) => h.id)
    expect(await ids('掃碼槍')).toEqual(await ids('扫码枪'))
    const [scanner] = (await search(server, agent, { q: '掃碼槍' })).json as { title: string }[]
    expect(scanner!.title).toContain('扫码枪')
    const [hit] = (await search(server, agent, { q: '掃碼槍' })).json as {
      title: string
      highlights: { field: string; text: string; spans: [number, number][] }[]
    }[]
    const title = hit!.highlights.find((h) => h.field === 'title')!
    const marked = title.spans.map(([s, e]) => title.text.slice(s, e))
    expect(marked.join('|')).toContain('扫码枪')
    for (const m of marked) expect(m).toMatch(/^[扫码枪]+$/) // only the query's words are marked
  })

  it('answers FTS syntax and punctuation with an empty list, and bad parameters with 400 naming the field', async () => {
    for (const q of ['"', '*', 'NEAR(', '(', '。']) {
      const res = await search(server, agent, { q })
      expect(res.status, q).toBe(200)
      expect(res.json, q).toEqual([])
    }
    expect((await search(server, agent, { q: 'OR' })).status).toBe(200)
    for (const [params, field] of [
      [{ q: '退货', limit: 'abc' }, 'limit'],
      [{ q: '退货', limit: '0' }, 'limit'],
      [{ q: '退货', audience: 'everyone' }, 'audience'],
      [{ limit: '5' }, 'q'],
      [{ q: 'x'.repeat(201) }, 'q'],
    ] as [Record<string, string>, string][]) {
      const res = await search(server, agent, params)
      expect(res.status, JSON.stringify(params)).toBe(400)
      expect(res.json.error).toMatchObject({ code: 'SCHEMA', field })
    }
    expect((await getJson(server.url, '/api/kb/search?q=退货')).status).toBe(401)
  })

  it('filters by category and audience', async () => {
    const internal = (await search(server, agent, { q: '空调', audience: 'internal', limit: '20' })).json as {
      audience: string
    }[]
    expect(internal.length).toBeGreaterThan(0)
    expect(internal.every((h) => h.audience === 'internal')).toBe(true)
    const cat = (await search(server, agent, { q: '空调', category: '安装服务', limit: '20' })).json as {
      category: string
    }[]
    expect(cat.length).toBeGreaterThan(0)
    expect(cat.every((h) => h.category === '安装服务')).toBe(true)
  })

  it('keeps versions through the draft → review → published workflow and restores an old one', async () => {
    const base = { id: 'kb-test-1', title: '测试：门店 Wi-Fi 密码', category: '门店设备', audience: 'internal' }
    const created = await postJson(server.url, '/api/kb/articles', { ...base, body: '密码贴在前台。' }, admin)
    expect(created.json).toMatchObject({ version: 1, changed: true, article: { status: 'draft' } })
    expect((await search(server, agent, { q: '门店 Wi-Fi 密码' })).json.map((h: { id: string }) => h.id)).not.toContain(
      'kb-test-1',
    )
    // an agent may not edit
    expect((await postJson(server.url, '/api/kb/articles', { ...base, body: 'x' }, agent)).status).toBe(403)
    const edited = await postJson(server.url, '/api/kb/articles', { ...base, body: '密码在店长处领取。' }, admin)
    expect(edited.json).toMatchObject({ version: 2, changed: true })
    const same = await postJson(server.url, '/api/kb/articles', { ...base, body: '密码在店长处领取。' }, admin)
    expect(same.json).toMatchObject({ version: 2, changed: false })
    // draft cannot jump to published
    const jump = await postJson(server.url, '/api/kb/articles/kb-test-1/status', { status: 'published' }, admin)
    expect(jump.status).toBe(409)
    await postJson(server.url, '/api/kb/articles/kb-test-1/status', { status: 'review' }, admin)
    const published = await postJson(server.url, '/api/kb/articles/kb-test-1/status', { status: 'published' }, admin)
    expect(published.json).toMatchObject({ version: 4, article: { status: 'published' } })
    const found = (await search(server, agent, { q: '店长 密码' })).json
    expect(found[0]?.id).toBe('kb-test-1')

    const versions = (await getJson(server.url, '/api/kb/articles/kb-test-1/versions', agent)).json as unknown as {
      version: number
      body: string
      status: string
    }[]
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [4, 'published'],
      [3, 'review'],
      [2, 'draft'],
      [1, 'draft'],
    ])
    const restored = await postJson(server.url, '/api/kb/articles/kb-test-1/restore', { version: 1 }, admin)
    expect(restored.json).toMatchObject({ version: 5, article: { body: '密码贴在前台。', status: 'draft' } })
    expect((await search(server, agent, { q: '店长 密码' })).json.map((h: { id: string }) => h.id)).not.toContain(
      'kb-test-1',
    )
    expect((await postJson(server.url, '/api/kb/articles/kb-test-1/restore', { version: 99 }, admin)).status).toBe(404)
  })

  it('lets helpful votes raise an article for the query that found it', async () => {
    const order = async () =>
      ((await search(server, agent, { q: '空调噪音', limit: '5' })).json as { id: string }[]).map((h) => h.id)
    const before = await order()
    const second = before[1]!
    const tokens = await Promise.all(
      ['agent01', 'agent02', 'super01', 'admin', 'desk01'].map(
        async (u) =>
          (await postJson(server.url, '/api/auth/login', { username: u, password: DEMO_PASSWORD })).json
            .accessToken as string,
      ),
    )
    for (const t of tokens) {
      const vote = await postJson(
        server.url,
        `/api/kb/articles/${second}/feedback`,
        { query: '空调 噪音', helpful: true },
        t,
      )
      expect(vote.status).toBe(200)
    }
    // voting twice counts once per user
    const again = await postJson(
      server.url,
      `/api/kb/articles/${second}/feedback`,
      { query: '空调 噪音', helpful: true },
      agent,
    )
    expect(again.json).toMatchObject({ up: 5, down: 0 })
    const after = await order()
    expect(after[0]).toBe(second)
    expect(after[1]).toBe(before[0])
    const bad = await postJson(server.url, '/api/kb/articles/kb-none/feedback', { query: 'x', helpful: true }, agent)
    expect(bad.status).toBe(404)
  })

  it('is in the OpenAPI document', async () => {
    const doc = (await getJson(server.url, '/openapi.json')).json as { paths: Record<string, unknown> }
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/kb/search', '/api/kb/articles/{id}/feedback']))
  })
})
