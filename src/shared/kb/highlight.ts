import type { KbHighlight } from '../domain/kb'
import { normalizeWithOffsets } from './normalize'

/** Characters of body shown around the first match. */
const SNIPPET = 80
const LEAD = 16

/** Spans [start, end) of `text` covering every occurrence of the needles in its search form. */
export function matchSpans(text: string, needles: readonly string[]): [number, number][] {
  if (!text || needles.length === 0) return []
  const { norm, origin } = normalizeWithOffsets(text)
  const hit = new Uint8Array(norm.length)
  for (const needle of needles) {
    for (let at = norm.indexOf(needle); at >= 0; at = norm.indexOf(needle, at + 1)) {
      hit.fill(1, at, at + needle.length)
    }
  }
  const spans: [number, number][] = []
  for (let i = 0; i < norm.length; i++) {
    if (!hit[i]) continue
    let j = i
    while (j < norm.length && hit[j]) j++
    const start = origin[i]!
    const end = origin[j]!
    const last = spans.at(-1)
    // a model number's parts (KFR | 35GW) read as one match across the hyphen between them
    if (last && start - last[1] <= 1 && /^[-_./]?$/.test(text.slice(last[1], start))) last[1] = end
    else spans.push([start, end])
    i = j
  }
  return spans
}

/** Highlights for one hit: the title, matched tags, and a body snippet around the first match. */
export function highlightsOf(
  doc: { title: string; tags: readonly string[]; body: string },
  needles: readonly string[],
): KbHighlight[] {
  const out: KbHighlight[] = []
  const title = matchSpans(doc.title, needles)
  if (title.length) out.push({ field: 'title', text: doc.title, spans: title })
  const tagText = doc.tags.join(' ')
  const tags = matchSpans(tagText, needles)
  if (tags.length) out.push({ field: 'tags', text: tagText, spans: tags })
  const body = matchSpans(doc.body, needles)
  if (body.length) {
    const from = Math.max(0, body[0]![0] - LEAD)
    const to = Math.min(doc.body.length, from + SNIPPET)
    const spans = body.filter(([s, e]) => s >= from && e <= to).map(([s, e]): [number, number] => [s - from, e - from])
    out.push({ field: 'body', text: doc.body.slice(from, to), spans })
  }
  return out
}
