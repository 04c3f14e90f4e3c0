import type { KbAudience, KbFeedbackTally, KbHit } from '../domain/kb'
import { FeedbackBoost } from './feedbackBoost'
import { FuzzyVocabulary } from './fuzzyVocabulary'
import { highlightsOf } from './highlight'
import { normalizeForSearch } from './normalize'
import { withoutFillers } from './queryFillers'
import { MAX_SLOTS, PostingList, WEIGHT_BITS, WEIGHT_MAX } from './postings'
import { SYNONYM_WEIGHT, SynonymGroups } from './synonymGroups'
import { bigramsOf, charsOf, latinTermsOf, runsOf, termCounts } from './tokenize'

export interface KbDocument {
  id: string
  title: string
  body: string
  category: string
  tags: readonly string[]
  synonyms: readonly string[]
  audience: KbAudience
  status: string
}

export interface KbSearchOptions {
  limit?: number
  category?: string
  audience?: KbAudience
  status?: string
}

/**
 * BM25F fields: weight (title and tags above body), the length a field of that kind typically has
 * (in terms), and how much a longer field dilutes a match (b). Reference lengths are constants
 * rather than corpus averages so that a document's weights never depend on the other documents:
 * the server (updated article by article) and a seat (built at once) score identically.
 */
const FIELDS = [
  { key: 'title', weight: 3, ref: 30, b: 0.5 },
  { key: 'tags', weight: 2.5, ref: 12, b: 0.3 },
  { key: 'synonyms', weight: 2, ref: 12, b: 0.3 },
  { key: 'category', weight: 1.5, ref: 8, b: 0.3 },
  { key: 'body', weight: 1, ref: 400, b: 0.75 },
] as const
const K1 = 1.2
/** Query-side weights: a model number's parts, a character whose bigrams are unknown, a typo. */
const PART_WEIGHT = 0.5
const CHAR_WEIGHT = 0.5
const TYPO_WEIGHT = 0.6
/** A fallback character found in more than this share of articles says too little to be worth its cost. */
const COMMON_CHAR_SHARE = 0.1

function fieldText(doc: KbDocument, key: (typeof FIELDS)[number]['key']): string {
  if (key === 'tags' || key === 'synonyms') return doc[key].join(' ')
  return doc[key]
}

/** term → quantised BM25F saturation of the term in this document. */
function documentWeights(doc: KbDocument): Map<string, number> {
  const tf = new Map<string, number>()
  for (const f of FIELDS) {
    const { counts, length } = termCounts(normalizeForSearch(fieldText(doc, f.key)))
    const norm = 1 - f.b + (f.b * length) / f.ref
    for (const [t, n] of counts) tf.set(t, (tf.get(t) ?? 0) + (f.weight * n) / norm)
  }
  const out = new Map<string, number>()
  for (const [t, v] of tf) out.set(t, Math.max(1, Math.round((v / (K1 + v)) * WEIGHT_MAX)))
  return out
}

/**
 * The knowledge-base search engine: an in-memory inverted index with BM25F ranking, the same code
 * on the sync server and in a seat's offline cache. Pure TypeScript (no Node, no database).
 */
export class KbSearchEngine {
  private readonly docs: (KbDocument | undefined)[] = []
  private readonly slotOf = new Map<string, number>()
  private readonly freeSlots: number[] = []
  private readonly terms = new Map<string, PostingList>()
  private readonly fuzzy = new FuzzyVocabulary()
  private readonly synonyms = new SynonymGroups()
  private readonly feedback = new FeedbackBoost()
  /** per-slot accumulators, reused by every search (kept zeroed between searches) */
  private scores = new Float64Array(0)
  private covered = new Float64Array(0)
  private best = new Float64Array(0)
  private seen = new Int32Array(0)
  private touched = new Int32Array(0)

  get size(): number {
    return this.slotOf.size
  }

  has(id: string): boolean {
    return this.slotOf.has(id)
  }

  /** Indexes many documents, then drops spare posting capacity. */
  build(docs: Iterable<KbDocument>): void {
    for (const d of docs) this.upsert(d)
    for (const list of this.terms.values()) list.trim()
  }

