import { normalizeChinese, toSimplified } from '../text/chineseText'

/** Search form of a text: NFKC width folding, Traditional → Simplified, lower case. */
export function normalizeForSearch(text: string): string {
  return normalizeChinese(text).toLowerCase()
}

/**
 * The search form of `text` with, for every UTF-16 unit of the result, the offset in `text` it
 * came from, so matches found in the search form can be highlighted in the original. Width and
 * case are folded per character; Traditional → Simplified runs once over the whole string and is
 * mapped 1:1 when it keeps the length (it does for characters; phrase rules that change the
 * length fall back to the unconverted character).
 */
export function normalizeWithOffsets(text: string): { norm: string; origin: number[] } {
  let folded = ''
  const origin: number[] = []
  let i = 0
  for (const ch of text) {
    const f = ch.normalize('NFKC').toLowerCase()
    folded += f
    for (let k = 0; k < f.length; k++) origin.push(i)
    i += ch.length
  }
  origin.push(text.length)
  const converted = toSimplified(folded)
  return { norm: converted.length === folded.length ? converted : convertCharWise(folded), origin }
}

function convertCharWise(folded: string): string {
  let out = ''
  for (const c of folded) {
    const s = toSimplified(c)
    out += s.length === c.length ? s : c
  }
  return out
}
