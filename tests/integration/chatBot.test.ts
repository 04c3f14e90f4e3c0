import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSyncServer, type SyncServer } from '../../src/server/app'
import { ChatVisitor } from '../support/chatVisitor'
import { createTempDatabase, type TempDatabase } from '../support/postgres'
import { TEST_JWT_SECRET, type Backend } from '../support/syncServer'
import { waitFor } from '../support/waitFor'

describe.each<Backend>(['sqlite', 'postgres'])('customer chat: bot, progress, queue (%s)', (backend) => {
  let dataDir: string
  let pgDb: TempDatabase | null = null
  let server: SyncServer
  const visitors: ChatVisitor[] = []

  const start = () =>
    startSyncServer({ port: 0, dataDir, databaseUrl: pgDb?.url, jwtSecret: TEST_JWT_SECRET, logLevel: 'silent' })
  const visitor = async (token?: string) => {
    const v = await ChatVisitor.open(server.url, token)
    visitors.push(v)
    return v
  }
  const botReplies = (v: ChatVisitor) => v.messages.filter((m) => m.author === 'bot')

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sc-chat-'))
    pgDb = backend === 'postgres' ? await createTempDatabase() : null
    server = await start()
  }, 120_000)
  afterAll(async () => {
    for (const v of visitors) v.close()
    await server?.close()
    await pgDb?.drop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('greets a new visitor and answers a return question from a customer-facing article', async () => {
    const v = await visitor()
    expect(v.joined!.visitorToken).toMatch(/^v-[0-9a-f-]{36}\.[\w-]{43}$/)
    expect(v.joined!.state).toBe('bot')
    expect(v.joined!.messages.map((m) => m.author)).toEqual(['bot'])
    expect(v.joined!.messages[0]!.text).toContain('智能助手')

    const sent = await v.say('7天无理由退货吗？')
    expect(sent).toMatchObject({ duplicate: false, message: { author: 'visitor', seq: 2 } })
    const answer = await v.next((m) => m.data?.kind === 'kbAnswer', 'KB answer')
    expect(answer.data).toMatchObject({ kind: 'kbAnswer', title: '退货政策：7 天无理由退货' })
    expect(answer.text).toContain('7 天内')
    expect(answer.seq).toBe(3)
    // only customer-facing articles: nothing from the agents' internal ones
    const internal = await server.db.db
      .selectFrom('kb_articles')
      .select('id')
      .where('audience', '=', 'internal')
      .execute()
    expect(internal.map((a) => a.id)).not.toContain((answer.data as { articleId: string }).articleId)
  })

  it('asks to rephrase what the knowledge base cannot answer, then offers 转人工', async () => {
    const v = await visitor()
    await v.say('今天天气不错')
    await v.next((m) => m.author === 'bot' && m.text.includes('换个说法'), 'rephrase')
    await v.say('哈哈哈')
    const offer = await v.next((m) => m.data?.kind === 'offerHandoff', 'handoff offer')
    expect(offer.text).toContain('转人工')
  })

  it('answers 进度查询 with the order status for a service code and the last 4 phone digits', async () => {
    const order = await server.db.db
      .selectFrom('work_orders as wo')
      .innerJoin('customers as c', 'c.id', 'wo.customer_id')
      .select(['wo.service_code', 'wo.title', 'wo.status', 'c.phone_masked', 'c.id as customer_id'])
      .orderBy('wo.id')
      .executeTakeFirstOrThrow()
    const v = await visitor()
    await v.say('我的维修进度到哪了？')
    await v.next((m) => m.author === 'bot' && m.text.includes('8 位服务码'), 'asks for the code')
    await v.say(`服务码 ${order.service_code.toLowerCase()}`)
    await v.next((m) => m.author === 'bot' && m.text.includes('手机号后 4 位'), 'asks for the digits')
    await v.say(`尾号 ${order.phone_masked.slice(-4)}`)
    const reply = await v.next((m) => m.data?.kind === 'progress', 'progress reply')
    expect(reply.data).toEqual({ kind: 'progress', serviceCode: order.service_code, status: order.status })
    expect(reply.text).toContain(order.title)
    const conv = await server.db.db
      .selectFrom('chat_conversations')
      .select(['customer_id', 'intent'])
      .where('id', '=', v.joined!.conversationId)
      .executeTakeFirstOrThrow()
    expect(conv).toEqual({ customer_id: order.customer_id, intent: '进度查询' })

    const wrong = await visitor()
    const other = String((Number(order.phone_masked.slice(-4)) + 1) % 10_000).padStart(4, '0')
    await wrong.say(`${order.service_code} ${other}`)
    const refused = await wrong.next((m) => m.author === 'bot' && m.text.includes('不正确'), 'no match')
    expect(refused.text).not.toContain(order.title)
  })

  it('转人工 puts the conversation in its skill queue with a position, and tells everyone waiting', async () => {
    const first = await visitor()
    await first.say('冰箱坏了，不制冷')
    await first.next((m) => m.author === 'bot' && m.seq >= 3, 'bot reply')
    const queued = await first.call('chat:handoff', {})
    expect(queued).toMatchObject({ ok: true, result: { state: 'queued', queue: '售后', position: 1 } })
    const notice = await first.next((m) => m.data?.kind === 'queued', 'queued notice')
    expect(notice).toMatchObject({ author: 'system', data: { kind: 'queued', queue: '售后' } })
    expect(notice.text).toContain('排第 1 位')

    const second = await visitor()
    await second.say('洗衣机漏水要维修')
    await second.say('转人工')
    await second.next((m) => m.data?.kind === 'queued', 'second queued')
    await waitForQueue(second, 2)
    // the visitor who was first hears their (unchanged) place too
    expect(first.queue.at(-1)).toMatchObject({ position: 1, queue: '售后' })
    // a queued visitor's messages wait for the agent: the bot stays quiet
    const before = botReplies(second).length
    await second.say('还要等多久')
    await new Promise((r) => setTimeout(r, 300))
    expect(botReplies(second).length).toBe(before)
    const again = await second.call('chat:handoff', {})
    expect(again).toMatchObject({ ok: true, result: { position: 2 } })
  })

  it('stores a resent message once, also from a new connection after a drop', async () => {
    const v = await visitor()
    const id = 'resend-0001-abcdef'
    const a = await v.say('空调遥控器失灵了', id)
    v.close()
    const back = await visitor(v.joined!.visitorToken)
    expect(back.joined!.conversationId).toBe(v.joined!.conversationId)
    const b = await back.say('空调遥控器失灵了', id)
    expect(b).toEqual({ message: a.message, duplicate: true })
    const [c, d] = await Promise.all([back.say('并发重发', 'race-000000001'), back.say('并发重发', 'race-000000001')])
    expect(c.message.id).toBe(d.message.id)
    const rows = await server.db.db
      .selectFrom('chat_messages')
      .select(['client_id'])
      .where('conversation_id', '=', v.joined!.conversationId)
      .where('author', '=', 'visitor')
      .orderBy('seq')
      .execute()
    expect(rows.map((r) => r.client_id)).toEqual([id, 'race-000000001'])
  })

  it('refuses oversized, malformed and flooding input with a clear error, without slowing others', async () => {
    const v = await visitor()
    const big = await v.call('chat:send', { clientMessageId: 'big-00000001', text: 'a'.repeat(100 * 1024) })
    expect(big).toMatchObject({ ok: false, error: { code: 'SCHEMA' } })
    const broken = await v.call('chat:send', { clientMessageId: 'bad-00000001', text: 'x\uD800y' })
    expect(broken).toMatchObject({ ok: false, error: { code: 'SCHEMA', field: 'text' } })
    const noJoin = await ChatVisitor.open(server.url)
    visitors.push(noJoin)
    const flood = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        v.call('chat:send', { clientMessageId: `flood-${i}-xxxx`, text: `刷屏 ${i}` }),
      ),
    )
    const limited = flood.filter((r) => !r.ok)
    expect(limited.length).toBeGreaterThanOrEqual(20)
    expect(limited[0]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    const started = Date.now()
    await noJoin.say('请问积分会过期吗')
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('keeps every message and the queue across a server restart', async () => {
    const v = await visitor()
    await v.say('我要投诉，师傅态度太差了')
    await v.next((m) => m.author === 'bot' && m.seq >= 3, 'bot reply')
    await v.call('chat:handoff', {})
    await v.next((m) => m.data?.kind === 'queued', 'queued')
    const rejoined = await v.call('chat:join', { visitorToken: v.joined!.visitorToken })
    if (!rejoined.ok) throw new Error(rejoined.error.message)
    const before = rejoined.result as { messages: unknown[] }
    for (const x of visitors.splice(0)) x.close()
    await server.close()
    server = await start()
    const back = await visitor(v.joined!.visitorToken)
    expect(back.joined!.conversationId).toBe(v.joined!.conversationId)
    expect(back.joined!.messages).toEqual(before.messages)
    expect(back.joined!.queue).toMatchObject({ state: 'queued', queue: '投诉', position: 1 })
  })
})

async function waitForQueue(v: ChatVisitor, position: number) {
  await waitFor(`queue position ${position}`, () => v.queue.some((s) => s.position === position))
}
