import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, session, shell } from 'electron'
import { bridgeIpc } from './electron/ipcBridge'
import { createSafeStorageVault } from './electron/safeStorageVault'
import { ConsoleService } from './services/consoleService'
import { consoleWindowOptions, isTrustedUrl } from './windowOptions'

/** Electron glue only: window, guards, IPC. The services are plain Node (src/main/services). */
if (!app.requestSingleInstanceLock()) app.quit()

const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href

async function createWindow(service: ConsoleService): Promise<void> {
  const win = new BrowserWindow(
    // resources/ is copied next to out/ by electron-builder (see electron-builder.yml)
    consoleWindowOptions(join(__dirname, '../preload/index.cjs'), join(__dirname, '../../resources/icon.png')),
  )
  const unbridge = bridgeIpc(service, win, rendererUrl)
  win.on('closed', unbridge)
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url, rendererUrl)) event.preventDefault()
  })
  win.once('ready-to-show', () => win.show())
  await win.loadURL(rendererUrl)
}

void app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback) => {
    const own = isTrustedUrl(wc.getURL(), rendererUrl)
    callback(own && (permission === 'media' || permission === 'notifications'))
  })
  const dataDir = app.getPath('userData')
  const service = new ConsoleService({
    serverUrl: process.env.SERVER_URL ?? 'http://127.0.0.1:4870',
    dataDir,
    vault: createSafeStorageVault(dataDir),
    shell: 'electron',
    version: app.getVersion(),
  })
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus())
  app.on('window-all-closed', () => {
    service.stop()
    app.quit()
  })
  await createWindow(service)
})
