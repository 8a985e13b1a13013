// Playwright against the built renderer served by the loopback bridge (docs/CONVENTIONS.md §5.2, §5.3):
// a system Chromium (CHROMIUM_PATH, /usr/bin/chromium, chromium-browser, google-chrome), else
// Playwright's own, which scripts/ensure-browser.mjs provisions before the run; one worker because
// every spec shares one database.
import { defineConfig } from '@playwright/test'
import { findSystemChromium } from './scripts/find-chromium.mjs'

const PORT = Number(process.env.CASCADE_E2E_PORT ?? 4173)
const systemChromium = findSystemChromium()?.path

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    // A failure keeps what the page showed (test-results/, which each run clears), for flakes seen once.
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: systemChromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: 'npx tsx e2e/bridge-server.ts',
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    // SIGTERM, not the default SIGKILL: the bridge then deletes its database folder (/tmp/cascade-e2e-<port>).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
