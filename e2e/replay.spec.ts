// Replay: a template book run under the 2025-10-10 preset (progress bar, then the summary, the
// liquidation-path graph, the timeline and ADL lights), reopened from the list of past runs and
// exported; and a run cancelled while the window stays usable. Needs shared/engine/cascade.
import type { Page } from '@playwright/test'
import { expect, newFromTemplate, openApp, saveScenarioFrom, shot, test } from './fixtures'

/**
 * The 10/10 preset at 100 ms steps with 20,000 market makers, whose unified accounts are re-checked
 * as a whole every step: about 100 s of work here, with progress every second or so. The test
 * cancels within seconds, so it never races the engine to the end (at the preset's size a run
 * takes about 1.5 s, which a cancel could lose on a fast machine).
 */
const SLOW_ID = 'e2e-slow-2025-10-10'

async function saveSlowScenario(page: Page): Promise<void> {
  await saveScenarioFrom(page, '2025-10-10', { id: SLOW_ID, name: '10/10, 100 ms steps, 20k market makers (e2e)', step: '100ms', crowd: { marketMakers: { accounts: 20000 } } })
}

/** Scrolls the workspace so `selector` sits just under the sticky Book | Replay tabs. */
async function scrollMainTo(page: Page, selector: string): Promise<void> {
  await page.evaluate(
    `(() => { const m = document.querySelector('main'); const t = document.querySelector(${JSON.stringify(selector)}); m.scrollTop += t.getBoundingClientRect().top - m.getBoundingClientRect().top - 44 })()`,
  )
}

async function pickScenario(page: Page, id: string): Promise<void> {
  const option = page.locator(`[data-testid="scenario-option"][data-id="${id}"]`)
  await option.click()
  await expect(option).toHaveClass(/\bon\b/)
}

test('a template book replayed under 2025-10-10: progress, summary, liquidation path, timeline', async ({ page }) => {
  test.setTimeout(180_000)
  await openApp(page)
  const name = await newFromTemplate(page, /market maker/i)
  await page.getByTestId('tab-replay').click()
  await expect(page.getByTestId('replay')).toBeVisible()
  await expect(page.getByTestId('run-history')).toContainText('No runs yet')
  await pickScenario(page, '2025-10-10')
  await page.getByTestId('run-seed').fill('5')
  await page.getByTestId('run-start').click()

  // A full replay takes about a second: the bar shows while the worker starts and steps.
  const progress = page.getByTestId('run-progress')
  await expect(progress).toBeVisible()

  const summary = page.getByTestId('run-summary')
  await expect(summary).toBeVisible({ timeout: 150_000 })
  await expect(progress).toHaveCount(0)
  await expect(page.getByTestId('run-verdict')).toHaveText(/^(Survived|Liquidated)$/)
  await expect(page.getByTestId('run-equity')).toHaveText(/^-?[0-9,]+\.[0-9]{2}$/)
  await expect(page.getByTestId('run-loss')).toContainText('Slippage')
  await expect(page.getByTestId('run-loss')).toContainText('ADL price vs mark')
  await expect(page.getByTestId('run-crowd')).toContainText('Accounts liquidated')
  await expect(page.getByTestId('run-fund')).toContainText('Minimum')
  // Binance keeps two funds (BTC/ETH/BNB and the rest): both listed, sizes from the venue profile.
  await expect(page.getByTestId('run-fund-row')).toHaveCount(2)
  await expect(page.getByTestId('run-fund-source')).toHaveText("Sizes: the venue profile's funds")
  await expect(page.locator('[data-testid="run-status"][data-status="done"]')).toContainText(name)

  // The liquidation path: a graph, and the numbers of the selected node beside it.
  const path = page.getByTestId('path-section')
  await expect(path).toBeVisible()
  // The date runs Binance's preset for this Binance book (2025-10-10-binance), under which the
  // market maker's unified account is liquidated in every seed (resources/examples/README.md,
  // "Outcome frequencies"), so its path is never empty: the graph must be there.
  const graph = page.getByTestId('path-graph')
  await expect(page.getByTestId('path-empty')).toHaveCount(0)
  await expect(graph.locator('canvas').first()).toBeVisible()
  const panel = page.getByTestId('path-node-panel')
  await expect(panel).toBeVisible()
  await expect(panel).toContainText('your book') // the first loss of the book is selected
  // The user's events are also listed above the graph; each selects its node, whose causes link on.
  // (The market maker's last events are collateral sales of one whole-account liquidation; its first,
  // the margin call, is caused by the market's moves.)
  const chips = page.getByTestId('path-user-node')
  const last = chips.nth((await chips.count()) - 1)
  await last.click()
  await expect(last).toHaveClass(/\bon\b/)
  const first = chips.first()
  await first.click()
  await expect(first).toHaveClass(/\bon\b/)
  await expect(panel).toContainText('Caused by')
  await panel.locator('.links .link').first().click()
  await expect(first).not.toHaveClass(/\bon\b/)
  await chips.first().click()
  await page.getByTestId('layout-time').click()
  await expect(page.getByTestId('layout-time')).toHaveAttribute('aria-pressed', 'true')
  await page.getByTestId('layout-depth').click()
  await scrollMainTo(page, '[data-testid="run-status"][data-status="done"]')
  await shot(page, '13-run-summary-path')

  // Timeline and ADL lights over time.
  await page.getByTestId('timeline-section').scrollIntoViewIfNeeded()
  await expect(page.getByTestId('timeline-chart').locator('canvas').first()).toBeVisible()
  await expect(page.getByTestId('adl-strip').locator('canvas').first()).toBeVisible()
  await scrollMainTo(page, '[data-testid="timeline-section"]')
  await shot(page, '14-run-timeline')

  // The run is kept: listed as done, reopened after a reload, its events exported.
  const item = page.getByTestId('run-item').first()
  await expect(item).toHaveAttribute('data-status', 'done')
  await expect(item).toContainText('2025-10-10')
  await expect(item).toContainText('seed 5')
  await page.reload()
  await page.getByTestId('tab-replay').click()
  await expect(page.getByTestId('run-summary')).toBeVisible()
  const csv = page.waitForEvent('download')
  await page.getByTestId('export-csv').click()
  expect((await csv).suggestedFilename()).toMatch(/2025-10-10.*\.events\.csv$/)
  const jsonl = page.waitForEvent('download')
  await page.getByTestId('export-jsonl').click()
  expect((await jsonl).suggestedFilename()).toMatch(/\.events\.jsonl$/)

  await page.getByTestId('theme-toggle').click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await scrollMainTo(page, '[data-testid="run-status"][data-status="done"]')
  await shot(page, '13-run-summary-path-light')
  await scrollMainTo(page, '[data-testid="timeline-section"]')
  await shot(page, '14-run-timeline-light')
  await page.getByTestId('theme-toggle').click()
})

