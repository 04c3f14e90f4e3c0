import { Charset, Document } from 'flexsearch'
import MiniSearch from 'minisearch'
import type { DemoArticle } from '../../src/server/seed/kbArticles'
import { KbSearchEngine } from '../../src/shared/kb/kbSearchEngine'

/** A search library under test: index the articles, then answer a query with ranked ids. */
export interface Searcher {
  name: string
  search(q: string, limit: number): string[]
}

export function ours(articles: DemoArticle[], synonyms: string[][]): Searcher {
  const engine = new KbSearchEngine()
  engine.build(articles.map((a) => ({ ...a, status: 'published' })))
  engine.setSynonyms(synonyms)
  return { name: 'ours', search: (q, limit) => engine.search(q, { limit }).map((h) => h.id) }
}

/**
 * MiniSearch as its docs suggest for text without spaces: a custom `tokenize` (here
 * Intl.Segmenter word segmentation for Chinese), field boosts, prefix and fuzzy search.
 */
export function miniSearch(articles: DemoArticle[]): Searcher {
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })
  const tokenize = (text: string) =>
    [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment.toLowerCase())
  const index = new MiniSearch<DemoArticle & { tagText: string }>({
    fields: ['title', 'tagText', 'body'],
    tokenize,
    searchOptions: { boost: { title: 3, tagText: 2 }, prefix: true, fuzzy: 0.2, combineWith: 'OR' },
  })
  index.addAll(articles.map((a) => ({ ...a, tagText: [...a.tags, ...a.synonyms].join(' ') })))
  return {
    name: 'MiniSearch',
    search: (q, limit) =>
      index
        .search(q)
        .slice(0, limit)
        .map((r) => String(r.id)),
  }
}

/** FlexSearch's Document index with its CJK encoder preset (Charset.CJK) and forward tokenizer. */
export function flexSearch(articles: DemoArticle[]): Searcher {
  const index = new Document({
    document: { id: 'id', index: ['title', 'tagText', 'body'] },
    encoder: Charset.CJK,
    tokenize: 'forward',
  } as never)
  for (const a of articles) index.add({ ...a, tagText: [...a.tags, ...a.synonyms].join(' ') } as never)
  return {
    name: 'FlexSearch',
    search: (q, limit) => {
      const merged = index.search(q, { limit, merge: true } as never) as unknown as { id: string }[]
      return merged.slice(0, limit).map((r) => String(r.id))
    },
  }
}
