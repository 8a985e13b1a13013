// "New from template": the example books that ship in resources/examples/ (a 10/11 hedge book, a
// USDe loop, a market maker's unified account) each become a new, saved, valued portfolio.
import { cell, expect, newFromTemplate, openApp, shot, test } from './fixtures'

test('the template menu lists the example books', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('template-menu').click()
  const list = page.getByTestId('template-list')
  await expect(list).toBeVisible()
  await expect(page.getByTestId('template-item').first()).toBeVisible()
  expect(await page.getByTestId('template-item').count()).toBeGreaterThanOrEqual(3)
  await page.getByTestId('template-item').first().hover()
  await shot(page, '11-template-menu')
  // Escape closes it without creating anything.
  await page.keyboard.press('Escape')
  await expect(list).toHaveCount(0)
  await expect(page.getByTestId('portfolio-item')).toHaveCount(0)
})

test('every template creates a saved book that the engine can value', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('template-menu').click()
  // The menu loads the templates when it first opens: count them once they are there (counted at
  // once, a slow load gave 0, the loop made nothing, and the "fresh name" below was the first).
  await expect(page.getByTestId('template-item').first()).toBeVisible()
  const count = await page.getByTestId('template-item').count()
  expect(count).toBeGreaterThanOrEqual(3)
  await page.keyboard.press('Escape')
  for (let i = 0; i < count; i++) {
    await page.getByTestId('template-menu').click()
    const item = page.getByTestId('template-item').nth(i)
    const name = (await item.locator('.name').textContent()) ?? ''
    await item.click()
    await expect(page.getByTestId('portfolio-item')).toHaveCount(i + 1)
    await expect(cell(page, 'name')).toHaveValue(name)
    await expect(page.getByTestId('save-status')).toHaveText('Saved')
    await expect(page.getByTestId('problems')).toHaveCount(0)
    // Shipped books are complete: the engine values them (no missing price, no unknown contract).
    await expect(page.getByTestId('metrics-state')).toHaveText('Live')
    await expect(page.getByTestId('metric-account.marginBalance')).not.toHaveText('—')
  }
  // The same template twice gets a fresh name; the copy is independent of the first.
  const first = await newFromTemplate(page)
  await expect(cell(page, 'name')).toHaveValue(`${first} 2`)
  await page.reload()
  await expect(page.getByTestId('portfolio-item')).toHaveCount(count + 1)
})

test('a unified (portfolio margin) template is judged by uniMMR on its colour band', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('template-menu').click()
  const unified = page.getByTestId('template-item').filter({ hasText: 'unified (portfolio margin)' })
  await expect(unified.first()).toBeVisible()
  await unified.first().click()
  await expect(page.getByTestId('metrics-state')).toHaveText('Live')
  await expect(page.getByTestId('mode-select')).toHaveValue('portfolio')
  await expect(page.getByTestId('metric-account.uniMMR')).toHaveText(/^[0-9,]+\.[0-9]{3}$/)
  await expect(page.getByTestId('metric-account.marginRatio')).toBeVisible()
  await expect(page.getByTestId('ratio-band')).toHaveAttribute('data-band', /^(safe|caution|danger|liquidation)$/)
  await expect(page.getByTestId('ratio-band')).toContainText('liquidation ≤')
  await shot(page, '10-metrics-panel-unified')
  await page.getByTestId('metric-account.uniMMR').hover()
  await expect(page.getByTestId('explain-tip')).toContainText('uniMMR = sum(adjusted equity) / sum(MM)')
})

test("a loop's net value is its equity on the Book tab, and its replay starts there", async ({ page }) => {
  test.setTimeout(180_000)
  await openApp(page)
  await newFromTemplate(page, /USDe loop/i)
  await expect(page.getByTestId('metrics-state')).toHaveText('Live')
  // No exchange positions: the margin balance is 0 and the book is worth its loop (100,000 USDe at par).
  await expect(page.getByTestId('metric-account.equity')).toHaveText('100,000.00')
  await expect(page.getByTestId('metric-account.marginBalance')).toHaveText('0.00')
  await expect(page.getByTestId('metric-account.defiNetValue')).toHaveText('100,000.00')
  await expect(page.getByTestId('metric-defi[0].netValue')).toHaveText('100,000.00')
  await shot(page, '10-metrics-panel-loop')
  await page.getByTestId('metric-account.equity').hover()
  await expect(page.getByTestId('explain-tip')).toContainText('margin balance + DeFi net value')
  await page.mouse.move(5, 5)
  // The new labels in Japanese (the catalogues carry them in every language).
  await page.getByTestId('locale-select').selectOption('ja')
  await expect(page.getByTestId('metrics-account')).toContainText('DeFi正味価値')
  await shot(page, '10-metrics-panel-loop-ja')
  await page.getByTestId('locale-select').selectOption('en')
  const equity = await page.getByTestId('metric-account.equity').textContent()
  await page.getByTestId('tab-replay').click()
  await page.locator('[data-testid="scenario-option"][data-id="2025-10-10"]').click()
  await page.getByTestId('run-start').click()
  await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 150_000 })
  await expect(page.getByTestId('run-start-equity')).toHaveText(equity ?? '')
})