test('a run in flight leaves the window usable and can be cancelled', async ({ page }) => {
  test.setTimeout(120_000)
  await openApp(page)
  await saveSlowScenario(page)
  await newFromTemplate(page, /hedge/i)
  await page.getByTestId('tab-replay').click()
  await pickScenario(page, SLOW_ID)
  await page.getByTestId('run-start').click()
  const progress = page.getByTestId('run-progress')
  await expect(progress).toBeVisible()
  await expect(page.getByTestId('run-cancel')).toBeEnabled()
  await expect(page.getByTestId('run-progress-bar')).toHaveAttribute('role', 'progressbar')
  await expect(page.getByTestId('run-start')).toBeDisabled()
  await expect(page.getByTestId('run-item').first()).toHaveAttribute('data-status', 'running')
  // Progress arrives while the engine works elsewhere: the bar moves, simulated time advances.
  await expect.poll(async () => Number(await page.getByTestId('run-progress-bar').getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThan(0)
  await expect(page.getByTestId('run-progress-time')).toHaveText(/^\d\d:\d\d:\d\d UTC$/)
  await shot(page, '12-run-progress')

  // The window is not blocked: the book can be opened and edited meanwhile.
  await page.getByTestId('tab-book').click()
  await expect(page.getByTestId('metrics-panel')).toBeVisible()
  await expect(page.getByTestId('tab-replay').locator('.badge')).toHaveText('1')
  await page.getByTestId('tab-replay').click()
  await expect(progress).toBeVisible()

  await page.getByTestId('run-cancel').click()
  const status = page.locator('[data-testid="run-status"][data-status="cancelled"]')
  await expect(status).toBeVisible({ timeout: 15_000 })
  await expect(status).toContainText('cancelled')
  await expect(progress).toHaveCount(0)
  await expect(page.getByTestId('run-item').first()).toHaveAttribute('data-status', 'cancelled')
  await expect(page.getByTestId('run-item').first()).toContainText('cancelled')
  await expect(page.getByTestId('run-start')).toBeEnabled()
  await shot(page, '12-run-cancelled')
})

test('the replay screen fits the smallest window without the page scrolling sideways', async ({ page }) => {
  test.setTimeout(120_000)
  await page.setViewportSize({ width: 960, height: 640 })
  await openApp(page)
  await newFromTemplate(page, /hedge/i)
  await page.keyboard.press('Control+2')
  await expect(page.getByTestId('replay')).toBeVisible()
  await pickScenario(page, '2025-10-10')
  await page.getByTestId('run-start').click()
  await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 90_000 })
  await expect(page.getByTestId('timeline-chart').locator('canvas').first()).toBeVisible()
  const overflow = await page.evaluate('document.scrollingElement.scrollWidth - window.innerWidth')
  expect(overflow).toBe(0)
  const inner = await page.evaluate('(() => { const m = document.querySelector("main"); return m.scrollWidth - m.clientWidth })()')
  expect(inner).toBe(0)
  await scrollMainTo(page, '[data-testid="run-status"][data-status="done"]')
  await shot(page, '15-replay-small-window')
  await page.keyboard.press('Control+1')
  await expect(page.getByTestId('metrics-panel')).toBeVisible()
})
