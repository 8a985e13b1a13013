// The e2e browser finder and provisioner, with the file system, environment and installer injected:
// a machine with a system Chromium, one without (Playwright's is provisioned), and one offline.
import { describe, expect, it } from 'vitest'
import { ensureBrowser, failureReason, installHint } from '../../scripts/ensure-browser.mjs'
import { findSystemChromium, SYSTEM_CHROMIUM_PATHS } from '../../scripts/find-chromium.mjs'

const only = (...paths: string[]) => (p: string) => paths.includes(p)
const OFFLINE = `Downloading Chrome for Testing 159.0.8154.6 (playwright chromium v1255)
Error: getaddrinfo ENOTFOUND cdn.playwright.dev
    at GetAddrInfoReqWrap.onlookupall (node:internal/dns/promises:102:17)
Failed to install browsers`

describe('findSystemChromium', () => {
  it('takes CHROMIUM_PATH first, as given', () => {
    expect(findSystemChromium({ env: { CHROMIUM_PATH: '/opt/chrome/chrome' }, exists: only('/usr/bin/chromium') })).toEqual({ path: '/opt/chrome/chrome', source: 'CHROMIUM_PATH' })
  })

  it('then the first system path that exists, in order', () => {
    expect(SYSTEM_CHROMIUM_PATHS).toEqual(['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'])
    expect(findSystemChromium({ env: {}, exists: only('/usr/bin/google-chrome', '/usr/bin/chromium-browser') })?.path).toBe('/usr/bin/chromium-browser')
    expect(findSystemChromium({ env: {}, exists: only('/usr/bin/google-chrome') })).toEqual({ path: '/usr/bin/google-chrome', source: 'system' })
  })

  it('finds none on a machine without one, or when told to ignore the system paths', () => {
    expect(findSystemChromium({ env: {}, exists: only() })).toBeNull()
    expect(findSystemChromium({ env: { CASCADE_NO_SYSTEM_CHROMIUM: '1' }, exists: only('/usr/bin/chromium') })).toBeNull()
  })
})

describe('ensureBrowser', () => {
  const neverInstall = () => {
    throw new Error('must not install when a system Chromium exists')
  }

  it('uses a system Chromium without installing anything', () => {
    expect(ensureBrowser({ env: {}, exists: only('/usr/bin/chromium'), install: neverInstall })).toEqual({ ok: true, browser: '/usr/bin/chromium' })
  })

  it('refuses a CHROMIUM_PATH that does not exist, in one line', () => {
    const r = ensureBrowser({ env: { CHROMIUM_PATH: '/nope/chrome' }, exists: only('/usr/bin/chromium'), install: neverInstall })
    expect(r).toEqual({ ok: false, message: 'CHROMIUM_PATH is /nope/chrome, which does not exist: point it at a Chromium or unset it' })
  })

  it("provisions Playwright's Chromium when there is no system one", () => {
    const calls: string[] = []
    const logged: string[] = []
    const r = ensureBrowser({ env: {}, exists: only(), install: () => (calls.push('install'), { status: 0, output: '' }), log: (l) => logged.push(l) })
    expect(r).toEqual({ ok: true, browser: "Playwright's Chromium" })
    expect(calls).toEqual(['install'])
    expect(logged).toEqual([expect.stringContaining('npx playwright install chromium')])
  })

  it('fails offline with one line naming the one command to run', () => {
    const debian = ensureBrowser({ env: { CASCADE_NO_SYSTEM_CHROMIUM: '1' }, exists: only('/usr/bin/apt-get', '/usr/bin/chromium'), install: () => ({ status: 1, output: OFFLINE }) })
    expect(debian).toEqual({
      ok: false,
      message: "No Chromium for the end-to-end tests, and Playwright's could not be downloaded (Error: getaddrinfo ENOTFOUND cdn.playwright.dev). Run: sudo apt-get install chromium, then npm test again.",
    })
    const other = ensureBrowser({ env: {}, exists: only(), install: () => ({ status: 1, output: 'Error: disk full' }) })
    expect(!other.ok && other.message).toMatch(/\(Error: disk full\)\. Run: npx playwright install chromium, then npm test again\.$/)
    expect(!other.ok && other.message).not.toContain('\n')
  })

  it('names the command that fits the machine, and the reason of a failed download', () => {
    expect(installHint({ exists: only('/usr/bin/apt-get') })).toBe('sudo apt-get install chromium')
    expect(installHint({ exists: only() })).toBe('npx playwright install chromium')
    expect(failureReason(OFFLINE)).toBe('Error: getaddrinfo ENOTFOUND cdn.playwright.dev')
    expect(failureReason('')).toBe('unknown error')
  })
})
