// Sandboxed preload: exposes `window.cascade`, one typed method per IPC operation, and `on*`
// subscriptions that return an unsubscribe. It imports only the dependency-free contract.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { buildApi } from '../../shared/ipc/channels'
import type { Result } from '../../shared/ipc/result'

const api = buildApi(
  (channel, payload) => ipcRenderer.invoke(channel, payload) as Promise<Result<unknown>>,
  (event, listener) => {
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(event, wrapped)
    return () => {
      ipcRenderer.removeListener(event, wrapped)
    }
  },
)

contextBridge.exposeInMainWorld('cascade', api)
