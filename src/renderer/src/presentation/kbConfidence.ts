/**
 * How sure a knowledge-base suggestion is, from the engine's score alone. The score is BM25F
 * relevance (title, tags and synonyms weigh more than the body) multiplied by the square of the
 * share of the query's words the article contains; it grows without bound with more and rarer
 * matched words. `1 − e^(−score / 4)` maps it onto 0–100 %: on the seeded knowledge base a
 * question whose words are in an article's title scores 5–7 (70–83 %), one shared 2-character
 * word about 2.4 (45 %), and a match on a few stray characters about 1 (22 %). It is a calibrated
 * scale, not a probability, and the raw score is shown beside it.
 */
export const CONFIDENCE_SCALE = 4

export type ConfidenceLevel = 'high' | 'medium' | 'low'

export function suggestionConfidence(score: number): { percent: number; level: ConfidenceLevel } {
  const percent = Math.round((1 - Math.exp(-Math.max(0, score) / CONFIDENCE_SCALE)) * 100)
  return { percent, level: percent >= 70 ? 'high' : percent >= 40 ? 'medium' : 'low' }
}
