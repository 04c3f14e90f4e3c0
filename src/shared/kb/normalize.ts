import { toSimplified } from '../text/chineseText'

/**
 * Traditional → Simplified one character at a time, memoised: OpenCC's phrase tables are far too
 * slow for indexing 100,000 articles (about 2 µs a character), and for search only consistency
 * matters — index, query and highlights all go through this same function.
 */
const simplified = new Map<string, string>()

function simplifyChar(c: string): string {
  let s = simplified.get(c)
  if (s === undefined) {
    const t = toSimplified(c)
    s = t.length === c.length ? t : c
    simplified.set(c, s)
  }
  return s
}

/** One character's search form: NFKC width folding, lower case, Simplified. */
function foldChar(ch: string): string {
  if (ch.charCodeAt(0) < 0x80) return ch.toLowerCase()
  let out = ''
  for (const c of ch.normalize('NFKC').toLowerCase()) out += c.charCodeAt(0) < 0x80 ? c : simplifyChar(c)
  return out
}

/** Search form of a text: NFKC width folding (全角 → half width), Traditional → Simplified, lower case. */
export function normalizeForSearch(text: string): string {
  let out = ''
  for (const ch of text) out += foldChar(ch)
  return out
}

/**
 * The search form of `text` with, for every UTF-16 unit of the result, the offset in `text` it
 * came from (plus one entry for the end), so matches found in the search form can be highlighted
 * in the original.
 */
export function normalizeWithOffsets(text: string): { norm: string; origin: number[] } {
  let norm = ''
  const origin: number[] = []
  let i = 0
  for (const ch of text) {
    const f = foldChar(ch)
    norm += f
    for (let k = 0; k < f.length; k++) origin.push(i)
    i += ch.length
  }
  origin.push(text.length)
  return { norm, origin }
}
