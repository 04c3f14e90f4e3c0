import { contextBridge, ipcRenderer } from 'electron'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type ConsoleBridge } from '../shared/api/console'

/** Exposes the typed console API and nothing else. */
const bridge: ConsoleBridge = {
  invoke: (method, payload) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, payload),
  on: (event, listener) => {
    const handler = (_e: unknown, name: string, payload: unknown) => {
      if (name === event) listener(payload)
    }
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler)
    return () => ipcRenderer.off(IPC_EVENT_CHANNEL, handler)
  },
}
contextBridge.exposeInMainWorld('consoleApi', bridge)
