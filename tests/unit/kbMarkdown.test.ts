import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { articleMarkdown, parseArticleMarkdown } from '../../src/server/kb/kbMarkdown'
import { articlesCsv, parseArticlesCsv } from '../../src/server/kb/kbCsv'
import { DEMO_ARTICLES } from '../../src/server/seed/kbArticles'

const EVAL_DIR = join(import.meta.dirname, '../../bench/kb-eval/articles')

describe('knowledge-base Markdown and CSV files', () => {
  it('the evaluation folder holds exactly the seeded articles (one Markdown file each)', () => {
    const files = readdirSync(EVAL_DIR).filter((f) => f.endsWith('.md'))
    expect(files).toHaveLength(DEMO_ARTICLES.length)
    for (const a of DEMO_ARTICLES) {
      const parsed = parseArticleMarkdown(readFileSync(join(EVAL_DIR, `${a.id}.md`), 'utf8'), a.id)
      expect(parsed, a.id).toEqual({ ok: true, value: { ...a, status: 'published' } })
    }
  })

  it('round-trips an article through Markdown and CSV unchanged', () => {
    const a = { ...DEMO_ARTICLES[1]!, status: 'draft' as const, body: '第一行，带 "引号"\n\n- 列表, 逗号' }
    expect(parseArticleMarkdown(articleMarkdown(a), 'x')).toEqual({ ok: true, value: a })
    const record = { ...a, updatedAt: 0, feedSeq: 0 }
    expect(parseArticlesCsv(articlesCsv([record]))).toEqual([{ line: 2, article: { ok: true, value: a } }])
  })

  it('says what is wrong with a bad file', () => {
    const bad = (text: string) => {
      const r = parseArticleMarkdown(text, 'file')
      return r.ok ? 'ok' : r.reason
    }
    expect(bad('no front matter')).toMatch(/no YAML front matter/)
    expect(bad('---\ntitle: [unclosed\n---\nbody')).toMatch(/not valid YAML/)
    expect(bad('---\ntitle: 标题\ncategory: 会员\naudience: everyone\n---\n')).toMatch(/^audience:/)
    expect(bad('---\ncategory: 会员\naudience: internal\n---\n')).toMatch(/^title:/)
    expect(bad('---\ntitle: t\ncategory: c\naudience: internal\nowner: me\n---\n')).toMatch(
      /unknown front-matter key "owner"/,
    )
    expect(bad('---\ntitle: t\ntitle: u\ncategory: c\naudience: internal\n---\n')).toMatch(/not valid YAML/)
    // the file name is the id when the front matter has none
    expect(parseArticleMarkdown('---\ntitle: t\ncategory: c\naudience: internal\n---\nbody', 'kb-x')).toMatchObject({
      ok: true,
      value: { id: 'kb-x', body: 'body', status: 'draft' },
    })
  })
})
