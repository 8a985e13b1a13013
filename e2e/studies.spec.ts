// The Studies tab (docs/DECISIONS.md §6) as a trader uses it, against the real core and real worker
// threads: a Monte Carlo (small crowd, few draws), a solve and a 3x3 grid started from the form,
// progress seen and a study cancelled, each result read and exported (CSV, JSON, PNG), a grid cell
// clicked open as its single run on the Replay tab (the same final equity as the cell), a study
// deleted; screenshots of every result in English, Japanese and Chinese (e2e/screenshots/studies-*).
import { readFileSync } from 'node:fs'
import type { Download, Page } from '@playwright/test'
import { DEEPER_NIGHT, expect, newFromTemplate, openApp, saveDeeperNight, shot, test } from './fixtures'

const CROWD = '2000'

async function setKind(page: Page, kind: 'montecarlo' | 'solve' | 'grid'): Promise<void> {
  await page.getByTestId(`study-kind-${kind}`).click()
  await expect(page.getByTestId(`study-kind-${kind}`)).toHaveAttribute('aria-pressed', 'true')
}

/** Starts the form's study and waits for its result; true when its progress bar was seen while it ran. */
async function startAndWait(page: Page, kind: string): Promise<boolean> {
  const before = await page.getByTestId('study-item').count()
  // Watch for the progress bar from before the click: a small study may end within a second.
  await page.evaluate(`(() => {
    window.__sawProgress = false
    const o = new MutationObserver(() => { if (document.querySelector('[data-testid="study-progress"]')) { window.__sawProgress = true; o.disconnect() } })
    o.observe(document.body, { childList: true, subtree: true })
  })()`)
  await page.getByTestId('study-start').click()
  await expect(page.getByTestId('study-item')).toHaveCount(before + 1)
  await expect(page.getByTestId('study-item').first()).toHaveAttribute('data-status', 'done', { timeout: 240_000 })
  await expect(page.locator(`[data-testid="study-result"][data-kind="${kind}"]`)).toBeVisible({ timeout: 20_000 })
  return (await page.evaluate('window.__sawProgress')) as boolean
}

async function download(page: Page, testid: string, chart?: string): Promise<Download> {
  const dl = page.waitForEvent('download')
  await (chart ? page.locator(`[data-testid="chart-png"][data-chart="${chart}"]`) : page.getByTestId(testid)).click()
  return dl
}

async function scrollMainTo(page: Page, selector: string): Promise<void> {
  await page.evaluate(
    `(() => { const m = document.querySelector('main'); const t = document.querySelector(${JSON.stringify(selector)}); m.scrollTop += t.getBoundingClientRect().top - m.getBoundingClientRect().top - 8 })()`,
  )
}

async function openStudy(page: Page, kind: string): Promise<void> {
  await page.locator(`[data-testid="study-item"][data-kind="${kind}"]`).first().click()
  await expect(page.locator(`[data-testid="study-result"][data-kind="${kind}"]`)).toBeVisible()
  await page.evaluate(`document.querySelector('main').scrollTop = 0`)
}

