import { describe, expect, it } from 'vitest'
import { Assigner, type AgentProfile } from '../../src/server/workOrders/assignment'

const agent = (id: string, skills: string[], extra: Partial<AgentProfile> = {}): AgentProfile => ({
  id,
  storeId: null,
  skills,
  capacity: 8,
  senior: false,
  ...extra,
})
const order = { type: '维修', text: '空调不制冷', storeId: 'st-01', customerTier: 'basic' as const, advisorId: null }

describe('work-order assignment', () => {
  it('picks the fitting skill with the lowest load and says why', () => {
    const a = new Assigner(
      [agent('u-1', ['空调维修'], {}), agent('u-2', ['空调维修']), agent('u-3', ['咨询'])],
      new Map([
        ['u-1', 5],
        ['u-2', 3],
      ]),
    )
    expect(a.choose(order)).toEqual({ agentId: 'u-2', reason: '技能匹配: 空调维修; 当前负载 3/8' })
  })

  it('skips agents at capacity and front-desk staff of other stores', () => {
    const a = new Assigner(
      [
        agent('u-full', ['空调维修'], { capacity: 2 }),
        agent('u-desk2', ['空调维修'], { storeId: 'st-02' }),
        agent('u-desk1', ['售后'], { storeId: 'st-01' }),
      ],
      new Map([['u-full', 2]]),
    )
    expect(a.choose(order)).toEqual({ agentId: 'u-desk1', reason: '无匹配技能, 负载最低; 当前负载 0/8' })
    expect(a.choose({ ...order, storeId: 'st-03' })).toBeNull()
  })

  it('gives core customers their dedicated advisor, else a senior one', () => {
    const agents = [
      agent('u-jr', ['空调维修']),
      agent('u-sr', ['空调维修'], { senior: true }),
      agent('u-adv', ['咨询']),
    ]
    const loads = new Map([['u-sr', 6]])
    const a = new Assigner(agents, loads)
    expect(a.choose({ ...order, customerTier: 'core', advisorId: 'u-adv' })).toEqual({
      agentId: 'u-adv',
      reason: '专属顾问; 当前负载 0/8',
    })
    expect(a.choose({ ...order, customerTier: 'core' })).toEqual({
      agentId: 'u-sr',
      reason: '技能匹配: 空调维修; 核心客户: 资深顾问; 当前负载 6/8',
    })
    expect(a.choose(order)?.agentId).toBe('u-jr')
  })

  it('spreads consecutive orders as its own assignments raise the load', () => {
    const a = new Assigner([agent('u-1', ['维修']), agent('u-2', ['维修'])], new Map())
    const picks = []
    for (let i = 0; i < 4; i++) {
      const d = a.choose(order)!
      a.noteAssigned(d.agentId)
      picks.push(d.agentId)
    }
    expect(picks).toEqual(['u-1', 'u-2', 'u-1', 'u-2'])
  })
})
