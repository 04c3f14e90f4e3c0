import { z } from 'zod'
import { WorkOrderStatus } from '../domain/records'

/** How long a progress-page session lasts after a successful lookup. */
export const PORTAL_SESSION_MINUTES = 30

/** Failed lookups allowed per client address and per service code within the window. */
export const PORTAL_LOOKUP_LIMIT = { failures: 5, windowMinutes: 15 } as const

/** A service code as typed: spaces and dashes dropped, any case; 8 symbols of the code alphabet. */
const ServiceCodeInput = z
  .string()
  .max(32)
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[2-9A-HJ-NP-Z]{8}$/, 'a service code is 8 letters and digits'))

export const PortalLookupRequest = z
  .object({
    code: ServiceCodeInput,
    phoneLast4: z.string().regex(/^\d{4}$/, 'the last 4 digits of the phone number'),
  })
  .strict()
export type PortalLookupRequest = z.input<typeof PortalLookupRequest>

/** One customer-visible entry of the order's progress, newest last; no staff names. */
export const PortalEntry = z.object({
  id: z.string(),
  at: z.number(),
  kind: z.enum(['created', 'progress', 'status', 'report']),
  body: z.string(),
  /** for status entries */
  from: WorkOrderStatus.nullable(),
  to: WorkOrderStatus.nullable(),
})
export type PortalEntry = z.infer<typeof PortalEntry>

/** What the customer sees of an order: masked names only, the survey link while one is open. */
export const PortalView = z.object({
  serviceCode: z.string(),
  type: z.string(),
  title: z.string(),
  status: WorkOrderStatus,
  createdAt: z.number(),
  updatedAt: z.number(),
  storeName: z.string(),
  /** 王** */
  customerName: z.string(),
  /** 138****5678 */
  phoneMasked: z.string(),
  /** the handling agent's surname only: 李* */
  handlerName: z.string().nullable(),
  entries: z.array(PortalEntry),
  /** path of the open survey (/s/<token>), null when none is open */
  surveyPath: z.string().nullable(),
})
export type PortalView = z.infer<typeof PortalView>

export const PortalLookupResult = z.object({
  /** opaque; opens the live stream until it expires */
  token: z.string(),
  expiresAt: z.number(),
  view: PortalView,
})
export type PortalLookupResult = z.infer<typeof PortalLookupResult>

/** The 3-question satisfaction survey. */
export const SurveyAnswer = z
  .object({
    csat: z.number().int().min(1).max(5),
    nps: z.number().int().min(0).max(10),
    comment: z.string().trim().max(500).default(''),
  })
  .strict()
export type SurveyAnswer = z.output<typeof SurveyAnswer>

export const SurveyToken = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) })

/**
 * reopened: the order went back to in progress and the supervisors were told; flagged: the
 * supervisors were told (the order was already open again, or only the NPS was low); recorded.
 */
export const SurveyOutcome = z.enum(['reopened', 'flagged', 'recorded'])
export type SurveyOutcome = z.infer<typeof SurveyOutcome>

export const SurveyResult = z.object({ outcome: SurveyOutcome })

/**
 * The poor-score rule: CSAT ≤ 2 (dissatisfied with this service) reopens the order; an NPS
 * detractor (0–6) with an acceptable CSAT only flags it for the supervisor, since NPS is about
 * the brand rather than this order.
 */
export function surveyOutcome(a: Pick<SurveyAnswer, 'csat' | 'nps'>): SurveyOutcome {
  if (a.csat <= 2) return 'reopened'
  if (a.nps <= 6) return 'flagged'
  return 'recorded'
}
