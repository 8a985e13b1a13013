// Loopback bridge for the e2e tests (docs/CONVENTIONS.md §5.3): serves the built renderer (out/renderer)
// and forwards `POST /ipc/<channel>` to the real main-side core (real handlers, real SQLite
// file), `GET /events` streams core events as Server-Sent Events. Test-only: `POST /__reset`
// reopens a fresh database (`?corrupt=1` first fills the file with garbage bytes, `?damaged-row=1`
// writes three books, one with a document that breaks its CHECK).
//
//   npx tsx e2e/bridge-server.ts            (env: CASCADE_E2E_PORT=4173, CASCADE_E2E_DB=<file>)
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, extname, join, resolve, sep } from 'node:path'
import { randomBytes } from 'node:crypto'
import { createCore, type Core } from '../electron/main/core'
import { createThreadRunner } from '../electron/main/runs/thread-runner'
import { threadStudyWorkers } from '../electron/main/studies/study-threads'
import { contentSecurityPolicy } from '../electron/main/security'
import { openStore } from '../electron/main/store/database'
import { createPortfolioRepository } from '../electron/main/store/portfolio-repository'
import { emptyPortfolio } from '../shared/model/portfolio'

const ROOT = resolve(__dirname, '..')
const STATIC_DIR = join(ROOT, 'out', 'renderer')
const HOST = '127.0.0.1'
const PORT = Number(process.env.CASCADE_E2E_PORT ?? 4173)
const ORIGIN = `http://${HOST}:${PORT}`
/**
 * Unless CASCADE_E2E_DB names the file to use: one temp dir per port, emptied once the port is
 * ours (the runner may kill us without a chance to clean up; a fixed name keeps runs from piling up).
 */
const OWN_DIR = process.env.CASCADE_E2E_DB ? null : join(tmpdir(), `cascade-e2e-${PORT}`)
const DATA_DIR = OWN_DIR ?? dirname(resolve(process.env.CASCADE_E2E_DB as string))
const DB_PATH = process.env.CASCADE_E2E_DB ? resolve(process.env.CASCADE_E2E_DB) : join(DATA_DIR, 'cascade.sqlite')
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
}

// ---- the core and its event fan-out ------------------------------------------------------

const sseClients = new Set<ServerResponse>()
let core: Core
let unsubscribe: () => void = () => {}

function openCore(): void {
  core = createCore({ dataDir: DATA_DIR, databasePath: DB_PATH, resourcesDir: join(ROOT, 'resources'), version: VERSION, trustedOrigins: [`${ORIGIN}/`], runner: createThreadRunner(join(ROOT, 'electron/main/runs/run-worker.ts')), studyWorkers: threadStudyWorkers(join(ROOT, 'electron/main/studies/study-worker.ts')) })
  unsubscribe = core.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const res of sseClients) res.write(frame)
  })
}

/** Closes the core and deletes the database file, its WAL/SHM and any copies moved aside (corrupt, or replaced by a restore). */
function resetDatabase(corrupt: boolean, damagedRow = false): void {
  unsubscribe()
  core.close()
  const dir = dirname(DB_PATH)
  const name = basename(DB_PATH)
  for (const f of readdirSync(dir)) {
    if (f === name || f === `${name}-wal` || f === `${name}-shm` || f.startsWith(`${name}.corrupt-`) || f.startsWith(`${name}.before-restore-`)) rmSync(join(dir, f), { force: true })
  }
  if (corrupt) writeFileSync(DB_PATH, randomBytes(8192))
  if (damagedRow) writeStoreWithDamagedRow()
  openCore()
}

/** Three books, one of whose documents breaks its CHECK (json_valid), as a row edited behind the app's back. */
function writeStoreWithDamagedRow(): void {
  const { db } = openStore(DB_PATH)
  const repo = createPortfolioRepository(db)
  const ids = ['Alpha book', 'Beta book', 'Gamma book'].map((n) => repo.create(emptyPortfolio(n)).id)
  db.pragma('ignore_check_constraints = ON')
  db.prepare("UPDATE portfolios SET document = '{\"format\": \"cascade.portfolio/1\", \"name\": \"Beta' WHERE id = ?").run(ids[1])
  db.close()
}

// ---- the bridge script, compiled once at start ----------------------------------------------

