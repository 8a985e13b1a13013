// Dark by default; the light theme is one click away and remembered.
import { join } from 'node:path'
import { expect, FIXTURES, openApp, shot, test } from './fixtures'

test('the light theme is applied and remembered across reloads', async ({ page }) => {
  await openApp(page)
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'hedge-book.json'))
  await expect(page.getByTestId('editor')).toBeVisible()
  await page.getByTestId('theme-toggle').click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(238, 241, 245)')
  await shot(page, '07-light-theme')
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await page.getByTestId('theme-toggle').click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
})