test('Monte Carlo, solve and grid from the Studies tab: progress, cancel, results, exports, a cell opened as its run', async ({ page }) => {
  test.setTimeout(600_000)
  await openApp(page)
  await saveDeeperNight(page)
  await newFromTemplate(page, /Hedge book/)
  await page.getByTestId('tab-studies').click()
  await expect(page.getByTestId('studies-empty')).toBeVisible()
  await expect(page.getByTestId('study-scenario')).toHaveValue('2025-10-10')
  await shot(page, 'studies-01-empty-form')

  // A refusal names its field before anything runs.
  await page.getByTestId('study-draws').fill('zero')
  await page.getByTestId('study-start').click()
  await expect(page.getByTestId('study-start-error')).toContainText('study.draws')
  await page.getByTestId('study-start-error').getByRole('button').click()

  // Monte Carlo: 8 draws of a 2,000-trader crowd.
  await page.getByTestId('study-crowd').fill(CROWD)
  await page.getByTestId('study-seed').fill('3')
  await page.getByTestId('study-draws').fill('8')
  await expect(page.getByTestId('study-start')).toContainText('8 runs')
  const sawMcProgress = await startAndWait(page, 'montecarlo')
  expect(sawMcProgress).toBe(true)
  await expect(page.getByTestId('mc-liquidated')).toContainText('%')
  await expect(page.getByTestId('mc-liquidated')).toContainText('of 8 draws')
  await expect(page.getByTestId('mc-position').first()).toBeVisible()
  await expect(page.getByTestId('final-equity').locator('canvas').first()).toBeVisible()
  await expect(page.getByTestId('mc-worst-draw')).toHaveCount(5)
  await expect(page.getByTestId('study-glance').first()).toContainText('over 8 draws')
  await shot(page, 'studies-02-montecarlo')
  await scrollMainTo(page, '[data-testid="mc-first-liquidation"]')
  await shot(page, 'studies-03-montecarlo-positions')

  // The figures on screen are the report's: p50 and ES95 as the JSON export has them.
  const json = await download(page, 'study-export-json')
  expect(json.suggestedFilename()).toMatch(/^Hedge-book.*-montecarlo-seed3\.json$/)
  const mc = JSON.parse(readFileSync(await json.path(), 'utf8'))
  expect(mc).toMatchObject({ format: 'cascade.montecarlo/1', draws: 8, seed: 3, inputs: { crowd: 2000 } })
  const usd = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  await expect(page.getByTestId('mc-p50')).toHaveText(usd(mc.finalEquity.p50))
  await expect(page.getByTestId('mc-es95')).toHaveText(usd(mc.finalEquity.es95))
  const csv = await download(page, 'study-export-csv')
  expect(csv.suggestedFilename()).toMatch(/-montecarlo-seed3\.csv$/)
  expect(readFileSync(await csv.path(), 'utf8').split('\n')[0]).toMatch(/^draw,seed,survived,finalEquity/)
  const png = await download(page, '', 'final-equity')
  expect(png.suggestedFilename()).toMatch(/-montecarlo-seed3-final-equity\.png$/)
  await png.saveAs('e2e/screenshots/studies-export-final-equity.png')
  expect(readFileSync(await png.path()).subarray(1, 4).toString('latin1')).toBe('PNG')

  // A larger study, cancelled while it runs: the bar shows runs done of all.
  await page.evaluate(`document.querySelector('main').scrollTop = 0`)
  await page.getByTestId('study-draws').fill('400')
  await page.getByTestId('study-start').click()
  await expect(page.getByTestId('study-progress')).toBeVisible()
  await expect(page.getByTestId('study-progress-runs')).toContainText('of 400 runs', { timeout: 60_000 })
  await expect(page.getByTestId('studies-badge')).toHaveText('1')
  await shot(page, 'studies-04-progress')
  await page.getByTestId('study-cancel').click()
  await expect(page.getByTestId('study-item').first()).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 })
  await expect(page.getByTestId('study-progress')).toHaveCount(0)

  // Solve: the least extra USDC with which the book survives, on one seed, on a night that
  // liquidates its longs whatever its hedge does (the what-if takes ETH and SOL 35% down). The
  // figures are related, not restated: one step less is the value that fails.
  await setKind(page, 'solve')
  await page.getByTestId('study-scenario').selectOption(DEEPER_NIGHT)
  await page.getByTestId('study-solve-axis').fill('collateral:USDC')
  await page.getByTestId('study-seed').fill('1')
  await startAndWait(page, 'solve')
  await expect(page.getByTestId('solve-answer')).toBeVisible()
  // The axis adds to the wallet: the headline says so (it read "least collateral:USDC", as if a total).
  await expect(page.getByTestId('solve-answer')).toContainText('Least extra USDC collateral that survives')
  const answerText = await page.getByTestId('solve-answer').innerText()
  const usdc = [...answerText.matchAll(/([\d,]+) USDC/g)].map((m) => Number(m[1].replace(/,/g, '')))
  const [answer, step] = usdc
  expect(answer).toBeGreaterThan(0)
  expect(step).toBeGreaterThan(0)
  await expect(page.getByTestId('solve-fails-at')).toContainText(`${(answer - step).toLocaleString('en-US')} USDC fails`)
  await expect(page.getByTestId('solve-monotone')).toHaveAttribute('data-monotone', 'true')
  await expect(page.getByTestId('solve-binding').getByTestId('binding')).toBeVisible()
  const runs = await page.getByTestId('solve-run').count()
  expect(runs).toBeGreaterThanOrEqual(2)
  await expect(page.getByTestId('solve-chart').locator('canvas').first()).toBeVisible()
  await shot(page, 'studies-05-solve')
  await scrollMainTo(page, '[data-testid="solve-chart-section"]')
  await shot(page, 'studies-06-solve-runs')
  const solveCsv = await download(page, 'study-export-csv')
  expect(readFileSync(await solveCsv.path(), 'utf8').trim().split('\n')).toHaveLength(runs + 1)
  expect((await download(page, '', 'solve-runs')).suggestedFilename()).toMatch(/-solve-seed1-solve-runs\.png$/)

  // Grid: 3 x 3 over the scale of the shocks and the makers' withdrawal, on the night itself.
  await page.evaluate(`document.querySelector('main').scrollTop = 0`)
  await setKind(page, 'grid')
  await page.getByTestId('study-scenario').selectOption('2025-10-10')
  await page.getByTestId('study-grid-x-axis').fill('scale')
  await page.getByTestId('study-grid-x-from').fill('0.5')
  await page.getByTestId('study-grid-x-to').fill('1.5')
  await page.getByTestId('study-grid-x-count').fill('3')
  await page.getByTestId('study-grid-y-axis').fill('withdrawal')
  await page.getByTestId('study-grid-y-from').fill('0')
  await page.getByTestId('study-grid-y-to').fill('0.98')
  await page.getByTestId('study-grid-y-count').fill('3')
  await expect(page.getByTestId('study-start')).toContainText('9 runs')
  await startAndWait(page, 'grid')
  await expect(page.getByTestId('grid-counts')).toContainText('of 9 cells')
  // One run per cell: the screen says a cell is one draw, with its seed.
  await expect(page.getByTestId('grid-one-draw')).toContainText('One run per cell (seed 1)')
  const heat = page.getByTestId('grid-heatmap')
  await expect(heat.locator('canvas').first()).toBeVisible()
  await shot(page, 'studies-07-grid')
  const gridJson = JSON.parse(readFileSync(await (await download(page, 'study-export-json')).path(), 'utf8'))
  expect(gridJson).toMatchObject({ format: 'cascade.grid/1', x: { axis: 'scale', values: ['0.5', '1', '1.5'] }, y: { axis: 'withdrawal' } })
  expect((await download(page, '', 'heatmap')).suggestedFilename()).toMatch(/-grid-seed1-heatmap\.png$/)

  // The centre cell (scale 1, withdrawal 0.49) opens as its single run, which ends as the cell did.
  const box = (await heat.boundingBox())!
  const plot = { x0: box.x + 70, x1: box.x + box.width - 90, y0: box.y + 28, y1: box.y + box.height - 70 }
  await page.mouse.click((plot.x0 + plot.x1) / 2, (plot.y0 + plot.y1) / 2)
  await expect(page.getByTestId('replay')).toBeVisible()
  await expect(page.getByTestId('run-item').first()).toHaveAttribute('data-status', 'done', { timeout: 120_000 })
  await expect(page.getByTestId('run-summary')).toBeVisible()
  const cell = gridJson.cells[1][1]
  const run = (await page.evaluate(`window.cascade.runList()`)) as { value: Array<{ finalEquity: string; survived: boolean; seed: number }> }
  expect(run.value[0]).toMatchObject({ finalEquity: cell.finalEquity, survived: cell.survived, seed: 1 })
  await shot(page, 'studies-08-grid-cell-run')

  // Back on the tab: delete the cancelled study.
  await page.getByTestId('tab-studies').click()
  await expect(page.getByTestId('study-item')).toHaveCount(4)
  await page.locator('[data-testid="study-item"][data-status="cancelled"] [data-testid="study-delete"]').click()
  await expect(page.getByTestId('study-delete-dialog')).toBeVisible()
  await shot(page, 'studies-09-delete-confirm')
  await page.getByTestId('study-delete-dialog').getByTestId('confirm-ok').click()
  await expect(page.getByTestId('study-item')).toHaveCount(3)

  // Every result in Japanese and Chinese.
  for (const lang of ['ja', 'zh-CN'] as const) {
    await page.getByTestId('locale-select').selectOption(lang)
    await expect(page.locator('html')).toHaveAttribute('lang', lang)
    await openStudy(page, 'montecarlo')
    await shot(page, `studies-${lang}-02-montecarlo`)
    await scrollMainTo(page, '[data-testid="mc-first-liquidation"]')
    await shot(page, `studies-${lang}-03-montecarlo-positions`)
    await openStudy(page, 'solve')
    await shot(page, `studies-${lang}-05-solve`)
    await openStudy(page, 'grid')
    await shot(page, `studies-${lang}-07-grid`)
  }
  await page.getByTestId('locale-select').selectOption('en')
})