async function compileBridgeClient(): Promise<string> {
  const { build } = await import('vite')
  const out = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      minify: false,
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry: join(ROOT, 'e2e', 'bridge-client.ts'), formats: ['iife'], name: 'CascadeBridge', fileName: () => 'bridge.js' },
    },
  })
  const outputs = Array.isArray(out) ? out : [out]
  for (const o of outputs) {
    if (!('output' in o)) continue
    for (const item of o.output) if (item.type === 'chunk') return item.code
  }
  throw new Error('vite produced no chunk for e2e/bridge-client.ts')
}

// ---- HTTP -----------------------------------------------------------------------------------

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  // The same CSP header the Electron main process adds to every response.
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
    'content-security-policy': contentSecurityPolicy(),
  })
  res.end(body)
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), TYPES['.json'])
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** The calling page's URL as the core's sender check sees it: the page's origin (sent with every POST). */
function senderUrl(req: IncomingMessage): string {
  const origin = req.headers.origin
  if (typeof origin === 'string' && origin !== 'null') return `${origin}/`
  const referer = req.headers.referer
  return typeof referer === 'string' ? referer : ''
}

function injectBridge(html: string): string {
  const tag = '<script src="/bridge.js"></script>'
  const at = html.indexOf('<script')
  return at < 0 ? html.replace('</head>', `${tag}\n</head>`) : `${html.slice(0, at)}${tag}\n    ${html.slice(at)}`
}

function serveStatic(pathname: string, res: ServerResponse): void {
  const rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname)
  const file = resolve(STATIC_DIR, `.${rel}`)
  if (file !== STATIC_DIR && !file.startsWith(STATIC_DIR + sep)) return send(res, 403, 'forbidden', 'text/plain')
  if (!existsSync(file) || !statSync(file).isFile()) return send(res, 404, 'not found', 'text/plain')
  if (file.endsWith('index.html')) return send(res, 200, injectBridge(readFileSync(file, 'utf8')), TYPES['.html'])
  send(res, 200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream')
}

function openEvents(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
  res.write('retry: 1000\n\n')
  sseClients.add(res)
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000)
  req.on('close', () => {
    clearInterval(ping)
    sseClients.delete(res)
  })
}

async function main(): Promise<void> {
  if (!existsSync(join(STATIC_DIR, 'index.html'))) {
    console.error(`[bridge] ${STATIC_DIR}/index.html is missing: run \`npx electron-vite build\` first.`)
    process.exit(1)
  }
  const bridgeJs = await compileBridgeClient()

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', ORIGIN)
      const method = req.method ?? 'GET'
      if (method === 'POST' && url.pathname.startsWith('/ipc/')) {
        const channel = decodeURIComponent(url.pathname.slice('/ipc/'.length))
        const text = await readBody(req)
        let payload: unknown
        try {
          payload = text === '' ? undefined : JSON.parse(text)
        } catch {
          return sendJson(res, 400, { ok: false, error: { code: 'invalid-payload', message: 'request body is not JSON' } })
        }
        return sendJson(res, 200, await core.invoke(channel, payload, senderUrl(req)))
      }
      if (method === 'GET' && url.pathname === '/events') return openEvents(req, res)
      if (method === 'GET' && url.pathname === '/bridge.js') return send(res, 200, bridgeJs, TYPES['.js'])
      if (method === 'POST' && url.pathname === '/__reset') {
        resetDatabase(url.searchParams.get('corrupt') === '1', url.searchParams.get('damaged-row') === '1')
        return sendJson(res, 200, { ok: true, databasePath: DB_PATH })
      }
      if (method === 'GET' || method === 'HEAD') return serveStatic(url.pathname, res)
      send(res, 405, 'method not allowed', 'text/plain')
    })().catch((e: unknown) => {
      console.error('[bridge] request failed:', e)
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: String(e) } })
      else res.end()
    })
  })

  const shutdown = (): void => {
    // Only a bridge that got the port opened a core and owns the data dir (read before close(),
    // which clears `listening` at once).
    const owner = server.listening
    for (const res of sseClients) res.end()
    server.close()
    if (owner) {
      core.close()
      if (OWN_DIR) rmSync(OWN_DIR, { recursive: true, force: true })
    }
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)

  server.on('error', (e) => {
    console.error(`[bridge] cannot listen on ${ORIGIN}:`, e.message)
    process.exit(1)
  })
  server.listen(PORT, HOST, () => {
    if (OWN_DIR) {
      rmSync(OWN_DIR, { recursive: true, force: true })
      mkdirSync(OWN_DIR, { recursive: true })
    }
    openCore()
    console.log(`[bridge] ${ORIGIN} serving ${STATIC_DIR}, database ${DB_PATH}`)
  })
}

void main()
