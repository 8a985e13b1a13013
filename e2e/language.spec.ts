// The language switch: English by default on an English system, Japanese and Chinese one choice away,
// remembered across reloads, and the page's lang attribute follows (fonts and line breaking).
import { expect, openApp, test } from './fixtures'

test('the language is switched and remembered across reloads', async ({ page }) => {
  await openApp(page)
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByTestId('theme-toggle')).toHaveText('☀ Light')
  await page.getByTestId('locale-select').selectOption('ja')
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja')
  await expect(page.getByTestId('theme-toggle')).toHaveText('☀ ライト')
  await page.reload()
  await expect(page.getByTestId('theme-toggle')).toHaveText('☀ ライト')
  await page.getByTestId('locale-select').selectOption('zh-CN')
  await expect(page.getByTestId('theme-toggle')).toHaveText('☀ 浅色')
  await page.getByTestId('locale-select').selectOption('en')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
})
