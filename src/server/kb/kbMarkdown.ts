import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'
import { KbArticleInput } from '../../shared/domain/kb'
import type { KbArticleRecord } from '../../shared/domain/records'

/** The front-matter keys, in the order an export writes them. */
export const FRONT_MATTER_KEYS = ['id', 'title', 'category', 'tags', 'synonyms', 'audience', 'status'] as const

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

/** The first schema problem as "field: message". */
export function describeIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0]!
  return `${issue.path.map(String).join('.') || 'article'}: ${issue.message}`
}

/**
 * One article from a Markdown file with YAML front matter. The id defaults to the file name
 * without `.md`; the body is the Markdown after the front matter.
 */
export function parseArticleMarkdown(text: string, fileStem: string): Parsed<KbArticleInput> {
  const m = FRONT_MATTER.exec(text)
  if (!m) return { ok: false, reason: 'no YAML front matter (the file must start with a --- line)' }
  let meta: unknown
  try {
    meta = parseYaml(m[1]!, { uniqueKeys: true })
  } catch (err) {
    // the parser's first line already says where (line and column)
    return {
      ok: false,
      reason: `front matter is not valid YAML: ${(err as Error).message.split('\n')[0]!.replace(/:$/, '')}`,
    }
  }
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
    return { ok: false, reason: 'front matter must be a set of key: value lines' }
  }
  const fields = meta as Record<string, unknown>
  const unknownKey = Object.keys(fields).find((k) => !(FRONT_MATTER_KEYS as readonly string[]).includes(k))
  if (unknownKey) return { ok: false, reason: `unknown front-matter key "${unknownKey}"` }
  const parsed = KbArticleInput.safeParse({ id: fileStem, ...fields, body: text.slice(m[0].length) })
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: describeIssue(parsed.error) }
}

export function articleMarkdown(a: KbArticleRecord | KbArticleInput): string {
  const meta = Object.fromEntries(FRONT_MATTER_KEYS.map((k) => [k, a[k]]))
  return `---\n${stringifyYaml(meta, { lineWidth: 0 })}---\n\n${a.body}\n`
}
