// Keys (issue 10, item 6): `?` lists every shortcut (drawn from the same list the handler uses),
// Ctrl/Cmd+Enter runs the replay of the selected book, Esc cancels it while it runs. Screenshots
// of the list in English, Japanese and Chinese.
import type { Page } from '@playwright/test'
import { cell, expect, newFromTemplate, openApp, saveScenarioFrom, shot, test } from './fixtures'

/** The 10/10 preset made slow (100 ms steps, 20k market makers): a run that is still going when Esc comes. */
const SLOW_ID = 'e2e-keys-slow-2025-10-10'
async function saveSlowScenario(page: Page): Promise<void> {
  await saveScenarioFrom(page, '2025-10-10', { id: SLOW_ID, name: '10/10 slow (e2e keys)', step: '100ms', crowd: { marketMakers: { accounts: 20000 } } })
}

test('? lists every shortcut; typed in a cell it is just a character', async ({ page }) => {
  await openApp(page)
  await newFromTemplate(page, /hedge/i)
  await cell(page, 'positions[0].id').press('Shift+?')
  await expect(page.getByTestId('shortcuts-help')).toBeHidden()
  await expect(cell(page, 'positions[0].id')).toHaveValue(/\?/)
  await page.keyboard.press('Control+z')
  await page.locator('body').click({ position: { x: 5, y: 860 } })
  await page.keyboard.press('Shift+?')
  const help = page.getByTestId('shortcuts-help')
  await expect(help).toBeVisible()
  for (const id of ['run', 'cancel', 'new', 'undo', 'redo', 'book', 'replay', 'studies', 'help']) await expect(page.getByTestId(`shortcut-${id}`)).toBeVisible()
  await expect(page.getByTestId('shortcut-run')).toContainText('Ctrl+Enter')
  await expect(page.getByTestId('shortcut-redo')).toContainText('Ctrl+Shift+Z')
  await expect(page.getByTestId('shortcut-redo')).toContainText('Ctrl+Y')
  await shot(page, 'shortcuts-help-en')
  await page.keyboard.press('Escape')
  await expect(help).toBeHidden()
  for (const l of ['ja', 'zh-CN'] as const) {
    await page.getByTestId('locale-select').selectOption(l)
    await page.getByTestId('shortcuts-open').click()
    await expect(help).toBeVisible()
    await shot(page, `shortcuts-help-${l}`)
    await page.getByTestId('shortcuts-close').click()
    await expect(help).toBeHidden()
  }
  await page.getByTestId('locale-select').selectOption('en')
})

test('Ctrl+Enter runs the replay, Esc cancels it', async ({ page }) => {
  test.setTimeout(120_000)
  await openApp(page)
  await saveSlowScenario(page)
  await newFromTemplate(page, /hedge/i)
  await page.getByTestId('tab-replay').click()
  const option = page.locator(`[data-testid="scenario-option"][data-id="${SLOW_ID}"]`)
  await option.click()
  await expect(option).toHaveClass(/\bon\b/)
  await page.getByTestId('tab-book').click()
  // From the Book tab, with the focus in a cell: the run starts and the Replay tab shows it.
  await cell(page, 'positions[0].leverage').focus()
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('run-progress')).toBeVisible()
  await expect(page.getByTestId('run-item').first()).toHaveAttribute('data-status', 'running')
  // A second Ctrl+Enter while it runs starts nothing more.
  await page.keyboard.press('Control+Enter')
  await page.keyboard.press('Escape')
  await expect(page.locator('[data-testid="run-status"][data-status="cancelled"]')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('run-item')).toHaveCount(1)
  await expect(page.getByTestId('run-item').first()).toHaveAttribute('data-status', 'cancelled')
})
