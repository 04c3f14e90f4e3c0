import { z } from 'zod'

/**
 * Tier, RFM segment and hints for the 360 view, from a customer's purchases and service history.
 * Pure functions: the server computes them for the profile, the tests pin the rules.
 */
const DAY = 86_400_000

export const Tier = z.enum(['core', 'potential', 'basic'])
export type Tier = z.infer<typeof Tier>

export const RfmSegment = z.enum(['core_value', 'potential', 'churn_risk', 'none'])
export type RfmSegment = z.infer<typeof RfmSegment>

export interface PurchaseFact {
  amountCents: number
  at: number
}

/** Value tier: core = at least 5,000 CNY in the last 365 days (DESIGN §2), potential ≥ 1,500. */
export function tierOf(purchases: PurchaseFact[], now: number): Tier {
  const spend = purchases.filter((p) => p.at > now - 365 * DAY).reduce((s, p) => s + p.amountCents, 0) / 100
  return spend >= 5000 ? 'core' : spend >= 1500 ? 'potential' : 'basic'
}

export const RfmResult = z.object({
  segment: RfmSegment,
  recencyDays: z.number().nullable(),
  frequency: z.number(),
  monetary: z.number(),
  /** why, in figures a person can check: e.g. "近 365 天消费 ¥8,200 / 3 单，最近 12 天前" */
  reason: z.object({ recencyDays: z.number().nullable(), orders: z.number(), spend: z.number() }),
})
export type RfmResult = z.infer<typeof RfmResult>

/**
 * RFM over the last 365 days. 核心价值型: spent ≥ 5,000 and bought within 180 days.
 * 流失预警型: spent before but nothing for 180+ days. 潜力培育型: bought recently, below core.
 */
export function rfmOf(purchases: PurchaseFact[], now: number): RfmResult {
  const last = purchases.reduce((m, p) => Math.max(m, p.at), 0)
  const recencyDays = last ? Math.floor((now - last) / DAY) : null
  const year = purchases.filter((p) => p.at > now - 365 * DAY)
  const monetary = year.reduce((s, p) => s + p.amountCents, 0) / 100
  const frequency = year.length
  let segment: RfmSegment = 'none'
  if (recencyDays !== null) {
    if (recencyDays > 180) segment = 'churn_risk'
    else if (monetary >= 5000) segment = 'core_value'
    else segment = 'potential'
  }
  return { segment, recencyDays, frequency, monetary, reason: { recencyDays, orders: frequency, spend: monetary } }
}

export const HintKind = z.enum(['birthday', 'warranty_due', 'recent_complaint', 'churn_risk'])
export const Hint = z.object({ kind: HintKind, detail: z.string() })
export type Hint = z.infer<typeof Hint>

export interface HintInput {
  birthday: string | null
  purchases: (PurchaseFact & { product: string })[]
  complaints: { at: number; open: boolean }[]
  rfm: RfmResult
  now: number
}

/** What the agent should know before saying hello. Warranty: 1 year, flagged in its last 30 days. */
export function hintsOf(input: HintInput): Hint[] {
  const hints: Hint[] = []
  const today = new Date(input.now)
  if (input.birthday && Number(input.birthday.slice(5, 7)) === today.getUTCMonth() + 1) {
    hints.push({ kind: 'birthday', detail: input.birthday.slice(5) })
  }
  for (const p of input.purchases) {
    const ends = p.at + 365 * DAY
    if (ends > input.now && ends - input.now <= 30 * DAY) {
      hints.push({ kind: 'warranty_due', detail: `${p.product}|${new Date(ends).toISOString().slice(0, 10)}` })
    }
  }
  const recent = input.complaints.filter((c) => c.open || c.at > input.now - 30 * DAY)
  if (recent.length) hints.push({ kind: 'recent_complaint', detail: String(recent.length) })
  if (input.rfm.segment === 'churn_risk') hints.push({ kind: 'churn_risk', detail: String(input.rfm.recencyDays) })
  return hints
}
