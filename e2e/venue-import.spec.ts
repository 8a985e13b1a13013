// A venue profile the user chooses joins the catalogue: it appears in the venue picker, the book
// switches to it and its metrics come from it. A bad profile is refused with each field's path.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, newPortfolio, openApp, shot, test } from './fixtures'

const binance = JSON.parse(readFileSync(join(__dirname, '../resources/venues/binance.json'), 'utf8'))
const profileFile = (edit: (p: typeof binance) => void) => {
  const p = structuredClone(binance)
  edit(p)
  return { name: 'my-venue.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(p)) }
}

test('importing a venue profile adds it to the picker and selects it; a bad one lists its fields', async ({ page }) => {
  await openApp(page)
  await newPortfolio(page)
  const select = page.getByTestId('venue-select')

  await page.getByTestId('venue-import-input').setInputFiles(profileFile((p) => (p.id = 'binance')))
  await expect(page.getByTestId('venue-import-error')).toContainText('"binance" is a shipped profile and cannot be replaced')

  await page.getByTestId('venue-import-input').setInputFiles(
    profileFile((p) => {
      p.id = 'desk-binance'
      p.contracts.BTCUSDT.brackets[0].mmr = 'high'
    }),
  )
  await expect(page.getByTestId('venue-import-error')).toContainText('contracts.BTCUSDT.brackets[0].mmr: must be a decimal between 0 and 1')
  await shot(page, '11-venue-import-refused')

  await page.getByTestId('venue-import-input').setInputFiles(
    profileFile((p) => {
      p.id = 'desk-binance'
      p.name = 'Desk copy of Binance'
    }),
  )
  await expect(page.getByTestId('venue-import-error')).toHaveCount(0)
  await expect(select).toHaveValue('desk-binance')
  await expect(select.locator('option', { hasText: 'Desk copy of Binance' })).toHaveCount(1)
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  await shot(page, '11-venue-imported')
})
