// The store as a whole from the status bar: Back up saves it as a download; Restore… puts a backup
// back after a confirmation (a book added since is gone, the window reloads with a notice); a file
// that is not a backup is refused with its reason; a damaged row is quarantined, not the store.
import { join } from 'node:path'
import { expect, FIXTURES, openApp, shot, test } from './fixtures'

test('back up, add a book, restore the backup: the book is gone and the user is told', async ({ page }, testInfo) => {
  await openApp(page)
  const items = page.getByTestId('portfolio-item')
  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'hedge-book.json'))
  await expect(items).toHaveCount(1)

  const downloading = page.waitForEvent('download')
  await page.getByTestId('store-backup').click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^cascade-backup-\d{4}-\d\d-\d\dT[\d-]+Z\.sqlite$/)
  const backup = testInfo.outputPath(download.suggestedFilename())
  await download.saveAs(backup)

  await page.getByTestId('new-portfolio').click()
  await expect(items).toHaveCount(2)
  await expect(page.getByTestId('save-status')).toHaveText('Saved')

  await page.getByTestId('store-restore-input').setInputFiles(backup)
  const dialog = page.getByTestId('restore-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText(download.suggestedFilename())
  await expect(dialog.getByTestId('confirm-cancel')).toBeFocused()
  await shot(page, '16-restore-confirm')
  await dialog.getByTestId('confirm-ok').click()

  await expect(items).toHaveCount(1)
  await expect(items.first().getByTestId('portfolio-name')).toHaveText('Hedge book')
  const banner = page.locator('[data-testid="notice-banner"][data-kind="store-restored"]')
  await expect(banner).toContainText(`The store was restored from ${download.suggestedFilename()}`)
  await expect(banner).toContainText('cascade.sqlite.before-restore-')
  await shot(page, '17-restored')

  // The restored store is in use.
  await page.getByTestId('new-portfolio').click()
  await expect(items).toHaveCount(2)
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
})

test('a file that is not a Cascade backup is refused with its reason, nothing replaced', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'hedge-book.json'))
  const items = page.getByTestId('portfolio-item')
  await expect(items).toHaveCount(1)
  await page.getByTestId('store-restore-input').setInputFiles(join(FIXTURES, 'hedge-book.json'))
  await page.getByTestId('restore-dialog').getByTestId('confirm-ok').click()
  await expect(page.getByTestId('store-error')).toHaveText(/hedge-book\.json was not restored: it is not an SQLite database \(no SQLite header\)\. Nothing was replaced\./)
  await expect(items).toHaveCount(1)
  await shot(page, '18-restore-refused')
})

test('a damaged row is quarantined with its reason; the other books stay', async ({ page, request }) => {
  expect((await request.post('/__reset?damaged-row=1')).ok()).toBe(true)
  await openApp(page)
  await expect(page.getByTestId('portfolio-item')).toHaveCount(2)
  const banner = page.locator('[data-testid="notice-banner"][data-kind="rows-quarantined"]')
  await expect(banner).toContainText('1 damaged row was moved into quarantine (portfolios: 1); the rest of the store is in use')
  await expect(banner).toContainText('CHECK constraint failed: json_valid(document)')
  await expect(page.getByTestId('quarantine-open')).toHaveText(/1 quarantined row/)
  await shot(page, '19-quarantine-notice')

  await banner.getByTestId('notice-show-quarantine').click()
  const rows = page.getByTestId('quarantine-row')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('portfolios')
  await expect(rows.first()).toContainText('CHECK constraint failed: json_valid(document)')
  await shot(page, '20-quarantine-dialog')
  const downloading = page.waitForEvent('download')
  await rows.first().getByTestId('quarantine-export').click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^quarantined-portfolios-.*\.json$/)
  const text = await (await download.createReadStream()).toArray()
  expect(JSON.parse(Buffer.concat(text).toString('utf8'))).toMatchObject({ table: 'portfolios', row: { name: 'Beta book' } })
  await page.getByTestId('quarantine-close').click()
  await expect(page.getByTestId('quarantine-dialog')).toBeHidden()
})
