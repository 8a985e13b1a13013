#!/usr/bin/env node
// Before `npm start`: Electron's binary is downloaded on first use (node_modules/electron/install.js),
// which an offline machine cannot do. Download it if missing; when that fails, say what to do
// instead of letting electron-vite die with "Electron uninstall" and a stack.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** The Electron binary electron-vite would start (ELECTRON_EXEC_PATH, else dist/ named by path.txt), or null. */
export function electronBinary({ env = process.env, electronDir, exists = existsSync, read = (p) => readFileSync(p, 'utf8') }) {
  if (env.ELECTRON_EXEC_PATH) return exists(env.ELECTRON_EXEC_PATH) ? env.ELECTRON_EXEC_PATH : null
  const pathTxt = join(electronDir, 'path.txt')
  if (!exists(pathTxt)) return null
  const binary = join(electronDir, 'dist', read(pathTxt).trim())
  return exists(binary) ? binary : null
}

/** The lines to print when the binary is missing and cannot be downloaded. */
export function missingElectronMessage(reason) {
  return [
    `npm start: Electron's binary is not installed and could not be downloaded (${reason}).`,
    '  To get it: when online, run `npx install-electron` (it downloads the binary, about 100 MB), then `npm start` again.',
    '  Meanwhile the command line works without Electron: `npm run -s cascade -- --help`.',
  ]
}

/** Returns { ok: true, binary } or { ok: false, lines }; `install` runs Electron's installer (injected by the tests). */
export function checkElectron({ env = process.env, electronDir, exists = existsSync, read, install, log = () => {} }) {
  const found = electronBinary({ env, electronDir, exists, read })
  if (found) return { ok: true, binary: found }
  if (env.ELECTRON_EXEC_PATH) return { ok: false, lines: [`npm start: ELECTRON_EXEC_PATH is ${env.ELECTRON_EXEC_PATH}, which does not exist: point it at an Electron binary or unset it.`] }
  log("Electron's binary is not installed yet: downloading it (first start only)...")
  const r = install()
  const after = r.status === 0 ? electronBinary({ env, electronDir, exists, read }) : null
  if (after) return { ok: true, binary: after }
  return { ok: false, lines: missingElectronMessage(installFailureReason(r.output)) }
}

/** The line of the installer's output that says why it failed. */
export function installFailureReason(output) {
  const lines = String(output).split('\n').map((l) => l.trim())
  return (lines.find((l) => /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET|EACCES|ENOSPC/.test(l)) ?? lines.find((l) => /^[A-Za-z]*Error\b/.test(l)) ?? 'no reason given').replace(/^Error: /, '')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let electronDir
  try {
    electronDir = process.env.CASCADE_ELECTRON_DIR ?? dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    console.error('npm start: the electron package is not installed: run `npm ci` first.')
    process.exit(1)
  }
  const r = checkElectron({
    electronDir,
    log: (line) => console.log(line),
    install: () => {
      const p = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] })
      return { status: p.status ?? 1, output: `${p.stderr ?? ''}\n${p.error?.message ?? ''}` }
    },
  })
  if (!r.ok) {
    for (const line of r.lines) console.error(line)
    process.exit(1)
  }
}
