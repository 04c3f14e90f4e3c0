import { parse } from 'csv-parse/sync'
import { KbArticleInput } from '../../shared/domain/kb'
import type { KbArticleRecord } from '../../shared/domain/records'
import { describeIssue, type Parsed } from './kbMarkdown'

/** CSV columns; tags and synonyms are separated by | inside their cell. */
export const KB_CSV_COLUMNS = ['id', 'title', 'category', 'tags', 'synonyms', 'audience', 'status', 'body'] as const

const list = (cell: string | undefined) =>
  (cell ?? '')
    .split('|')
    .map((w) => w.trim())
    .filter(Boolean)

/** Articles of a CSV file, each row parsed on its own: one bad row does not spoil the others. */
export function parseArticlesCsv(text: string): { line: number; article: Parsed<KbArticleInput> }[] {
  const rows = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true }) as string[][]
  const header = rows[0] ?? []
  const missing = KB_CSV_COLUMNS.filter((c) => c !== 'body' && !header.includes(c))
  if (missing.length > 0) {
    return [{ line: 1, article: { ok: false, reason: `header lacks column ${missing.join(', ')}` } }]
  }
  return rows.slice(1).map((cells, i) => {
    const cell = (c: string) => {
      const at = header.indexOf(c)
      return at >= 0 ? cells[at] : undefined
    }
    const parsed = KbArticleInput.safeParse({
      id: cell('id'),
      title: cell('title'),
      category: cell('category'),
      tags: list(cell('tags')),
      synonyms: list(cell('synonyms')),
      audience: cell('audience'),
      status: cell('status') || undefined,
      body: cell('body') ?? '',
    })
    return {
      line: i + 2,
      article: parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: describeIssue(parsed.error) },
    }
  })
}

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

export function articlesCsv(articles: KbArticleRecord[]): string {
  const lines = [KB_CSV_COLUMNS.join(',')]
  for (const a of articles) {
    lines.push(
      [a.id, a.title, a.category, a.tags.join('|'), a.synonyms.join('|'), a.audience, a.status, a.body]
        .map(quote)
        .join(','),
    )
  }
  return `${lines.join('\n')}\n`
}
