import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, extname, join, relative } from 'node:path'
import type { KbArticleInput, KbImportReport } from '../../shared/domain/kb'
import type { KbArticleStore } from './kbArticleStore'
import { articlesCsv, parseArticlesCsv } from './kbCsv'
import { articleMarkdown, parseArticleMarkdown } from './kbMarkdown'

/** Markdown and CSV files under a folder (or the one file given), in a stable order. */
function importFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path]
  return (readdirSync(path, { recursive: true }) as string[])
    .filter((f) => /\.(md|csv)$/i.test(f))
    .sort()
    .map((f) => join(path, f))
}

/**
 * Imports a folder of Markdown files with front matter and/or CSV files. Every good article is
 * saved (a new version only where something differs, so importing the same folder again changes
 * nothing); every bad file or row is reported with its name and the reason, and skipped.
 */
export async function importKb(store: KbArticleStore, path: string, by: string | null): Promise<KbImportReport> {
  const report: KbImportReport = { created: 0, updated: 0, unchanged: 0, errors: [] }
  const root = statSync(path).isDirectory() ? path : dirname(path)
  const seen = new Map<string, string>()
  const good: KbArticleInput[] = []
  const accept = (file: string, article: KbArticleInput) => {
    const first = seen.get(article.id)
    if (first) return report.errors.push({ file, reason: `id ${article.id} is already used by ${first}` })
    seen.set(article.id, file)
    good.push(article)
  }
  for (const full of importFiles(path)) {
    const file = relative(root, full) || basename(full)
    const text = readFileSync(full, 'utf8')
    if (extname(full).toLowerCase() === '.csv') {
      for (const { line, article } of parseArticlesCsv(text)) {
        if (article.ok) accept(`${file}:${line}`, article.value)
        else report.errors.push({ file: `${file}:${line}`, reason: article.reason })
      }
      continue
    }
    const parsed = parseArticleMarkdown(text, basename(full, extname(full)))
    if (parsed.ok) accept(file, parsed.value)
    else report.errors.push({ file, reason: parsed.reason })
  }
  for (const article of good) {
    const saved = await store.save(article, by)
    if (!saved.changed) report.unchanged++
    else if (saved.version === 1) report.created++
    else report.updated++
  }
  return report
}

/** Writes every article as `<id>.md`, or all of them into one CSV when the path ends in .csv. */
export async function exportKb(store: KbArticleStore, path: string): Promise<number> {
  const articles = await store.all()
  if (path.toLowerCase().endsWith('.csv')) {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, articlesCsv(articles))
    return articles.length
  }
  mkdirSync(path, { recursive: true })
  for (const a of articles) writeFileSync(join(path, `${a.id}.md`), articleMarkdown(a))
  return articles.length
}
