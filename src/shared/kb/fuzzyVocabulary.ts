/** Shortest Latin query word that may match with one typo, and shortest vocabulary word kept. */
export const FUZZY_MIN_QUERY = 4
const FUZZY_MIN_TERM = FUZZY_MIN_QUERY - 1

/** The word and every form of it with one character deleted. */
function deletions(word: string): string[] {
  const out = [word]
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1))
  return out
}

/** Damerau–Levenshtein distance ≤ 1 (one insertion, deletion, substitution or swap of neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}

/**
 * The Latin words in the index, findable within one typo (symmetric-delete lookup: a word and a
 * typo of it share a one-deletion form, so a query costs a few map lookups, not a vocabulary scan).
 */
export class FuzzyVocabulary {
  private readonly byDeletion = new Map<string, Set<string>>()

  add(word: string): void {
    if (word.length < FUZZY_MIN_TERM || !/^[a-z]/.test(word)) return
    for (const d of deletions(word)) {
      let set = this.byDeletion.get(d)
      if (!set) this.byDeletion.set(d, (set = new Set()))
      set.add(word)
    }
  }

  delete(word: string): void {
    for (const d of deletions(word)) {
      const set = this.byDeletion.get(d)
      if (!set) continue
      set.delete(word)
      if (set.size === 0) this.byDeletion.delete(d)
    }
  }

  /** Indexed words one edit away from `word` (not the word itself), sorted for determinism. */
  near(word: string): string[] {
    if (word.length < FUZZY_MIN_QUERY || !/^[a-z]/.test(word)) return []
    const found = new Set<string>()
    for (const d of deletions(word)) {
      for (const w of this.byDeletion.get(d) ?? []) if (w !== word && withinOneEdit(w, word)) found.add(w)
    }
    return [...found].sort()
  }
}
