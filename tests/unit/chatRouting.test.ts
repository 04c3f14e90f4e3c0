import { describe, expect, it } from 'vitest'
import {
  AVG_HANDLE_SEC,
  CORE_BOOST_SEC,
  estimateWaitSec,
  orderQueue,
  pickAgent,
  queueFor,
  routeChats,
  type AgentSlot,
  type QueuedChat,
} from '../../src/shared/chat/routing'

const NOW = 1_800_000_000_000
const ago = (sec: number) => NOW - sec * 1000
const chat = (id: string, queue: string, waitedSec: number, core = false): QueuedChat => ({
  id,
  queue,
  queuedAt: ago(waitedSec),
  core,
})
const agent = (id: string, over: Partial<AgentSlot> = {}): AgentSlot => ({
  id,
  skills: ['售后'],
  ready: true,
  activeChats: 0,
  maxChats: 3,
  idleSince: ago(60),
  ...over,
})

describe('chat queue order', () => {
  it('is first come, first served among equals', () => {
    const q = orderQueue([chat('b', '售后', 30), chat('a', '售后', 90), chat('c', '售后', 10)], NOW)
    expect(q.map((c) => c.id)).toEqual(['a', 'b', 'c'])
  })

  it('moves a core customer up by the boost, not past someone waiting much longer', () => {
    const q = orderQueue(
      [chat('long', '售后', CORE_BOOST_SEC + 60), chat('early', '售后', 60), chat('core', '售后', 5, true)],
      NOW,
    )
    expect(q.map((c) => c.id)).toEqual(['long', 'core', 'early'])
  })

  it('lets a long wait overtake a newer core customer', () => {
    // 200 s waited counts 220; a core customer waiting 90 s counts 210
    const q = orderQueue([chat('core', '售后', 90, true), chat('waiting', '售后', 200)], NOW)
    expect(q.map((c) => c.id)).toEqual(['waiting', 'core'])
  })
})

describe('picking the agent', () => {
  it('takes the agent with the skill and the most free capacity', () => {
    const picked = pickAgent(
      [agent('busy', { activeChats: 2 }), agent('free', { activeChats: 0 }), agent('other', { skills: ['咨询'] })],
      '售后',
    )
    expect(picked?.id).toBe('free')
  })

  it('breaks equal capacity by the longest idle', () => {
    const picked = pickAgent([agent('recent', { idleSince: ago(10) }), agent('idle', { idleSince: ago(600) })], '售后')
    expect(picked?.id).toBe('idle')
  })

  it('never picks an agent who is not ready, at capacity or without the skill', () => {
    expect(
      pickAgent(
        [agent('break', { ready: false }), agent('full', { activeChats: 3 }), agent('skill', { skills: ['投诉'] })],
        '售后',
      ),
    ).toBeNull()
  })
})

describe('a routing round', () => {
  it('offers the most urgent chats first and spreads them by free capacity', () => {
    const chats = [
      chat('c1', '售后', 100),
      chat('c2', '售后', 50),
      chat('c3', '售后', 10, true),
      chat('x', '投诉', 500),
    ]
    const agents = [agent('a', { idleSince: ago(300) }), agent('b', { activeChats: 1 })]
    const out = routeChats(chats, agents, NOW)
    // c3 (core: 130) before c1 (100) before c2. a has the most room; then a and b have 2 free
    // each and b has been idle longer; then a has more room again. Nobody has 投诉.
    expect(out).toEqual([
      { conversationId: 'c3', agentId: 'a' },
      { conversationId: 'c1', agentId: 'b' },
      { conversationId: 'c2', agentId: 'a' },
    ])
  })

  it('stops at capacity: what nobody can take stays queued', () => {
    const chats = [1, 2, 3, 4].map((i) => chat(`c${i}`, '售后', 100 - i))
    const out = routeChats(chats, [agent('a', { maxChats: 2, activeChats: 1 })], NOW)
    expect(out.map((a) => a.conversationId)).toEqual(['c1'])
  })
})

describe('queues and the wait estimate', () => {
  it('routes each intent to its skill queue', () => {
    expect(queueFor('售后')).toBe('售后')
    expect(queueFor('进度查询')).toBe('售后')
    expect(queueFor('投诉')).toBe('投诉')
    expect(queueFor('预约')).toBe('咨询')
    expect(queueFor(null)).toBe('咨询')
  })

  it('estimates the wait from the position and the ready agents', () => {
    expect(estimateWaitSec(1, 2)).toBe(AVG_HANDLE_SEC)
    expect(estimateWaitSec(7, 2)).toBe(2 * AVG_HANDLE_SEC)
    expect(estimateWaitSec(3, 0)).toBe(3 * AVG_HANDLE_SEC)
  })
})
