// Files in and out: a refused import lists every error with its path; good JSON and CSV files
// become books; an export downloads a file that validates again.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parsePortfolioText } from '../shared/schemas/portfolio'
import { cell, expect, FIXTURES, importCsv, openApp, shot, test } from './fixtures'

test('a bad file is refused with every error and its path; a good one is imported', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'bad-book.json'))
  const panel = page.getByTestId('import-error')
  await expect(panel).toBeVisible()
  await expect(page.getByTestId('import-error-file')).toHaveText('bad-book.json')
  await expect(page.getByTestId('import-error-message')).toHaveText('bad-book.json was not imported: 5 problems')
  const issues = page.getByTestId('import-issue')
  await expect(issues).toHaveCount(5)
  const expected = [
    ['marginMode', 'must be one of "cross", "isolated", "portfolio", got "sideways"'],
    ['prices.BTC', 'must be a positive decimal, got "-122000"'],
    ['wallet[0].amount', 'must be a decimal >= 0, got "lots"'],
    ['positions[1].side', 'must be one of "long", "short", got "up"'],
    ['positions[1].qty', 'must be a positive decimal, got "-3"'],
  ]
  for (const [i, [path, message]] of expected.entries()) {
    await expect(issues.nth(i).locator('td').nth(0)).toHaveText(path)
    await expect(issues.nth(i).locator('td').nth(1)).toHaveText(message)
  }
  await expect(page.getByTestId('portfolio-item')).toHaveCount(0)
  await shot(page, '04-import-error')

  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'hedge-book.json'))
  await expect(panel).toHaveCount(0)
  const item = page.getByTestId('portfolio-item')
  await expect(item).toHaveCount(1)
  await expect(item.getByTestId('portfolio-name')).toHaveText('Hedge book')
  await expect(item.getByTestId('portfolio-venue')).toHaveText('binance')
  await expect(item.getByTestId('portfolio-mode')).toHaveText('cross')
  await expect(item.getByTestId('portfolio-positions')).toHaveText('2 positions')
  await expect(cell(page, 'positions[1].notional')).toHaveValue('500,000')
  await expect(cell(page, 'defi[0].supplies[0].amount')).toHaveValue('368,928')
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
})

test('a CSV of positions is imported as a new book', async ({ page }) => {
  await openApp(page)
  await importCsv(page, join(FIXTURES, 'positions.csv'), { BTC: '121500', ETH: '4350' })
  const item = page.getByTestId('portfolio-item')
  await expect(item).toHaveCount(1)
  await expect(item.getByTestId('portfolio-name')).toHaveText('positions')
  await expect(item.getByTestId('portfolio-positions')).toHaveText('2 positions')
  await expect(cell(page, 'positions[1].symbol')).toHaveValue('ETHUSDT')
  await expect(cell(page, 'positions[1].side')).toHaveValue('short')
  await expect(page.getByTestId('notional-0')).toHaveText('303,750.00')
})

test('a file that is not JSON is refused with the reason', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('import-input').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format": ') })
  await expect(page.getByTestId('import-error')).toBeVisible()
  await expect(page.getByTestId('import-issue')).toHaveCount(1)
  await expect(page.getByTestId('import-issue')).toContainText('not valid JSON')
  await page.getByTestId('import-error-close').click()
  await expect(page.getByTestId('import-error')).toHaveCount(0)
})

test('export downloads the book as a file that validates again', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'hedge-book.json'))
  await expect(page.getByTestId('portfolio-item')).toHaveCount(1)
  // An edit just before the export must be in the file.
  await cell(page, 'wallet[0].amount').fill('2500000')

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-portfolio').click()])
  expect(download.suggestedFilename()).toBe('Hedge-book.cascade.json')
  const text = readFileSync(await download.path(), 'utf8')
  const parsed = parsePortfolioText(text)
  expect(parsed.ok, JSON.stringify(parsed)).toBe(true)
  const original = parsePortfolioText(readFileSync(join(FIXTURES, 'hedge-book.json'), 'utf8'))
  if (!parsed.ok || !original.ok) throw new Error('unreachable')
  expect(parsed.value).toEqual({ ...original.value, wallet: [{ asset: 'USDT', amount: '2500000' }] })
})
