// Venue CSV exports into books (issue 10, item 5): each venue's export recognised by its header,
// a preview with per-row verdicts, the venue and margin mode guessed from the file (changeable),
// marks taken from the file or asked for, the good rows imported; metrics work at once.
// Screenshots of the preview in English, Japanese and Chinese. Fixtures: tests/fixtures/venue-csv.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { cell, expect, openApp, shot, test } from './fixtures'

const VENUE_CSV = join(__dirname, '../tests/fixtures/venue-csv')

async function choose(page: Page, file: string): Promise<void> {
  await page.getByTestId('import-input').setInputFiles(join(VENUE_CSV, file))
  await expect(page.getByTestId('import-preview')).toBeVisible()
}

test('a Binance export: recognised, guessed, one row refused by the venue, marks from the file', async ({ page }) => {
  await openApp(page)
  await choose(page, 'binance-positions.csv')
  await expect(page.getByTestId('import-format')).toHaveAttribute('data-format', 'binance')
  await expect(page.getByTestId('import-venue')).toHaveValue('binance')
  await expect(page.getByTestId('import-mode')).toHaveValue('cross')
  await expect(page.getByTestId('import-mode-note')).toHaveText('from the file')
  const rows = page.getByTestId('import-row')
  await expect(rows).toHaveCount(3)
  await expect(rows.nth(0)).toHaveAttribute('data-ok', 'true')
  await expect(rows.nth(1)).toHaveAttribute('data-ok', 'true')
  await expect(rows.nth(2)).toHaveAttribute('data-ok', 'false')
  await expect(rows.nth(2)).toContainText('at most 50x for DOGEUSDT at this size, got 100x')
  await expect(page.getByTestId('import-summary')).toHaveText('2 of 3 rows import')
  await expect(page.getByTestId('import-mark-input-BTC')).toHaveValue('122,000')
  await expect(page.getByTestId('import-mark-input-ETH')).toHaveValue('4,300')
  await expect(page.getByTestId('import-confirm')).toHaveText('Import 2 positions')
  await shot(page, 'import-preview-binance-en')
  for (const l of ['ja', 'zh-CN'] as const) {
    // The language switch sits behind the modal: switch it through the page's own storage, as a reload would.
    await page.evaluate((lang) => localStorage.setItem('cascade.locale', lang), l)
    await page.reload()
    await choose(page, 'binance-positions.csv')
    await shot(page, `import-preview-binance-${l}`)
  }
  await page.evaluate(() => localStorage.setItem('cascade.locale', 'en'))
  await page.reload()
  await choose(page, 'binance-positions.csv')

  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('import-preview')).toBeHidden()
  await expect(page.getByTestId('portfolio-item')).toHaveCount(1)
  await expect(cell(page, 'positions[1].symbol')).toHaveValue('ETHUSDT')
  await expect(cell(page, 'positions[1].side')).toHaveValue('short')
  await expect(cell(page, 'prices[0].mark')).toHaveValue('122,000')
  // Marks came with the file: the metrics panel values the book at once (no "prices.BTC missing").
  await expect(page.getByTestId('metrics-error')).toHaveCount(0)
  await expect(page.getByTestId('upnl-0')).toHaveText('+1,250.00')
  await expect(page.getByTestId('upnl-1')).toHaveText('+2,000.00')
})

test('a Hyperliquid export has no marks: they are asked for before the import', async ({ page }) => {
  await openApp(page)
  await choose(page, 'hyperliquid-positions.csv')
  await expect(page.getByTestId('import-format')).toHaveAttribute('data-format', 'hyperliquid')
  await expect(page.getByTestId('import-venue')).toHaveValue('hyperliquid')
  await expect(page.getByTestId('import-missing-marks')).toContainText('BTC, ETH')
  await expect(page.getByTestId('import-confirm')).toBeDisabled()
  await shot(page, 'import-preview-hyperliquid-marks-en')
  await page.getByTestId('import-mark-input-BTC').fill('122,000')
  await page.getByTestId('import-mark-input-ETH').fill('4300')
  await expect(page.getByTestId('import-confirm')).toBeEnabled()
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('import-preview')).toBeHidden()
  await expect(cell(page, 'positions[0].symbol')).toHaveValue('BTC')
  await expect(page.getByTestId('upnl-0')).toHaveText('+2,560.00')
})

test('Bybit and OKX: mode from the file, choices change the verdicts, a bad row is left out', async ({ page }) => {
  await openApp(page)
  await choose(page, 'bybit-positions.csv')
  await expect(page.getByTestId('import-mode')).toHaveValue('isolated')
  await expect(page.getByTestId('import-row').nth(2)).toContainText('unknown contract "XRPUSDT"')
  // Moving the book to Binance keeps the contracts it lists (same name) and re-checks every row.
  await page.getByTestId('import-venue').selectOption('binance')
  await expect(page.getByTestId('import-row').nth(2)).toContainText('unknown contract "XRPUSDT" for venue binance')
  await page.getByTestId('import-venue').selectOption('bybit')
  await page.getByTestId('import-cancel').click()
  await expect(page.getByTestId('import-preview')).toBeHidden()
  await expect(page.getByTestId('portfolio-item')).toHaveCount(0)

  await choose(page, 'okx-positions.csv')
  await expect(page.getByTestId('import-format')).toHaveAttribute('data-format', 'okx')
  const rows = page.getByTestId('import-row')
  await expect(rows.nth(0)).toContainText('BTC-USDT-SWAP → BTCUSDT')
  await expect(rows.nth(0)).toContainText('2.5') // 250 contracts x 0.01 BTC
  await expect(rows.nth(1)).toContainText('ctVal')
  await shot(page, 'import-preview-okx-en')
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('portfolio-item')).toHaveCount(1)
  await expect(cell(page, 'positions[0].qty')).toHaveValue('2.5')
})

test('a file no format knows is refused with what was expected', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('import-input').setInputFiles({ name: 'trades.csv', mimeType: 'text/csv', buffer: Buffer.from('time,coin,px,sz\n1,BTC,1,1\n') })
  await expect(page.getByTestId('import-error')).toBeVisible()
  await expect(page.getByTestId('import-issue')).toContainText('header not recognised')
  await expect(page.getByTestId('import-preview')).toBeHidden()
})
