// The pre-start check: Electron's binary found, downloaded on first start, or missing offline with
// a message saying what to do (never electron-vite's "Electron uninstall" stack).
import { describe, expect, it } from 'vitest'
import { checkElectron, electronBinary, installFailureReason } from '../../scripts/check-electron.mjs'

const DIR = '/app/node_modules/electron'
const installed = { [`${DIR}/path.txt`]: 'electron', [`${DIR}/dist/electron`]: '<binary>' } as Record<string, string>
const io = (files: Record<string, string>) => ({ electronDir: DIR, exists: (p: string) => p in files, read: (p: string) => files[p] })
const OFFLINE = `TypeError: fetch failed
    at node:internal/deps/undici/undici:14976:13
    at async FetchDownloader.download (file:///app/node_modules/@electron/get/dist/FetchDownloader.js:46:30)`

describe('electronBinary', () => {
  it('is the binary path.txt names inside dist/, once both exist', () => {
    expect(electronBinary({ env: {}, ...io(installed) })).toBe(`${DIR}/dist/electron`)
    expect(electronBinary({ env: {}, ...io({ [`${DIR}/path.txt`]: 'electron' }) })).toBeNull()
    expect(electronBinary({ env: {}, ...io({}) })).toBeNull()
  })

  it('is ELECTRON_EXEC_PATH when set (what electron-vite starts)', () => {
    expect(electronBinary({ env: { ELECTRON_EXEC_PATH: '/opt/electron' }, ...io({ '/opt/electron': '' }) })).toBe('/opt/electron')
    expect(electronBinary({ env: { ELECTRON_EXEC_PATH: '/opt/electron' }, ...io(installed) })).toBeNull()
  })
})

describe('checkElectron', () => {
  const noInstall = () => {
    throw new Error('must not download an installed binary')
  }

  it('passes without downloading when the binary is there', () => {
    expect(checkElectron({ env: {}, ...io(installed), install: noInstall })).toEqual({ ok: true, binary: `${DIR}/dist/electron` })
  })

  it('downloads it on first start', () => {
    const files: Record<string, string> = {}
    const r = checkElectron({ env: {}, ...io(files), install: () => (Object.assign(files, installed), { status: 0, output: '' }) })
    expect(r).toEqual({ ok: true, binary: `${DIR}/dist/electron` })
  })

  it('offline, says why and what to run instead of a stack', () => {
    const r = checkElectron({ env: {}, ...io({}), install: () => ({ status: 1, output: OFFLINE }) })
    if (r.ok) throw new Error('expected a refusal')
    expect(r.lines[0]).toBe("npm start: Electron's binary is not installed and could not be downloaded (TypeError: fetch failed).")
    expect(r.lines.join('\n')).toContain('npx install-electron')
    expect(r.lines.join('\n')).toContain('npm run -s cascade -- --help')
    expect(r.lines.join('\n')).not.toMatch(/\bat /)
  })

  it('refuses an ELECTRON_EXEC_PATH that does not exist without downloading', () => {
    const r = checkElectron({ env: { ELECTRON_EXEC_PATH: '/nope' }, ...io(installed), install: noInstall })
    expect(r).toEqual({ ok: false, lines: ['npm start: ELECTRON_EXEC_PATH is /nope, which does not exist: point it at an Electron binary or unset it.'] })
  })

  it('finds the reason line in an installer failure', () => {
    expect(installFailureReason(OFFLINE)).toBe('TypeError: fetch failed')
    expect(installFailureReason('Error: getaddrinfo ENOTFOUND github.com')).toBe('getaddrinfo ENOTFOUND github.com')
    expect(installFailureReason('')).toBe('no reason given')
  })
})
