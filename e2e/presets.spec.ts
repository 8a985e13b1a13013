// One crash per venue in the Replay picker: a Binance book is offered Binance's presets, every crash
// date (with what it runs on Binance: its preset, or the date's moves not calibrated there) and the
// conversion-rate collateral option; other venues' presets are not offered. Screenshots in en, ja
// and zh-CN.
import { expect, importBinanceHedgeBook, openApp, shot, test } from './fixtures'

test("the picker offers the book's venue's presets and the crash dates, in three languages", async ({ page }) => {
  test.setTimeout(120_000)
  await openApp(page)
  await importBinanceHedgeBook(page)
  await page.getByTestId('tab-replay').click()
  await expect(page.getByTestId('replay')).toBeVisible()

  const calibrated = page.getByTestId('scenario-group-calibrated')
  await expect(calibrated.locator('[data-testid="scenario-option"]')).toHaveCount(2)
  await expect(calibrated).toContainText('Calibrated for Binance')
  await expect(page.locator('[data-testid="scenario-option"][data-id="2025-10-10-bybit"]')).toHaveCount(0)
  await expect(page.locator('[data-testid="scenario-option"][data-id="2020-03-12-bitmex"]')).toHaveCount(0)
  const dates = page.getByTestId('scenario-group-dates')
  await expect(dates.locator('[data-testid="scenario-option"]')).toHaveCount(3)
  await expect(dates.locator('[data-id="2025-10-10"] [data-testid="scenario-resolves"]')).toHaveText('runs 2025-10-10-binance, calibrated for this venue')
  await expect(dates.locator('[data-id="2020-03-12"] [data-testid="scenario-resolves"]')).toContainText('not calibrated')
  await expect(page.getByTestId('run-conversion-pricing')).toBeVisible()
  await page.locator('[data-testid="scenario-option"][data-id="2020-03-12"]').click()
  await shot(page, '30-replay-presets-en')

  await page.getByTestId('locale-select').selectOption('ja')
  await expect(calibrated).toContainText('Binance 向けに較正済み')
  await shot(page, '30-replay-presets-ja')
  await page.getByTestId('locale-select').selectOption('zh-CN')
  await expect(calibrated).toContainText('已针对 Binance 校准')
  await shot(page, '30-replay-presets-zh-CN')
  await page.getByTestId('locale-select').selectOption('en')
})

test('a date with no preset for the venue runs uncalibrated, and the summary says so', async ({ page }) => {
  test.setTimeout(180_000)
  await openApp(page)
  await importBinanceHedgeBook(page)
  await page.getByTestId('tab-replay').click()
  await page.locator('[data-testid="scenario-option"][data-id="2020-03-12"]').click()
  await page.getByTestId('run-seed').fill('7')
  await page.getByTestId('run-start').click()
  await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 150_000 })
  await expect(page.getByTestId('run-calibrated')).toHaveText('not calibrated on binance')
  await shot(page, '31-replay-uncalibrated-summary')
})
