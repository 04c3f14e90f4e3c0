import type { CustomerRecord } from '../domain/records'
import type { Priority, WorkOrderType } from './slaPolicy'

/** Words that make an order urgent (A): safety, escalation threats, "right now". */
const URGENT = [
  '紧急',
  '加急',
  '马上',
  '立刻',
  '立即',
  '漏电',
  '冒烟',
  '起火',
  '着火',
  '爆炸',
  '受伤',
  '安全隐患',
  '12315',
  '曝光',
  '媒体',
  '律师',
  '起诉',
]
/** Words that make it important (B): repeated failures, a product that cannot be used, "soon". */
const IMPORTANT = [
  '尽快',
  '着急',
  '急需',
  '多次',
  '反复',
  '一直',
  '还没',
  '漏水',
  '不制冷',
  '不制热',
  '坏了',
  '无法使用',
  '不能用',
  '退款',
]

/** rank 1 C, 2 B, 3 A */
const BY_RANK: Priority[] = ['C', 'C', 'B', 'A']

export interface PrioritySuggestion {
  priority: Priority
  /** the reasons, as the agent sees them: "类型: 投诉 → B; 紧急词: 漏电 → A; 核心客户: 提升一级" */
  reason: string
}

/**
 * The priority an order should get (W1): complaints start at B, everything else at C; urgency
 * words in the title or description lift it to B or A; a core customer's order goes one level
 * higher. The agent may override it; the reason is kept with the order.
 */
export function suggestPriority(input: {
  type: WorkOrderType
  tier: CustomerRecord['tier']
  text: string
}): PrioritySuggestion {
  const reasons: string[] = []
  let rank = input.type === '投诉' ? 2 : 1
  if (rank === 2) reasons.push(`类型: ${input.type} → B`)
  const urgent = URGENT.filter((w) => input.text.includes(w))
  const important = IMPORTANT.filter((w) => input.text.includes(w))
  if (urgent.length > 0) {
    rank = 3
    reasons.push(`紧急词: ${urgent.join('、')} → A`)
  } else if (important.length > 0 && rank < 2) {
    rank = 2
    reasons.push(`急迫词: ${important.join('、')} → B`)
  }
  if (input.tier === 'core' && rank < 3) {
    rank++
    reasons.push('核心客户: 提升一级')
  }
  const priority = BY_RANK[rank]!
  if (reasons.length === 0) reasons.push('无紧急信号 → C')
  return { priority, reason: reasons.join('; ') }
}
