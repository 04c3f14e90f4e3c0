import { seededRandom, pick, intBetween } from '../../src/server/seed/random'
import {
  Assigner,
  type AgentProfile,
  type AssignmentDecision,
  type AssignmentRequest,
} from '../../src/server/workOrders/assignment'
import { row, type BenchRow } from '../table'
import { tails, time } from './tails'

const SKILLS = [
  '售后',
  '咨询',
  '投诉',
  '退换货',
  '空调维修',
  '冰箱维修',
  '洗衣机维修',
  '电视维修',
  '安装',
  '物流',
  '会员',
  '发票',
]
const TYPES = ['咨询', '售后', '维修', '退换货', '投诉', '建议', '表扬']
const TEXTS = ['空调不制冷', '冰箱噪音大', '洗衣机漏水', '电视黑屏', '发票开错', '物流太慢', '会员积分', '安装师傅迟到']
const STORES = Array.from({ length: 8 }, (_, i) => `st-0${i + 1}`)

interface OpenOrder {
  assigneeId: string
}

/**
 * The naive decision: count every open order's assignee, then rank every agent — what a
 * scheduler without a load index does for each new order.
 */
function naiveChoose(agents: AgentProfile[], orders: OpenOrder[], req: AssignmentRequest) {
  const loads = new Map<string, number>()
  for (const o of orders) loads.set(o.assigneeId, (loads.get(o.assigneeId) ?? 0) + 1)
  return new Assigner(agents, loads).choose(req)
}

/** Assignment decisions with OPEN open orders and AGENTS agents, indexed vs full scan. */
export function assignmentBench(openOrders: number, agentCount: number, samples: number): BenchRow {
  const rnd = seededRandom(6)
  const agents: AgentProfile[] = Array.from({ length: agentCount }, (_, i) => ({
    id: `u-${i}`,
    storeId: i % 10 === 0 ? pick(rnd, STORES) : null,
    skills: [pick(rnd, SKILLS), pick(rnd, SKILLS)],
    capacity: intBetween(rnd, 25, 40),
    senior: i % 5 === 0,
  }))
  const orders: OpenOrder[] = Array.from({ length: openOrders }, () => ({ assigneeId: pick(rnd, agents).id }))
  const loads = new Map<string, number>()
  for (const o of orders) loads.set(o.assigneeId, (loads.get(o.assigneeId) ?? 0) + 1)
  const indexed = new Assigner(agents, loads)

  const requests: AssignmentRequest[] = Array.from({ length: samples }, () => ({
    type: pick(rnd, TYPES),
    text: pick(rnd, TEXTS),
    storeId: pick(rnd, STORES),
    customerTier: pick(rnd, ['core', 'potential', 'basic', 'basic'] as const),
    advisorId: null,
  }))
  const fast: number[] = []
  const slow: number[] = []
  let agree = 0
  for (const req of requests) {
    const decided: (AssignmentDecision | null)[] = []
    fast.push(time(() => decided.push(indexed.choose(req))))
    slow.push(time(() => decided.push(naiveChoose(agents, orders, req))))
    const [a, b] = decided
    if (a?.agentId === b?.agentId) agree++
    if (a) {
      indexed.noteAssigned(a.agentId)
      orders.push({ assigneeId: a.agentId })
    }
  }
  const t = tails(fast)
  return {
    ...row(
      `assignment: ${openOrders.toLocaleString('en')} open orders, ${agentCount} agents (load index)`,
      'recount open orders + rank all agents',
      fast,
      slow,
    ),
    extra: {
      ...t,
      baselineP95Ms: tails(slow).p95Ms,
      sameDecision: `${agree}/${samples}`,
      'target p95<2ms': t.p95Ms < 2 ? 'met' : 'MISSED',
    },
  }
}
