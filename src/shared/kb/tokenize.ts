/**
 * Tokens of an already normalised text (see normalize.ts).
 *
 * Chinese is indexed as overlapping character bigrams plus single characters: a 2-character word
 * such as 售后 is exactly one bigram, longer words and phrases are runs of bigrams, and no
 * dictionary decides where words end (a segmenter splits 扫码枪 differently in different
 * sentences, and any word it does not know is lost). Latin letters and digits form words; a model
 * number such as kfr-35gw also yields its joined form (kfr35gw), its parts (kfr, 35gw) and the
 * letter/digit pieces of each part (35, gw), so KFR35GW, KFR-35GW and 35GW all meet.
 */
const RUN =
  /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+)|([\p{N}\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]+(?:[-_./][\p{N}\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]+)*)/gu

export type Run = { kind: 'cjk'; text: string } | { kind: 'latin'; text: string }

/** The Chinese and Latin runs of a normalised text, in order; everything else separates runs. */
export function runsOf(norm: string): Run[] {
  const runs: Run[] = []
  for (const m of norm.matchAll(RUN)) {
    if (m[1]) runs.push({ kind: 'cjk', text: m[1] })
    else if (m[2]) runs.push({ kind: 'latin', text: m[2] })
  }
  return runs
}

/** Characters of a Chinese run (code points, so rare characters outside the BMP stay whole). */
export function charsOf(run: string): string[] {
  return Array.from(run)
}

export function bigramsOf(chars: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!)
  return out
}

/** Words of a Latin run: the joined form, and for compounds the parts and their letter/digit pieces. */
export function latinTermsOf(run: string): string[] {
  const parts = run.split(/[-_./]/).filter(Boolean)
  const out = new Set<string>([parts.join('')])
  if (parts.length > 1) for (const p of parts) out.add(p)
  for (const p of parts) {
    const pieces = p.match(/\p{N}+|[^\p{N}]+/gu) ?? []
    // single letters or digits (the e and 1 of e1) match too much to be worth indexing
    if (pieces.length > 1) for (const piece of pieces) if (piece.length > 1) out.add(piece)
  }
  return [...out]
}

/** Every term of a normalised text with its count: what the index stores for one field. */
export function termCounts(norm: string): { counts: Map<string, number>; length: number } {
  const counts = new Map<string, number>()
  let length = 0
  const add = (t: string) => {
    counts.set(t, (counts.get(t) ?? 0) + 1)
    length++
  }
  for (const run of runsOf(norm)) {
    if (run.kind === 'latin') {
      for (const t of latinTermsOf(run.text)) add(t)
      continue
    }
    const chars = charsOf(run.text)
    for (const c of chars) add(c)
    for (const b of bigramsOf(chars)) add(b)
  }
  return { counts, length }
}
