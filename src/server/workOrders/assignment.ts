import type { CustomerRecord } from '../../shared/domain/records'
import { skillFits } from '../../shared/workOrders/skillFit'

export interface AgentProfile {
  id: string
  /** null: a call-center agent who serves every store */
  storeId: string | null
  skills: readonly string[]
  capacity: number
  senior: boolean
}

export interface AssignmentRequest {
  type: string
  /** title and description: skills named there count ("空调" for 空调维修) */
  text: string
  storeId: string
  customerTier: CustomerRecord['tier']
  /** the customer's dedicated advisor, if any */
  advisorId: string | null
}

export interface AssignmentDecision {
  agentId: string
  /** shown beside the assignee: "技能匹配: 空调维修; 当前负载 3/8" */
  reason: string
}

/**
 * Chooses the assignee of a new work order (W3) from an in-memory directory: agents by skill,
 * and each agent's open-order count. A decision looks only at the agents holding a fitting skill
 * (all eligible agents when nobody does), so it costs microseconds however many orders are open.
 * Preference: the core customer's dedicated advisor; then fitting skills; for core customers
 * senior advisors; then the lowest load relative to capacity. Agents at capacity or of another
 * store are never chosen.
 */
export class Assigner {
  private readonly bySkill = new Map<string, AgentProfile[]>()
  private readonly byId = new Map<string, AgentProfile>()

  constructor(
    agents: readonly AgentProfile[],
    private readonly loads: Map<string, number>,
  ) {
    for (const a of agents) {
      this.byId.set(a.id, a)
      for (const s of a.skills) {
        let list = this.bySkill.get(s)
        if (!list) this.bySkill.set(s, (list = []))
        list.push(a)
      }
    }
  }

  loadOf(agentId: string): number {
    return this.loads.get(agentId) ?? 0
  }

  noteAssigned(agentId: string): void {
    this.loads.set(agentId, this.loadOf(agentId) + 1)
  }

  choose(req: AssignmentRequest): AssignmentDecision | null {
    const eligible = (a: AgentProfile) =>
      (a.storeId === null || a.storeId === req.storeId) && this.loadOf(a.id) < a.capacity
    const loadText = (a: AgentProfile) => `当前负载 ${this.loadOf(a.id)}/${a.capacity}`

    const advisor = req.advisorId ? this.byId.get(req.advisorId) : undefined
    if (req.customerTier === 'core' && advisor && eligible(advisor)) {
      return { agentId: advisor.id, reason: `专属顾问; ${loadText(advisor)}` }
    }
    const fitting = new Map<AgentProfile, string[]>()
    for (const [skill, agents] of this.bySkill) {
      if (!skillFits(skill, req.type, req.text)) continue
      for (const a of agents) if (eligible(a)) fitting.set(a, [...(fitting.get(a) ?? []), skill])
    }
    const pool = fitting.size > 0 ? [...fitting.keys()] : [...this.byId.values()].filter(eligible)
    const preferSenior = req.customerTier === 'core'
    let best: AgentProfile | null = null
    let bestKey: number[] = []
    for (const a of pool) {
      // compared left to right, lower wins
      const key = [
        -(fitting.get(a)?.length ?? 0),
        preferSenior && a.senior ? 0 : 1,
        this.loadOf(a.id) / a.capacity,
        this.loadOf(a.id),
      ]
      if (!best || lexLess(key, bestKey) || (lexEqual(key, bestKey) && a.id < best.id)) {
        best = a
        bestKey = key
      }
    }
    if (!best) return null
    const parts = [fitting.has(best) ? `技能匹配: ${fitting.get(best)!.join('、')}` : '无匹配技能, 负载最低']
    if (preferSenior && best.senior) parts.push('核心客户: 资深顾问')
    parts.push(loadText(best))
    return { agentId: best.id, reason: parts.join('; ') }
  }
}

function lexLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!
  return false
}

function lexEqual(a: number[], b: number[]): boolean {
  return a.every((v, i) => v === b[i])
}
