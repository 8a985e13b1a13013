// Electron entry: one instance, one window with contextIsolation, sandbox and no Node in the
// renderer, served from app://cascade/ with a strict CSP; navigation and new windows denied
// app-wide; IPC bound to the Electron-free core.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, utilityProcess } from 'electron'
import { CHANNELS } from '../../shared/ipc/channels'
import { APP_BASE, APP_SCHEME, appAssetPath, contentTypeOf } from './app-scheme'
import { createCore, type Core } from './core'
import type { Runner } from './runs/run-protocol'
import { supervise } from './runs/supervise'
import { contentSecurityPolicy, isAllowedExternal, isOwnPage } from './security'

const devServerUrl = process.env.ELECTRON_RENDERER_URL
const rendererDir = join(__dirname, '../renderer')
const rendererBase = devServerUrl ? new URL('/', devServerUrl).href : APP_BASE

// A second start focuses the first window instead of opening the same store twice.
const primary = app.requestSingleInstanceLock()
if (!primary) app.quit()
app.on('second-instance', () => {
  const win = BrowserWindow.getAllWindows()[0]
  if (!win) return
  if (win.isMinimized()) win.restore()
  win.focus()
})

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])

/** app://cascade/<path> -> a file of the built renderer, with the CSP; anything else 404. */
function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appAssetPath(request.url, rendererDir)
    if (!file) return new Response('not found', { status: 404 })
    try {
      const body = await readFile(file)
      return new Response(body, { headers: { 'Content-Type': contentTypeOf(file), 'Content-Security-Policy': contentSecurityPolicy() } })
    } catch {
      return new Response('not found', { status: 404 })
    }
  })
}

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
      if (!isOwnPage(url, [rendererBase])) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
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
      // A middle click would ask for a new window (denied by the window-open handler anyway).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(devServerUrl ?? `${APP_BASE}index.html`)
}

app.whenReady().then(() => {
  if (!primary) return
  hardenSessions()
  if (!devServerUrl) serveRenderer()
  const dataDir = app.getPath('userData')
  let core: Core
  try {
    core = createCore({
      dataDir,
      databasePath: join(dataDir, 'cascade.sqlite'),
      resourcesDir: join(app.getAppPath(), 'resources'),
      version: app.getVersion(),
      trustedOrigins: [rendererBase],
      runner: utilityRunner,
      studyWorkers: utilityStudyWorker,
      printToPdf,
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

/**
 * A run report printed to PDF: the self-contained page (no script, no external resource, at most
 * MAX_PRINTED_PAGE_BYTES) loaded as a data: URL into a hidden window with JavaScript off, printed,
 * then the window is thrown away. No file is written and nothing is served.
 */
async function printToPdf(html: string): Promise<Uint8Array> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, javascript: false, disableBlinkFeatures: 'Auxclick', spellcheck: false },
  })
  try {
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`)
    return await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' })
  } finally {
    win.destroy()
  }
}

/** Each study worker in its own utilityProcess: off the window's thread, killed outright on cancel. */
function utilityStudyWorker(): import('./studies/study-pool').StudyWorkerLike {
  const child = utilityProcess.fork(join(__dirname, 'study-worker.js'), [], { serviceName: 'Cascade study' })
  return {
    post: (m) => child.postMessage(m),
    onMessage: (l) => child.on('message', l),
    onError: () => {},
    onExit: (l) => child.on('exit', l),
    kill: () => void child.kill(),
  }
}
