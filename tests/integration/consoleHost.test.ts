import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startConsoleHost, type ConsoleHost } from '../../src/main/host/hostServer'
import { ConsoleService } from '../../src/main/services/consoleService'
import { FileTokenVault } from '../../src/main/services/tokenVault'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { startTestServer, type TestServer } from '../support/syncServer'

/** A WebSocket client speaking the console frame protocol, as the renderer does. */
async function openConsole(host: ConsoleHost, opts: { token?: string; origin?: string } = {}) {
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/console?t=${opts.token ?? host.token}`, {
    origin: opts.origin ?? host.origin,
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  let id = 0
  const events: { event: string; payload: any }[] = []
  ws.on('message', (d) => {
    const f = JSON.parse(String(d))
    if ('event' in f) events.push(f)
  })
  const call = (method: string, payload: unknown) =>
    new Promise<any>((resolve) => {
      const my = ++id
      const onMsg = (d: WebSocket.RawData) => {
        const f = JSON.parse(String(d))
        if (f.id === my) {
          ws.off('message', onMsg)
          resolve(f.reply)
        }
      }
      ws.on('message', onMsg)
      ws.send(JSON.stringify({ id: my, method, payload }))
    })
  return { ws, call, events }
}

describe('plain-Node console host over a real sync server', () => {
  let server: TestServer
  let host: ConsoleHost
  let service: ConsoleService
  let seatDir: string

  beforeAll(async () => {
    server = await startTestServer('sqlite')
    seatDir = await mkdtemp(join(tmpdir(), 'sc-seat-'))
    service = new ConsoleService({
      serverUrl: server.url,
      dataDir: seatDir,
      vault: new FileTokenVault(seatDir),
      shell: 'browser-host',
      version: 'test',
    })
    host = await startConsoleHost({ service, rendererDir: seatDir, port: 0 })
  })
  afterAll(async () => {
    service?.stop()
    await host?.close()
    await server?.stop()
    await rm(seatDir, { recursive: true, force: true })
  })

  it('refuses a connection without the token or from another origin', async () => {
    await expect(openConsole(host, { token: 'nope' })).rejects.toThrow(/403/)
    await expect(openConsole(host, { origin: 'http://evil.example' })).rejects.toThrow(/403/)
  })

  it('rejects malformed payloads with a schema error naming the field and keeps serving', async () => {
    const { call, ws } = await openConsole(host)
    const bad = await call('auth.login', { username: 'agent01', password: 12345 })
    expect(bad).toMatchObject({ ok: false, error: { code: 'SCHEMA', field: 'password' } })
    const unknownField = await call('settings.update', { locale: 'zh-CN', colour: 'red' })
    expect(unknownField.ok).toBe(false)
    expect(unknownField.error.code).toBe('SCHEMA')
    const badLocale = await call('settings.update', { locale: 'fr' })
    expect(badLocale.error).toMatchObject({ code: 'SCHEMA', field: 'locale' })
    const unknown = await call('system.exec', { cmd: 'rm -rf /' })
    expect(unknown.error).toMatchObject({ code: 'SCHEMA', field: 'method' })
    ws.send('not json at all')
    await new Promise((r) => ws.once('close', r))
    // the host is still up: a new connection works
    const again = await openConsole(host)
    expect((await again.call('app.info', {})).result).toMatchObject({ shell: 'browser-host', tokenStorage: 'file' })
    again.ws.close()
  })

  it('persists settings across a service restart', async () => {
    const { call, ws } = await openConsole(host)
    expect((await call('settings.update', { locale: 'en', theme: 'dark' })).result).toMatchObject({ locale: 'en' })
    ws.close()
    const fresh = new ConsoleService({
      serverUrl: server.url,
      dataDir: seatDir,
      vault: new FileTokenVault(seatDir),
      shell: 'browser-host',
      version: 'test',
    })
    expect(await fresh.dispatch('settings.get', {})).toMatchObject({
      ok: true,
      result: { locale: 'en', theme: 'dark' },
    })
  })

  it('logs in, pings the sync server through the seat socket and restores the session after restart', async () => {
    const { call, ws, events } = await openConsole(host)
    const wrong = await call('auth.login', { username: 'agent01', password: 'bad' })
    expect(wrong.error.code).toBe('INVALID_CREDENTIALS')
    const ok = await call('auth.login', { username: 'agent01', password: DEMO_PASSWORD })
    expect(ok.result.user.displayName).toBe('李娜')
    expect((await stat(join(seatDir, 'refresh-token'))).mode & 0o777).toBe(0o600)
    await expect.poll(() => events.some((e) => e.event === 'sync.status' && e.payload.connected)).toBe(true)
    const ping = await call('sync.ping', { payload: 'round-trip' })
    expect(ping.result).toMatchObject({ payload: 'round-trip', userId: 'u-agent01' })
    const state = await call('presence.set', { state: 'ready' })
    expect(state.result).toMatchObject({ userId: 'u-agent01', state: 'ready' })
    ws.close()

    const restarted = new ConsoleService({
      serverUrl: server.url,
      dataDir: seatDir,
      vault: new FileTokenVault(seatDir),
      shell: 'browser-host',
      version: 'test',
    })
    const restored = await restarted.dispatch('auth.restore', {})
    expect(restored).toMatchObject({ ok: true, result: { user: { username: 'agent01' } } })
    await restarted.dispatch('auth.logout', {})
    expect(await restarted.dispatch('auth.restore', {})).toEqual({ ok: true, result: null })
    restarted.stop()
  })
})
