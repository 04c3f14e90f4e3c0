import { Calendar, Present, TrendCharts, Tools, WarningFilled } from '@element-plus/icons-vue'
import type { Component } from 'vue'
import type { Hint, RfmSegment, Tier } from '../../../shared/domain/customerInsights'
import type { TagType } from './tags'

/** Core customers stand out in gold; the others stay quiet. */
export const TIER_TAG: Record<Tier, { type: TagType; effect: 'dark' | 'light' }> = {
  core: { type: 'warning', effect: 'dark' },
  potential: { type: 'primary', effect: 'light' },
  basic: { type: 'info', effect: 'light' },
}

export const SEGMENT_TAG: Record<RfmSegment, TagType> = {
  core_value: 'success',
  potential: 'primary',
  churn_risk: 'danger',
  none: 'info',
}

/** Hints are what the agent must see before saying hello: each kind its own colour and icon. */
export const HINT_STYLE: Record<Hint['kind'], { type: TagType; icon: Component }> = {
  birthday: { type: 'success', icon: Present },
  warranty_due: { type: 'primary', icon: Tools },
  recent_complaint: { type: 'danger', icon: WarningFilled },
  churn_risk: { type: 'warning', icon: TrendCharts },
}

/** The icon shown before the birthday on the profile. */
export const BIRTHDAY_ICON = Calendar

/** warranty_due details are "product|YYYY-MM-DD"; the product name may itself hold a "|". */
export function splitWarranty(detail: string): { product: string; date: string } {
  const cut = detail.lastIndexOf('|')
  return cut < 0 ? { product: detail, date: '' } : { product: detail.slice(0, cut), date: detail.slice(cut + 1) }
}

/** 13812345678 → "138 1234 5678" for reading aloud; other numbers as they are. */
export function groupPhone(national: string): string {
  return /^1\d{10}$/.test(national) ? `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}` : national
}
