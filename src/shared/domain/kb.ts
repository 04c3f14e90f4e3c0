import { z } from 'zod'

/** Knowledge-base shapes shared by the server, the seat and the CLI. */
export const KbAudience = z.enum(['internal', 'customer'])
export type KbAudience = z.infer<typeof KbAudience>

/** draft → review → published; archived takes an article out of search without deleting it. */
export const KbStatus = z.enum(['draft', 'review', 'published', 'archived'])
export type KbStatus = z.infer<typeof KbStatus>

/** Which status changes an editor may make. */
export const KB_TRANSITIONS: Record<KbStatus, readonly KbStatus[]> = {
  draft: ['review', 'archived'],
  review: ['published', 'draft'],
  published: ['draft', 'archived'],
  archived: ['draft'],
}

const Word = z.string().trim().min(1).max(64)

/** What an editor writes; the id is chosen by the editor or the import file. */
export const KbArticleInput = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'id uses letters, digits, . _ - (at most 64)'),
  title: z.string().trim().min(1).max(256),
  category: z.string().trim().min(1).max(64),
  tags: z.array(Word).max(32).default([]),
  synonyms: z.array(Word).max(32).default([]),
  audience: KbAudience,
  status: KbStatus.default('draft'),
  body: z.string().max(200_000).trim().default(''),
})
export type KbArticleInput = z.output<typeof KbArticleInput>

/** A matched span [start, end) in `text` (UTF-16 offsets). */
export const KbHighlight = z.object({
  field: z.enum(['title', 'tags', 'body']),
  text: z.string(),
  spans: z.array(z.tuple([z.number().int(), z.number().int()])),
})
export type KbHighlight = z.infer<typeof KbHighlight>

export const KbHit = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  audience: KbAudience,
  score: z.number(),
  /** the feedback factor already in `score` (1 = no votes for similar queries) */
  feedbackBoost: z.number(),
  highlights: z.array(KbHighlight),
})
export type KbHit = z.infer<typeof KbHit>

export const KbSearchQuery = z.object({
  q: z.string().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  category: z.string().min(1).max(64).optional(),
  audience: KbAudience.optional(),
  status: KbStatus.default('published'),
})
export type KbSearchQuery = z.output<typeof KbSearchQuery>

export const KbFeedbackRequest = z.object({ query: z.string().trim().min(1).max(200), helpful: z.boolean() })

/** Helpful / not-helpful votes for one (query, article) pair, one vote per user. */
export const KbFeedbackTally = z.object({
  query: z.string(),
  articleId: z.string(),
  up: z.number().int().min(0),
  down: z.number().int().min(0),
})
export type KbFeedbackTally = z.infer<typeof KbFeedbackTally>

/** Everything besides the articles that ranking depends on: seats copy it for offline search. */
export const KbRankingData = z.object({
  synonyms: z.array(z.array(z.string())),
  feedback: z.array(KbFeedbackTally),
})
export type KbRankingData = z.infer<typeof KbRankingData>

/** One saved state of an article. */
export const KbVersion = KbArticleInput.extend({
  version: z.number().int(),
  savedAt: z.number(),
  savedBy: z.string().nullable(),
})
export type KbVersion = z.infer<typeof KbVersion>

/** What an import did, file by file. */
export const KbImportReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ file: z.string(), reason: z.string() })),
})
export type KbImportReport = z.infer<typeof KbImportReport>
