import * as OpenCC from 'opencc-js/t2cn'

// OpenCC's Traditional → Simplified tables ('t' covers Taiwan and Hong Kong forms of characters).
const toCn = OpenCC.Converter({ from: 't', to: 'cn' })

/** Simplified Chinese, NFKC width-folded (全角 → half-width), trimmed, inner whitespace collapsed. */
export function normalizeChinese(s: string): string {
  return toCn(s.normalize('NFKC')).trim().replace(/\s+/g, ' ')
}

/** Traditional → Simplified only, keeping every other character (and the length, for characters). */
export function toSimplified(s: string): string {
  return toCn(s)
}