  upsert(doc: KbDocument): void {
    this.remove(doc.id)
    const slot = this.freeSlots.pop() ?? this.docs.length
    if (slot >= MAX_SLOTS) throw new Error(`the knowledge-base index holds at most ${MAX_SLOTS} articles`)
    const stored: KbDocument = { ...doc, tags: [...doc.tags], synonyms: [...doc.synonyms] }
    this.docs[slot] = stored
    this.slotOf.set(doc.id, slot)
    for (const [term, weight] of documentWeights(stored)) {
      let list = this.terms.get(term)
      if (!list) {
        this.terms.set(term, (list = new PostingList()))
        this.fuzzy.add(term)
      }
      list.push(slot, weight)
    }
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id)
    if (slot === undefined) return
    for (const term of documentWeights(this.docs[slot]!).keys()) {
      const list = this.terms.get(term)!
      list.remove(slot)
      if (list.length === 0) {
        this.terms.delete(term)
        this.fuzzy.delete(term)
      }
    }
    this.docs[slot] = undefined
    this.slotOf.delete(id)
    this.freeSlots.push(slot)
  }

  setSynonyms(groups: string[][]): void {
    this.synonyms.set(groups)
  }

  setFeedback(tallies: KbFeedbackTally[]): void {
    this.feedback.set(tallies)
  }

  /**
   * Ranked hits (score, then id). A query with no searchable characters — only punctuation or
   * query syntax such as `"`, `*`, `(` — has no terms and returns nothing; words such as NEAR or
   * OR are searched for literally.
   */
  search(query: string, opts: KbSearchOptions = {}): KbHit[] {
    const limit = opts.limit ?? 10
    const norm = normalizeForSearch(query)
    const n = this.slotOf.size
    const text = withoutFillers(norm)
    const variants: [Map<string, number>, number][] = [[this.plan(text), 1]]
    const idfCap = new Map<string, number>()
    for (const match of this.synonyms.matches(text)) {
      for (const v of match.variants) variants.push([this.plan(v, false), SYNONYM_WEIGHT])
      const memberTerms = match.members.flatMap((m) => [...this.plan(m, false).keys()])
      const shared = Math.min(...memberTerms.map((t) => this.idf(t, n)))
      for (const t of memberTerms) idfCap.set(t, Math.min(shared, idfCap.get(t) ?? Infinity))
    }
    if (limit <= 0 || variants.every(([terms]) => terms.size === 0)) return []
    if (this.best.length < this.docs.length) {
      const size = this.docs.length * 2
      this.scores = new Float64Array(size)
      this.covered = new Float64Array(size)
      this.best = new Float64Array(size)
      this.seen = new Int32Array(size)
      this.touched = new Int32Array(size)
    }
    const { scores, covered, best, seen, touched } = this
    let touchedCount = 0
    const typedWeight = sumOf(variants[0]![0])
    for (const [terms, variantWeight] of variants) {
      let seenCount = 0
      const totalWeight = sumOf(terms)
      for (const [term, queryWeight] of terms) {
        const list = this.terms.get(term)!
        const idf = Math.min(this.idf(term, n), idfCap.get(term) ?? Infinity)
        seenCount = accumulate(
          list.data,
          list.length,
          (queryWeight * idf) / WEIGHT_MAX,
          queryWeight,
          scores,
          covered,
          seen,
          seenCount,
        )
      }
      // a swapped-in synonym counts as much as the word it replaces, whatever its length
      const scale = (variantWeight * (terms === variants[0]![0] ? 1 : typedWeight || totalWeight)) / totalWeight
      touchedCount = keepBest(seen, seenCount, scores, covered, scale / totalWeight, best, touched, touchedCount)
    }
    const top = this.topHits(touched, touchedCount, best, limit, opts, this.feedback.factors(norm))
    const needles = [...new Set(variants.flatMap(([terms]) => [...terms.keys()]))]
    return top.map(({ doc, score, boost }) => ({
      id: doc.id,
      title: doc.title,
      category: doc.category,
      audience: doc.audience,
      score,
      feedbackBoost: Math.round(boost * 1e4) / 1e4,
      highlights: highlightsOf(doc, needles),
    }))
  }

  /**
   * The best `limit` articles that pass the filters, by score then id. Filters and feedback are
   * only looked at for articles whose score could still make the list, so a query matching most
   * of 100,000 articles costs one comparison for each of the rest.
   */
  private topHits(
    touched: Int32Array,
    count: number,
    best: Float64Array,
    limit: number,
    opts: KbSearchOptions,
    boosts: Map<string, number>,
  ): { doc: KbDocument; score: number; boost: number }[] {
    let maxBoost = 1
    for (const b of boosts.values()) maxBoost = Math.max(maxBoost, b)
    const top: { doc: KbDocument; score: number; boost: number }[] = []
    let floor = -1
    for (let k = 0; k < count; k++) {
      const slot = touched[k]!
      const raw = best[slot]!
      best[slot] = 0
      if (raw * maxBoost < floor) continue
      const doc = this.docs[slot]!
      if (opts.status !== undefined && doc.status !== opts.status) continue
      if (opts.audience !== undefined && doc.audience !== opts.audience) continue
      if (opts.category !== undefined && doc.category !== opts.category) continue
      const boost = boosts.get(doc.id) ?? 1
      const score = Math.round(raw * boost * 1e4) / 1e4
      if (top.length === limit && !ranksBefore(score, doc.id, top[limit - 1]!)) continue
      let at = top.length
      while (at > 0 && ranksBefore(score, doc.id, top[at - 1]!)) at--
      top.splice(at, 0, { doc, score, boost })
      if (top.length > limit) top.pop()
      // rounding may tie a slightly lower raw score with the last one: keep a margin
      if (top.length === limit) floor = top[limit - 1]!.score - 1e-4
    }
    return top
  }

  /** Index size figures for the benchmark and the health of the index. */
  stats(): { articles: number; terms: number; postings: number; postingBytes: number } {
    let postings = 0
    let postingBytes = 0
    for (const list of this.terms.values()) {
      postings += list.length
      postingBytes += list.bytes
    }
    return { articles: this.size, terms: this.terms.size, postings, postingBytes }
  }

  private idf(term: string, n: number): number {
    const df = this.terms.get(term)!.length
    return Math.log(1 + (n - df + 0.5) / (df + 0.5))
  }

  /**
   * The indexed terms to look up for one query text, with their weights. For the typed text
   * (`fallbacks`), a Chinese bigram that no article contains falls back to its characters (不冷
   * still meets 不制冷) unless a character is too common to tell articles apart, and a Latin word
   * no article contains to the indexed words one typo away. Synonym variants match exactly.
   */
  private plan(norm: string, fallbacks = true): Map<string, number> {
    const weights = new Map<string, number>()
    const add = (term: string, w: number): boolean => {
      if (!this.terms.has(term)) return false
      if ((weights.get(term) ?? 0) < w) weights.set(term, w)
      return true
    }
    for (const run of runsOf(norm)) {
      if (run.kind === 'latin') {
        const [joined, ...parts] = latinTermsOf(run.text)
        if (!add(joined!, 1) && fallbacks) for (const near of this.fuzzy.near(joined!)) add(near, TYPO_WEIGHT)
        for (const p of parts) add(p, PART_WEIGHT)
        continue
      }
      const chars = charsOf(run.text)
      if (chars.length === 1) {
        add(chars[0]!, 1)
        continue
      }
      const covered = new Array<boolean>(chars.length).fill(false)
      bigramsOf(chars).forEach((b, i) => {
        if (add(b, 1)) covered[i] = covered[i + 1] = true
      })
      if (!fallbacks) continue
      const common = this.slotOf.size * COMMON_CHAR_SHARE
      chars.forEach((c, i) => covered[i] || (this.terms.get(c)?.length ?? 0) > common || add(c, CHAR_WEIGHT))
    }
    return weights
  }
}

