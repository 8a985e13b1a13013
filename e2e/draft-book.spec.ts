// A book the engine refuses is saved as a draft (docs/FORMATS.md §2.6): leverage 200 on a BTC
// position is kept, its cell shows the bracket's limit, the pill says "Saved as draft", and a
// reload brings it back marked as a draft.
import { cell, expect, newPortfolio, openApp, shot, test } from './fixtures'

test('leverage above the bracket is kept as a draft, shown in its cell, and stays a draft after a reload', async ({ page }) => {
  await openApp(page)
  await newPortfolio(page)
  await cell(page, 'name').fill('Too levered')
  await page.getByTestId('add-position').click()
  await page.keyboard.type('btcusdt')
  await cell(page, 'positions[0].qty').fill('1')
  await cell(page, 'positions[0].entryPrice').fill('122000')
  await cell(page, 'positions[0].leverage').fill('200')
  await page.getByTestId('add-price').click()
  await cell(page, 'prices[0].asset').fill('BTC')
  await cell(page, 'prices[0].mark').fill('122000')

  const status = page.getByTestId('save-status')
  const limit = 'at most 150x for BTCUSDT at this size, got 200x (notional 122,000 USDT is in bracket 1: 0 - 300,000)'
  await expect(status).toHaveText('Saved as draft: 1 problem')
  await expect(status).toHaveAttribute('data-state', 'draft')
  await expect(page.getByTestId('msg-positions[0].leverage')).toHaveText(limit)
  await expect(cell(page, 'positions[0].leverage')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByTestId('problems')).toContainText('saved as a draft')
  await expect(page.getByTestId('portfolio-draft')).toBeVisible()
  await shot(page, 'draft-01-leverage-200')

  await page.reload()
  await expect(page.getByTestId('editor')).toBeVisible()
  await expect(cell(page, 'positions[0].leverage')).toHaveValue('200')
  await expect(status).toHaveText('Saved as draft: 1 problem')
  await expect(page.getByTestId('msg-positions[0].leverage')).toHaveText(limit)
  await expect(page.getByTestId('portfolio-draft')).toBeVisible()
  await shot(page, 'draft-02-after-reload')

  await cell(page, 'positions[0].leverage').fill('20')
  await expect(status).toHaveText('Saved')
  await expect(page.getByTestId('msg-positions[0].leverage')).toHaveCount(0)
  await expect(page.getByTestId('portfolio-draft')).toHaveCount(0)
})
