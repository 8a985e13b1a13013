// Electron entry: one window with contextIsolation, sandbox and no Node in the renderer; a strict
// CSP; navigation and new windows denied app-wide; IPC bound to the Electron-free core.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, session, shell, utilityProcess } from 'electron'
import { CHANNELS } from '../../shared/ipc/channels'
import { createCore, type Core } from './core'
import type { Runner } from './runs/run-protocol'
import { supervise } from './runs/supervise'
import { contentSecurityPolicy, isAllowedExternal } from './security'

const devServerUrl = process.env.ELECTRON_RENDERER_URL
const rendererFile = join(__dirname, '../renderer/index.html')
const rendererPrefix = devServerUrl ?? pathToFileURL(join(__dirname, '../renderer/')).href

/** The one door to the outside world: https links on the allow-list open in the browser. */
export function safeOpenExternal(url: string): void {
  if (isAllowedExternal(url)) void shell.openExternal(url)
}

/** Each run in its own utilityProcess: off the window's thread, and killed outright on cancel. */
const utilityRunner: Runner = (job, onProgress) => {
  const child = utilityProcess.fork(join(__dirname, 'run-worker.js'), [], { serviceName: 'Cascade run' })
  return supervise(
    {
      post: (m) => child.postMessage(m),
      onMessage: (l) => child.on('message', l),
      onError: () => {},
      onExit: (l) => child.on('exit', l),
      kill: () => void child.kill(),
    },
    job,
    onProgress,
  )
}

function hardenSessions(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      safeOpenExternal(url)
      return { action: 'deny' }
    })
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(rendererPrefix)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy(devServerUrl)] } })
  })
}

function bindIpc(core: Core): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => core.invoke(channel, payload, event.senderFrame?.url ?? ''))
  }
  core.subscribe((event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(event, payload)
  })
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Cascade',
    backgroundColor: '#0b0e13',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  if (devServerUrl) void win.loadURL(devServerUrl)
  else void win.loadFile(rendererFile)
}

app.whenReady().then(() => {
  hardenSessions()
  const dataDir = app.getPath('userData')
  let core: Core
  try {
    core = createCore({
      dataDir,
      databasePath: join(dataDir, 'cascade.sqlite'),
      resourcesDir: join(app.getAppPath(), 'resources'),
      version: app.getVersion(),
      trustedOrigins: [rendererPrefix],
      runner: utilityRunner,
    })
  } catch (e) {
    dialog.showErrorBox('Cascade cannot open its database', e instanceof Error ? e.message : String(e))
    app.quit()
    return
  }
  bindIpc(core)
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
  app.on('will-quit', () => core.close())
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
