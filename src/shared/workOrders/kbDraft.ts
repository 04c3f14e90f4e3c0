import { z } from 'zod'
import type { KbArticleInput } from '../domain/kb'
import type { WorkOrderRecord } from '../domain/records'
import type { WorkOrderActivity } from './activity'
import type { WorkOrderType } from './slaPolicy'

export const KbDraftResult = z.object({
  articleId: z.string(),
  /** false: the order already had a draft; it is returned untouched (an editor may have changed it) */
  created: z.boolean(),
})
export type KbDraftResult = z.infer<typeof KbDraftResult>

/** The knowledge-base category an order of each type becomes (the seeded corpus's categories). */
export const KB_CATEGORY_OF_TYPE: Readonly<Record<WorkOrderType, string>> = {
  咨询: '产品咨询',
  售后: '售后政策',
  维修: '维修指引',
  退换货: '售后政策',
  投诉: '服务规范',
  建议: '服务规范',
  表扬: '服务规范',
}

/** How many of the latest progress updates describe the solution; earlier ones describe the problem. */
export const SOLUTION_UPDATES = 3

/** The draft's id: one per order, so asking twice finds the first draft. */
export const kbDraftId = (order: Pick<WorkOrderRecord, 'serviceCode'>) => `wo-${order.serviceCode}`

/**
 * A resolved order's problem and solution as a KB draft (W7). Only what the customer was told goes
 * in (the description and the customer-visible progress updates, the follow-up note): internal
 * notes may name colleagues or hold personal details, so they stay out.
 */
export function kbDraftFromOrder(order: WorkOrderRecord, activity: readonly WorkOrderActivity[]): KbArticleInput {
  const updates = activity.filter((e) => e.kind === 'progress' && e.visibility === 'customer').map((e) => e.body)
  const split = Math.max(0, updates.length - SOLUTION_UPDATES)
  const followUp = order.closure?.by === 'followUp' ? order.closure.note.trim() : ''
  const bullets = (lines: readonly string[]) => lines.map((l) => `- ${l.replace(/\s*\n\s*/g, ' ')}`)
  const problem = [order.description.trim() || order.title, ...bullets(updates.slice(0, split))]
  const solution = [...bullets(updates.slice(split)), ...(followUp ? ['', `回访: ${followUp}`] : [])]
  const body = [
    '## 问题',
    '',
    ...problem,
    '',
    '## 解决方案',
    '',
    ...(solution.length > 0 ? solution : ['（待补充）']),
    '',
    `> 来自工单 ${order.serviceCode}（${order.type}）`,
  ].join('\n')
  const type = order.type as WorkOrderType
  return {
    id: kbDraftId(order),
    title: order.title,
    category: KB_CATEGORY_OF_TYPE[type] ?? order.type,
    tags: [...new Set([order.type, '工单沉淀'])],
    synonyms: [],
    audience: 'internal',
    status: 'draft',
    body,
  }
}
