// The sidebar's list actions: rename inline, duplicate, delete behind a confirmation.
import { join } from 'node:path'
import { cell, expect, FIXTURES, importCsv, openApp, shot, test } from './fixtures'

test('rename inline, duplicate, and delete with confirmation', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'hedge-book.json'))
  const items = page.getByTestId('portfolio-item')
  await expect(items).toHaveCount(1)

  // Rename: Escape cancels, Enter commits.
  await page.getByTestId('rename-portfolio').click()
  await page.getByTestId('rename-input').fill('Never mind')
  await page.getByTestId('rename-input').press('Escape')
  await expect(items.first().getByTestId('portfolio-name')).toHaveText('Hedge book')
  await page.getByTestId('rename-portfolio').click()
  await expect(page.getByTestId('rename-input')).toBeFocused()
  await page.getByTestId('rename-input').fill('Desk A')
  await page.getByTestId('rename-input').press('Enter')
  await expect(items.first().getByTestId('portfolio-name')).toHaveText('Desk A')
  await expect(cell(page, 'name')).toHaveValue('Desk A')
  await expect(page.getByTestId('save-status')).toHaveText('Saved')

  // Duplicate: the copy is selected and has the same book.
  await page.getByTestId('duplicate-portfolio').click()
  await expect(items).toHaveCount(2)
  await expect(cell(page, 'name')).toHaveValue('Desk A (copy)')
  await expect(page.locator('[data-testid="portfolio-item"][aria-selected="true"]')).toHaveAttribute('data-name', 'Desk A (copy)')
  await expect(cell(page, 'positions[0].qty')).toHaveValue('40.98')

  // Delete: cancel keeps it; confirm removes it and selects the neighbour.
  await page.getByTestId('delete-portfolio').click()
  const dialog = page.getByTestId('delete-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('Desk A (copy)')
  await expect(dialog).toContainText('2 positions')
  await expect(page.getByTestId('confirm-cancel')).toBeFocused()
  await shot(page, '05-delete-dialog')
  await page.getByTestId('confirm-cancel').click()
  await expect(dialog).toBeHidden()
  await expect(items).toHaveCount(2)

  await page.getByTestId('delete-portfolio').click()
  await page.getByTestId('confirm-ok').click()
  await expect(dialog).toBeHidden()
  await expect(items).toHaveCount(1)
  await expect(items.first().getByTestId('portfolio-name')).toHaveText('Desk A')
  await expect(cell(page, 'name')).toHaveValue('Desk A')

  await page.reload()
  await expect(items).toHaveCount(1)
  await expect(items.first().getByTestId('portfolio-name')).toHaveText('Desk A')
})

test('deleting the last portfolio returns to the empty state', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('empty-new').click()
  await expect(page.getByTestId('portfolio-item')).toHaveCount(1)
  await page.getByTestId('delete-portfolio').click()
  await page.getByTestId('confirm-ok').click()
  await expect(page.getByTestId('portfolio-item')).toHaveCount(0)
  await expect(page.getByTestId('empty-state')).toContainText('No portfolios yet')
})

test('selecting another portfolio keeps each one’s edits', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'hedge-book.json'))
  await importCsv(page, join(FIXTURES, 'positions.csv'), { BTC: '121500', ETH: '4350' })
  const items = page.getByTestId('portfolio-item')
  await expect(items).toHaveCount(2)
  await expect(cell(page, 'name')).toHaveValue('positions')
  await cell(page, 'positions[0].leverage').fill('7')
  await page.locator('[data-testid="portfolio-item"][data-name="Hedge book"]').click()
  await expect(cell(page, 'name')).toHaveValue('Hedge book')
  await page.locator('[data-testid="portfolio-item"][data-name="positions"]').click()
  await expect(cell(page, 'positions[0].leverage')).toHaveValue('7')
  await page.reload()
  await page.locator('[data-testid="portfolio-item"][data-name="positions"]').click()
  await expect(cell(page, 'positions[0].leverage')).toHaveValue('7')
})
