import { ipcMain, type BrowserWindow } from 'electron'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type ConsoleReply } from '../../shared/api/console'
import type { ConsoleService } from '../services/consoleService'
import { isTrustedUrl } from '../windowOptions'

/** Carries the console API over IPC; every call checks it comes from our window and page. */
export function bridgeIpc(service: ConsoleService, win: BrowserWindow, rendererUrl: string): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, payload: unknown): Promise<ConsoleReply> => {
    if (event.sender !== win.webContents || !isTrustedUrl(event.senderFrame?.url, rendererUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'IPC sender is not the console window' } }
    }
    return service.dispatch(typeof method === 'string' ? method : '', payload)
  })
  const forward = (name: string, payload: unknown) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, name, payload)
  }
  service.on('event', forward)
  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL)
    service.off('event', forward)
  }
}
