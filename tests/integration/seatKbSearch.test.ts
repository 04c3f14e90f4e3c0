import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { ServerCluster } from '../support/builtServers'
import { postJson } from '../support/http'
import { openSeat, type Seat } from '../support/seats'

const QUERIES = [
  '售后',
  '退貨',
  '掃碼槍',
  'KFR-35GW 不制冷',
  '退换货',
  '空调噪音',
  '发票抬头开错了',
  'wfii 电视',
  '保修',
]

describe('knowledge-base search from a seat, online and offline', () => {
  let cluster: ServerCluster
  let port: number
  let seat: Seat

  beforeAll(async () => {
    cluster = await ServerCluster.create('sqlite')
    const node = await cluster.start()
    port = node.port
    // a vote, so that the feedback tallies the seat copies matter to the order
    const { accessToken } = (
      await postJson(node.url, '/api/auth/login', { username: 'super01', password: DEMO_PASSWORD })
    ).json
    await postJson(node.url, '/api/kb/articles/kb-0078/feedback', { query: '空调噪音', helpful: true }, accessToken)
    seat = await openSeat(node.url, 'agent01')
  })
  afterAll(async () => {
    await seat?.close()
    await cluster?.close()
  })

  it('ranks offline from the cache exactly as the server does online', async () => {
    const online = new Map<string, { id: string; score: number }[]>()
    for (const q of QUERIES) {
      const res = await seat.call('kb.search', { q, limit: 10 })
      expect(res.source, q).toBe('server')
      expect(res.hits.length, q).toBeGreaterThan(0)
      online.set(
        q,
        res.hits.map((h) => ({ id: h.id, score: h.score })),
      )
    }
    expect(online.get('退貨')![0]!.id).toBe('kb-0001')

    await cluster.stop(port)
    await expect.poll(() => seat.service.sync.isConnected()).toBe(false)
    for (const q of QUERIES) {
      const res = await seat.call('kb.search', { q, limit: 10 })
      expect(res.source, q).toBe('cache')
      expect(
        res.hits.map((h) => ({ id: h.id, score: h.score })),
        q,
      ).toEqual(online.get(q))
    }
    // punctuation and query syntax stay harmless offline too
    expect((await seat.call('kb.search', { q: 'NEAR(' })).hits).toEqual([])
  })
})
