// A database file of garbage bytes is moved aside, a fresh one opened, and the user told.
import { expect, newPortfolio, openApp, shot, test } from './fixtures'

test('a corrupt database file is reported in a dismissible banner', async ({ page, request }) => {
  const reset = await request.post('/__reset?corrupt=1')
  expect(reset.ok()).toBe(true)
  await openApp(page)
  const banner = page.getByTestId('notice-banner')
  await expect(banner).toHaveCount(1)
  await expect(banner).toHaveAttribute('data-kind', 'corrupt-database-moved')
  await expect(banner).toContainText('could not be read as a Cascade database')
  await expect(banner).toContainText('.corrupt-')
  await shot(page, '06-corrupt-database')

  // The fresh database works.
  await newPortfolio(page)
  await page.getByTestId('notice-dismiss').click()
  await expect(banner).toHaveCount(0)
  await expect(page.getByTestId('portfolio-item')).toHaveCount(1)
})
