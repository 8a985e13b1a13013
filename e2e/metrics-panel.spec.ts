// Live metrics beside the editor: the reference book of docs/FORMATS.md §2.5's account figures, liquidation and
// bankruptcy prices, ADL lights, health factors; recomputed on every valid edit (a mark, a
// leverage); explanations on hover; the engine's refusal shown with its field path.
import type { Page } from '@playwright/test'
import { join } from 'node:path'
import { cell, expect, FIXTURES, openApp, shot, test } from './fixtures'

/** The reference portfolio of docs/FORMATS.md §2.5 (e2e/fixtures/hedge-book.json is that file verbatim). */
async function importExampleBook(page: Page): Promise<void> {
  await openApp(page)
  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'hedge-book.json'))
  await expect(page.getByTestId('editor')).toBeVisible()
  await expect(page.getByTestId('metrics-state')).toHaveText('Live')
}

const metric = (page: Page, key: string) => page.getByTestId(`metric-${key}`)

test('the metrics panel shows the example book on Binance', async ({ page }) => {
  await importExampleBook(page)
  const panel = page.getByTestId('metrics-panel')
  await expect(panel).toBeVisible()

  // Account (cross): WB = 2,000,000 - 100,000 loan; MM = 37,995.6 (BTC bracket 4) + 7,250 (DOGE bracket 3).
  await expect(metric(page, 'account.marginBalance')).toHaveText('1,900,000.00')
  await expect(metric(page, 'account.walletBalance')).toHaveText('1,900,000.00')
  await expect(metric(page, 'account.maintenanceMargin')).toHaveText('45,245.60')
  await expect(metric(page, 'account.marginRatio')).toHaveText('2.38%')
  await expect(metric(page, 'account.effectiveLeverage')).toHaveText('2.89×')
  await expect(page.getByTestId('ratio-band')).toHaveAttribute('data-band', 'safe')

  // Positions: liquidation and bankruptcy prices, distance from the mark, ADL lights.
  await expect(metric(page, 'positions[0].liquidationPrice')).toHaveText('76,282.84')
  await expect(metric(page, 'positions[0].distance')).toHaveText('-37.47% from mark')
  await expect(metric(page, 'positions[0].bankruptcyPrice')).toHaveText('75,635.92')
  await expect(metric(page, 'positions[1].liquidationPrice')).toHaveText('1.1560')
  await expect(metric(page, 'positions[1].distance')).toHaveText('+362.39% from mark')
  await expect(metric(page, 'positions[1].bankruptcyPrice')).toHaveText('1.2000')
  await expect(page.getByTestId('adl-lights-0')).toHaveAttribute('data-lights', /^[0-5]$/)
  await expect(page.getByTestId('adl-lights-0').locator('.light')).toHaveCount(5)
  await expect(page.getByTestId('adl-source')).toContainText('profile default crowd')
  await expect(page.getByTestId('adl-source')).toContainText('seed 20251010')

  // DeFi: the explicit Aave position and the loop, both at HF 1.262 with USDe triggering at 0.7923.
  await expect(metric(page, 'defi[0].healthFactor')).toHaveText('1.262')
  await expect(metric(page, 'defi[0].triggerPrices.USDe')).toHaveText('0.792331')
  await expect(metric(page, 'defi[1].healthFactor')).toHaveText('1.262')

  // Every figure says how it was made: the liquidation price names its bracket, mmr and cum.
  await metric(page, 'positions[0].liquidationPrice').hover()
  const tip = page.getByTestId('explain-tip')
  await expect(tip).toBeVisible()
  await expect(tip).toContainText('LP = (WB - TMM1 + UPNL1 + cum - side x Q x EP)')
  await expect(tip).toContainText('bracket')
  await expect(tip).toContainText('mmr')
  await expect(tip).toContainText('docs/VENUE-RULES.md §1.1')
  await shot(page, '10-metrics-panel')

  await metric(page, 'positions[1].bankruptcyPrice').hover()
  await expect(tip).toContainText('BP = EP - (WB + UPNL1) / (side x Q)')
  await metric(page, 'defi[0].healthFactor').hover()
  await expect(tip).toContainText('HF = sum(supply x price x LT) / sum(borrow x price)')
  await page.mouse.move(5, 5)
  await expect(tip).toHaveCount(0)

  await page.getByTestId('theme-toggle').click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await shot(page, '10-metrics-panel-light')
  await page.getByTestId('theme-toggle').click()
})

test('metrics follow every valid edit: a mark, then a leverage in isolated mode', async ({ page }) => {
  await importExampleBook(page)
  await expect(metric(page, 'positions[0].distance')).toHaveText('-37.47% from mark')

  // BTC mark 122,000 -> 110,000: the long loses 40.98 x 12,000 = 491,760.
  await cell(page, 'prices[0].mark').fill('110000')
  await expect(metric(page, 'account.unrealizedPnl')).toHaveText('-491,760.00')
  await expect(metric(page, 'account.marginBalance')).toHaveText('1,408,240.00')
  await expect(metric(page, 'positions[0].distance')).toHaveText('-30.65% from mark')
  await expect(page.getByTestId('metrics-state')).toHaveText('Live')

  // A half-typed mark is a problem in the book: the panel keeps the last valid figures and says so.
  await cell(page, 'prices[0].mark').fill('11x')
  await expect(page.getByTestId('metrics-stale')).toBeVisible()
  await expect(metric(page, 'account.marginBalance')).toHaveText('1,408,240.00')
  await cell(page, 'prices[0].mark').fill('122000')
  await expect(page.getByTestId('metrics-stale')).toHaveCount(0)
  await expect(metric(page, 'account.marginBalance')).toHaveText('1,900,000.00')

  // Isolated: each position's margin is notional / leverage, so leverage moves its liquidation price.
  await page.getByTestId('mode-select').selectOption('isolated')
  await expect(page.getByTestId('metrics-state')).toHaveText('Live')
  const at3x = await metric(page, 'positions[0].liquidationPrice').textContent()
  await cell(page, 'positions[0].leverage').fill('10')
  await expect(metric(page, 'positions[0].liquidationPrice')).not.toHaveText(at3x ?? '')
  const at10x = Number((await metric(page, 'positions[0].liquidationPrice').textContent())?.replace(/,/g, ''))
  expect(at10x).toBeGreaterThan(Number(at3x?.replace(/,/g, '')))
  expect(at10x).toBeLessThan(122000)
})

test('the engine refusing the book is shown with the field path', async ({ page }) => {
  await importExampleBook(page)
  await cell(page, 'positions[0].symbol').fill('FOOUSDT')
  const err = page.getByTestId('metrics-error')
  await expect(err).toBeVisible()
  await expect(err).toContainText('positions[0].symbol')
  await expect(err).toContainText('unknown contract "FOOUSDT"')
  await expect(page.getByTestId('metrics-state')).toHaveText('Refused')
  await shot(page, '10-metrics-error')
  // The document is well formed, so it is still saved, as a draft with the same finding on its
  // cell (docs/FORMATS.md §2.6); a click on the path goes to the cell.
  await expect(page.getByTestId('save-status')).toHaveText('Saved as draft: 1 problem')
  await expect(page.getByTestId('msg-positions[0].symbol')).toContainText('unknown contract "FOOUSDT"')
  await page.getByTestId('metrics-issue-0').click()
  await expect(cell(page, 'positions[0].symbol')).toBeFocused()
  await cell(page, 'positions[0].symbol').fill('BTCUSDT')
  await expect(err).toHaveCount(0)
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  await expect(metric(page, 'positions[0].liquidationPrice')).toHaveText('76,282.84')
})
