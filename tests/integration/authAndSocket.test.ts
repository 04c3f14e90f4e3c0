import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { getJson, postJson } from '../support/http'
import { startTestServer, type Backend, type TestServer } from '../support/syncServer'

const backends: Backend[] = ['sqlite', 'postgres']

function connect(url: string, token: string | undefined): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], auth: { token }, reconnection: false })
  return new Promise((resolve, reject) => {
    socket.on('connect', () => resolve(socket))
    socket.on('connect_error', (err) => {
      socket.close()
      reject(err)
    })
  })
}

describe.each(backends)('sync server on %s', (backend) => {
  let server: TestServer
  const sockets: Socket[] = []
  const login = (username: string, password = DEMO_PASSWORD) =>
    postJson(server.url, '/api/auth/login', { username, password })

  beforeAll(async () => {
    server = await startTestServer(backend)
  })
  afterAll(async () => {
    sockets.forEach((s) => s.close())
    await server?.stop()
  })

  it('reports health with its storage backend', async () => {
    const { status, json } = await getJson(server.url, '/health')
    expect(status).toBe(200)
    expect(json).toMatchObject({ status: 'ok', db: backend })
  })

  it('logs a demo agent in and answers /api/me with the access token', async () => {
    const { status, json } = await login('agent01')
    expect(status).toBe(200)
    expect(json.user).toMatchObject({ username: 'agent01', role: 'agent', displayName: '李娜' })
    const me = await getJson(server.url, '/api/me', json.accessToken)
    expect(me.json.id).toBe('u-agent01')
    expect((await getJson(server.url, '/api/me')).status).toBe(401)
    expect((await getJson(server.url, '/api/me', `${json.accessToken}x`)).status).toBe(401)
  })

  it('names the bad field when the login body is malformed', async () => {
    const { status, json } = await postJson(server.url, '/api/auth/login', { username: 'agent01', password: 42 })
    expect(status).toBe(400)
    expect(json.error).toMatchObject({ code: 'SCHEMA', field: 'password' })
  })

  it('locks the account on the 6th wrong password in a row, even for the right one', async () => {
    for (let i = 1; i <= 5; i++) {
      const { status, json } = await login('agent02', 'wrong-password')
      expect(status).toBe(401)
      expect(json.error.code).toBe('INVALID_CREDENTIALS')
    }
    const sixth = await login('agent02', 'wrong-password')
    expect(sixth.status).toBe(423)
    expect(sixth.json.error.code).toBe('LOCKED')
    expect(sixth.json.error.retryAfterSec).toBeGreaterThan(800)
    const right = await login('agent02')
    expect(right.json.error.code).toBe('LOCKED')
  })

  it('rotates refresh tokens: the old one cannot be used twice', async () => {
    const first = (await login('super01')).json
    const second = await postJson(server.url, '/api/auth/refresh', { refreshToken: first.refreshToken })
    expect(second.status).toBe(200)
    expect(second.json.refreshToken).not.toBe(first.refreshToken)
    const replay = await postJson(server.url, '/api/auth/refresh', { refreshToken: first.refreshToken })
    expect(replay.status).toBe(401)
    await postJson(server.url, '/api/auth/logout', { refreshToken: second.json.refreshToken })
    const afterLogout = await postJson(server.url, '/api/auth/refresh', { refreshToken: second.json.refreshToken })
    expect(afterLogout.status).toBe(401)
  })

  it('refuses a socket without a valid token and round-trips a ping with one', async () => {
    await expect(connect(server.url, undefined)).rejects.toThrow('UNAUTHENTICATED')
    await expect(connect(server.url, 'forged.token.value')).rejects.toThrow('UNAUTHENTICATED')
    const { json } = await login('agent01')
    const socket = await connect(server.url, json.accessToken)
    sockets.push(socket)
    const ack = await socket.emitWithAck('sync:ping', { sentAt: 1, payload: '你好' })
    expect(ack).toMatchObject({ ok: true, result: { payload: '你好', userId: 'u-agent01', sentAt: 1 } })
    const bad = await socket.emitWithAck('presence:set', { state: 'sleeping' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'SCHEMA', field: 'state' } })
  })

  it('shows a seat state change to a supervisor, and keeps other stores out of a front desk view', async () => {
    const agent = await connect(server.url, (await login('agent01')).json.accessToken)
    const supervisor = await connect(server.url, (await login('super01')).json.accessToken)
    const desk2 = await connect(server.url, (await login('desk02')).json.accessToken)
    const desk1 = await connect(server.url, (await login('desk01')).json.accessToken)
    sockets.push(agent, supervisor, desk2, desk1)
    const seen = new Promise((resolve) =>
      supervisor.on('presence:updates', (batch: { userId: string; state: string }[]) => {
        const p = batch.find((e) => e.userId === 'u-agent01' && e.state === 'ready')
        if (p) resolve(p)
      }),
    )
    // batches of one window flush together: once the supervisor has desk01's change, desk02 would have it too
    const deskSeen = new Promise((resolve) =>
      supervisor.on('presence:updates', (batch: { userId: string; state: string }[]) => {
        if (batch.some((e) => e.userId === 'u-desk01' && e.state === 'break')) resolve(true)
      }),
    )
    const leaked: unknown[] = []
    desk2.on('presence:updates', (batch: { userId: string }[]) => {
      leaked.push(...batch.filter((p) => p.userId === 'u-desk01'))
    })
    await agent.emitWithAck('presence:set', { state: 'ready' })
    await desk1.emitWithAck('presence:set', { state: 'break' })
    await expect(seen).resolves.toMatchObject({ displayName: '李娜', state: 'ready' })
    await deskSeen
    const list = await desk2.emitWithAck('presence:list', {})
    expect(list.ok).toBe(true)
    expect(list.result.every((p: { storeId: string | null }) => p.storeId === 'st-02')).toBe(true)
    expect(leaked).toEqual([])
  })

  it('publishes an OpenAPI document covering every contract route', async () => {
    const { json } = await getJson(server.url, '/openapi.json')
    expect(json.openapi).toBe('3.1.0')
    expect(Object.keys(json.paths)).toEqual(
      expect.arrayContaining(['/health', '/api/auth/login', '/api/auth/refresh', '/api/auth/logout', '/api/me']),
    )
    expect(json.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toContain(
      'password',
    )
  })
})
