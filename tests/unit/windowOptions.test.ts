import { describe, expect, it } from 'vitest'
import { consoleWindowOptions, isTrustedUrl } from '../../src/main/windowOptions'

describe('console window options', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, no webview', () => {
    const prefs = consoleWindowOptions('/app/preload/index.cjs').webPreferences!
    expect(prefs).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    })
  })
  it('shows the console icon in the task bar when given one', () => {
    expect(consoleWindowOptions('/app/preload/index.cjs', '/app/resources/icon.png').icon).toBe(
      '/app/resources/icon.png',
    )
    expect(consoleWindowOptions('/app/preload/index.cjs')).not.toHaveProperty('icon')
  })
})

describe('trusted URL check for IPC senders and navigation', () => {
  const file = 'file:///opt/console/resources/app/out/renderer/index.html'
  it('accepts only the console page itself for file URLs', () => {
    expect(isTrustedUrl(`${file}#/workbench`, file)).toBe(true)
    expect(isTrustedUrl('file:///tmp/evil.html', file)).toBe(false)
    expect(isTrustedUrl('https://evil.example/', file)).toBe(false)
    expect(isTrustedUrl(undefined, file)).toBe(false)
    expect(isTrustedUrl('not a url', file)).toBe(false)
  })
  it('compares origins for the dev server', () => {
    expect(isTrustedUrl('http://localhost:5173/#/kb', 'http://localhost:5173/')).toBe(true)
    expect(isTrustedUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
  })
})
