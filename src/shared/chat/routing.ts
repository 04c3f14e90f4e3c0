import type { ChatIntent } from './intent'

/** The queue (skill) each intent is routed to; no intent yet → general enquiries. */
export const INTENT_QUEUE: Record<ChatIntent, string> = {
  咨询: '咨询',
  售后: '售后',
  进度查询: '售后',
  投诉: '投诉',
  预约: '咨询',
}
export const DEFAULT_QUEUE = '咨询'

export function queueFor(intent: ChatIntent | null): string {
  return intent ? INTENT_QUEUE[intent] : DEFAULT_QUEUE
}

/** A core customer counts as having waited this much longer. */
export const CORE_BOOST_SEC = 120
/** Beyond this wait, every further second counts double: a long wait overtakes newer core customers. */
export const LONG_WAIT_SEC = 180
/** Chats an agent handles at once unless the admin sets otherwise. */
export const DEFAULT_MAX_CHATS = 3
/** Average handling time of one chat, for the customer's wait estimate. */
export const AVG_HANDLE_SEC = 240

export interface QueuedChat {
  id: string
  queue: string
  queuedAt: number
  core: boolean
}

export interface AgentSlot {
  id: string
  skills: readonly string[]
  ready: boolean
  activeChats: number
  maxChats: number
  /** when the agent last finished or was given a chat (or became ready) */
  idleSince: number
}

export interface Assignment {
  conversationId: string
  agentId: string
}

/** How urgent a waiting chat is now: seconds waited, long waits doubled, core customers boosted. */
export function chatPriority(chat: QueuedChat, now: number): number {
  const waited = Math.max(0, (now - chat.queuedAt) / 1000)
  return waited + Math.max(0, waited - LONG_WAIT_SEC) + (chat.core ? CORE_BOOST_SEC : 0)
}

/** Waiting chats, most urgent first (equal urgency: earlier first, then by id). */
export function orderQueue<T extends QueuedChat>(chats: readonly T[], now: number): T[] {
  return [...chats].sort(
    (a, b) => chatPriority(b, now) - chatPriority(a, now) || a.queuedAt - b.queuedAt || a.id.localeCompare(b.id),
  )
}

/**
 * The agent for a chat of this skill: ready, with the skill, below their maximum; the most free
 * capacity first, then the longest idle, then by id. Null when nobody qualifies.
 */
export function pickAgent(agents: readonly AgentSlot[], skill: string): AgentSlot | null {
  let best: AgentSlot | null = null
  for (const a of agents) {
    if (!a.ready || a.activeChats >= a.maxChats || !a.skills.includes(skill)) continue
    if (best === null || isBetter(a, best)) best = a
  }
  return best
}

function isBetter(a: AgentSlot, b: AgentSlot): boolean {
  const free = a.maxChats - a.activeChats - (b.maxChats - b.activeChats)
  if (free !== 0) return free > 0
  if (a.idleSince !== b.idleSince) return a.idleSince < b.idleSince
  return a.id < b.id
}

/**
 * One routing round: the most urgent chats (over all queues) are offered first, each to the agent
 * pickAgent chooses; an agent given a chat has one less free slot and stops being idle. A chat
 * whose skill nobody can take now stays queued without holding up the others.
 */
export function routeChats(chats: readonly QueuedChat[], agents: readonly AgentSlot[], now: number): Assignment[] {
  const slots = agents.map((a) => ({ ...a }))
  const out: Assignment[] = []
  for (const chat of orderQueue(chats, now)) {
    const agent = pickAgent(slots, chat.queue)
    if (!agent) continue
    agent.activeChats += 1
    agent.idleSince = now
    out.push({ conversationId: chat.id, agentId: agent.id })
  }
  return out
}

/** The customer's estimated wait at this position, given the agents ready for the queue's skill. */
export function estimateWaitSec(position: number, readyAgents: number, maxChats = DEFAULT_MAX_CHATS): number {
  const seats = Math.max(1, readyAgents * maxChats)
  return Math.ceil(position / seats) * AVG_HANDLE_SEC
}
