import type { BrowserWindowConstructorOptions } from 'electron'

/**
 * The one place BrowserWindow options are made, so the security settings are unit-tested:
 * context isolation and the sandbox on, no Node in the renderer, no webview tags.
 */
export function consoleWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    ...(iconPath === undefined ? {} : { icon: iconPath }),
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: '一站式服务工作台',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  }
}

/** Whether an IPC message or navigation comes from the console's own page. */
export function isTrustedUrl(url: string | undefined, rendererUrl: string): boolean {
  if (!url) return false
  try {
    const actual = new URL(url)
    const expected = new URL(rendererUrl)
    if (expected.protocol === 'file:') return actual.protocol === 'file:' && actual.pathname === expected.pathname
    return actual.origin === expected.origin
  } catch {
    return false
  }
}