/** Adds one term's postings to the per-slot sums; returns the new count of slots seen. */
function accumulate(
  data: Int32Array,
  length: number,
  factor: number,
  queryWeight: number,
  scores: Float64Array,
  covered: Float64Array,
  seen: Int32Array,
  seenCount: number,
): number {
  for (let i = 0; i < length; i++) {
    const v = data[i]!
    const slot = v >>> WEIGHT_BITS
    if (scores[slot] === 0) seen[seenCount++] = slot
    scores[slot]! += factor * (v & WEIGHT_MAX)
    covered[slot]! += queryWeight
  }
  return seenCount
}

/**
 * Coordination (an article with half the query's terms gets half its score) and the best variant
 * per article (synonyms never add up with the typed word); clears the per-variant sums.
 */
function keepBest(
  seen: Int32Array,
  seenCount: number,
  scores: Float64Array,
  covered: Float64Array,
  scale: number,
  best: Float64Array,
  touched: Int32Array,
  touchedCount: number,
): number {
  for (let k = 0; k < seenCount; k++) {
    const slot = seen[k]!
    const s = scores[slot]! * covered[slot]! * scale
    scores[slot] = 0
    covered[slot] = 0
    if (best[slot] === 0) touched[touchedCount++] = slot
    if (s > best[slot]!) best[slot] = s
  }
  return touchedCount
}

function sumOf(weights: Map<string, number>): number {
  let sum = 0
  for (const w of weights.values()) sum += w
  return sum
}

function ranksBefore(score: number, id: string, other: { doc: KbDocument; score: number }): boolean {
  return score > other.score || (score === other.score && id < other.doc.id)
}
