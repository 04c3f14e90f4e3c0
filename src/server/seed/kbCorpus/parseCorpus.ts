import type { DemoArticle } from '../kbArticles'

/**
 * The corpus is written compactly, one article per line under a `# 分类` heading:
 *
 *     id|audience (c customer, i internal)|title|tags (comma separated)|synonyms|body
 */
export function parseCorpus(text: string): DemoArticle[] {
  const out: DemoArticle[] = []
  let category = ''
  for (const line of text.split('\n')) {
    if (line.startsWith('# ')) category = line.slice(2).trim()
    if (!line.startsWith('kb-')) continue
    const [id, audience, title, tags, synonyms, body] = line.split('|')
    if (body === undefined || !category) throw new Error(`corpus line is incomplete: ${line}`)
    const list = (s: string) =>
      s
        .split(',')
        .map((w) => w.trim())
        .filter(Boolean)
    out.push({
      id: id!,
      title: title!,
      category,
      tags: list(tags!),
      synonyms: list(synonyms!),
      audience: audience === 'i' ? 'internal' : 'customer',
      body,
    })
  }
  return out
}
