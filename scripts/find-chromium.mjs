// Which Chromium the end-to-end tests drive: shared by scripts/ensure-browser.mjs (run before
// Playwright by `npm run test:e2e`) and playwright.config.ts, so both pick the same browser.
import { existsSync } from 'node:fs'

/** Where Debian, Ubuntu and Google's packages put their browser, in order of preference. */
export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

/**
 * The system Chromium to use, or null when there is none (then Playwright's own is used).
 * `CHROMIUM_PATH` wins and is returned as given (the caller checks it exists);
 * `CASCADE_NO_SYSTEM_CHROMIUM=1` ignores the system paths, to try a fresh machine's path.
 */
export function findSystemChromium({ env = process.env, exists = existsSync, candidates = SYSTEM_CHROMIUM_PATHS } = {}) {
  if (env.CHROMIUM_PATH) return { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' }
  if (env.CASCADE_NO_SYSTEM_CHROMIUM === '1') return null
  const path = candidates.find((p) => exists(p))
  return path ? { path, source: 'system' } : null
}
