#!/usr/bin/env node
// Before the end-to-end tests: make sure there is a Chromium to drive. A system one (CHROMIUM_PATH,
// /usr/bin/chromium, chromium-browser, google-chrome) is used as is; otherwise Playwright's own is
// provisioned (`npx playwright install chromium`, a no-op once installed). When that cannot be done
// (offline), it fails with one line naming the one command to run.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { findSystemChromium, SYSTEM_CHROMIUM_PATHS } from './find-chromium.mjs'

/** The one command that gets a browser here: the system package where apt exists, else Playwright's. */
export function installHint({ exists = existsSync } = {}) {
  return exists('/usr/bin/apt-get') ? 'sudo apt-get install chromium' : 'npx playwright install chromium'
}

/** The first line of a failed install's output that says why (e.g. "getaddrinfo ENOTFOUND cdn.playwright.dev"). */
export function failureReason(output) {
  const lines = String(output).split('\n').map((l) => l.trim())
  return lines.find((l) => /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|EACCES|ENOSPC/.test(l)) ?? lines.find((l) => l.startsWith('Error:')) ?? 'unknown error'
}

/**
 * Returns { ok: true, browser } or { ok: false, message } (one line). `install` runs Playwright's
 * installer and returns { status, output }; injected by the tests.
 */
export function ensureBrowser({ env = process.env, exists = existsSync, install = installPlaywrightChromium, log = () => {} } = {}) {
  const found = findSystemChromium({ env, exists })
  if (found) {
    if (exists(found.path)) return { ok: true, browser: found.path }
    return { ok: false, message: `CHROMIUM_PATH is ${found.path}, which does not exist: point it at a Chromium or unset it` }
  }
  log(`No system Chromium (CHROMIUM_PATH, ${SYSTEM_CHROMIUM_PATHS.join(', ')}): provisioning Playwright's own (npx playwright install chromium)...`)
  const r = install()
  if (r.status === 0) return { ok: true, browser: "Playwright's Chromium" }
  return {
    ok: false,
    message: `No Chromium for the end-to-end tests, and Playwright's could not be downloaded (${failureReason(r.output)}). Run: ${installHint({ exists })}, then npm test again.`,
  }
}

function installPlaywrightChromium() {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli')
  const r = spawnSync(process.execPath, [cli, 'install', 'chromium'], { encoding: 'utf8' })
  return { status: r.status ?? 1, output: `${r.stdout ?? ''}\n${r.stderr ?? ''}\n${r.error?.message ?? ''}` }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = ensureBrowser({ log: (line) => console.log(line) })
  if (!r.ok) {
    console.error(`ensure-browser: ${r.message}`)
    process.exit(1)
  }
}
