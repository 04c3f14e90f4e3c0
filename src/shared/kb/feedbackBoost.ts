import type { KbFeedbackTally } from '../domain/kb'
import { normalizeForSearch } from './normalize'
import { bigramsOf, charsOf, latinTermsOf, runsOf } from './tokenize'

/** Each net helpful vote moves the article by 10 %, between −30 % and +50 %. */
const PER_VOTE = 0.1
const MAX_UP = 0.5
const MAX_DOWN = -0.3
/** Queries at least this similar (Jaccard over their words) share their votes. */
const MIN_SIMILARITY = 0.5

/** The words of a query that decide whether two queries are "the same question". */
export function queryWords(text: string): Set<string> {
  const words = new Set<string>()
  for (const run of runsOf(normalizeForSearch(text))) {
    if (run.kind === 'latin') {
      words.add(latinTermsOf(run.text)[0]!)
      continue
    }
    const chars = charsOf(run.text)
    for (const w of chars.length === 1 ? chars : bigramsOf(chars)) words.add(w)
  }
  return words
}

interface Voted {
  words: Set<string>
  votes: Map<string, { up: number; down: number }>
}

/**
 * "这篇有帮助吗?" votes turned into a bounded ranking factor. Votes are kept per (query, article);
 * a new query borrows the votes of earlier queries whose words overlap it by at least half, scaled
 * by that overlap: factor = 1 + similarity × clamp(0.1 × (helpful − not helpful), −0.3, +0.5).
 * The factor multiplies the article's text score, so feedback reorders articles that match the
 * query but never brings in one that does not.
 */
export class FeedbackBoost {
  private readonly byQuery = new Map<string, Voted>()
  private readonly byWord = new Map<string, Set<string>>()

  set(tallies: KbFeedbackTally[]): void {
    this.byQuery.clear()
    this.byWord.clear()
    for (const t of tallies) {
      const key = normalizeForSearch(t.query)
      let entry = this.byQuery.get(key)
      if (!entry) {
        entry = { words: queryWords(key), votes: new Map() }
        this.byQuery.set(key, entry)
        for (const w of entry.words) {
          let keys = this.byWord.get(w)
          if (!keys) this.byWord.set(w, (keys = new Set()))
          keys.add(key)
        }
      }
      const v = entry.votes.get(t.articleId) ?? { up: 0, down: 0 }
      entry.votes.set(t.articleId, { up: v.up + t.up, down: v.down + t.down })
    }
  }

  /** Article id → factor for this query (articles without votes for similar queries are absent). */
  factors(query: string): Map<string, number> {
    const words = queryWords(query)
    const candidates = new Set<string>()
    for (const w of words) for (const key of this.byWord.get(w) ?? []) candidates.add(key)
    const best = new Map<string, { similarity: number; delta: number }>()
    for (const key of candidates) {
      const entry = this.byQuery.get(key)!
      let shared = 0
      for (const w of entry.words) if (words.has(w)) shared++
      const similarity = shared / (words.size + entry.words.size - shared)
      if (similarity < MIN_SIMILARITY) continue
      for (const [articleId, v] of entry.votes) {
        const delta = Math.min(MAX_UP, Math.max(MAX_DOWN, PER_VOTE * (v.up - v.down)))
        const prev = best.get(articleId)
        if (!prev || similarity > prev.similarity || (similarity === prev.similarity && delta > prev.delta))
          best.set(articleId, { similarity, delta })
      }
    }
    const out = new Map<string, number>()
    for (const [id, b] of best) out.set(id, 1 + b.similarity * b.delta)
    return out
  }
}
