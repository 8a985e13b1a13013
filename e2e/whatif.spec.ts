// The what-if editor (docs/WHATIF.md): a template book, the editor opened on the Replay screen,
// a slider moved and the book's figures at the bottom following it, saved (then in the scenario
// picker), renamed, run against the book and deleted; screenshots in English, Japanese and Chinese.
import type { Page } from '@playwright/test'
import { expect, importBinanceHedgeBook, newFromTemplate, openApp, shot, test } from './fixtures'

async function openEditor(page: Page, closedShot?: string): Promise<void> {
  await importBinanceHedgeBook(page)
  await page.getByTestId('tab-replay').click()
  await expect(page.getByTestId('replay')).toBeVisible()
  await expect(page.getByTestId('whatif-closed')).toBeVisible()
  await expect(page.getByTestId('scenario-option').first()).toBeVisible()
  if (closedShot) await shot(page, closedShot)
  await page.getByTestId('whatif-open').click()
  await expect(page.getByTestId('whatif-panel')).toBeVisible()
  // The preset as it is: the hedge book's equity at 21:20, worked out by hand in
  // tests/shared/engine/bottom/bottom-metrics.test.ts.
  await expect(page.getByTestId('whatif-equity-bottom')).toHaveText('190,000.00')
  await expect(page.getByTestId('whatif-bottom-at')).toContainText('21:20:00 UTC')
}

/** Sets a range input's value as a drag would, firing `input`. */
async function slide(page: Page, testid: string, value: number): Promise<void> {
  await page.getByTestId(testid).evaluate((el, v) => {
    const input = el as unknown as { value: string; dispatchEvent(e: unknown): boolean }
    input.value = String(v)
    input.dispatchEvent(new Event('input', { bubbles: true }))
  }, value)
}

/** Scrolls the workspace so the element sits just under the sticky Book | Replay tabs. */
async function settled(page: Page): Promise<void> {
  await expect(page.getByTestId('whatif-pending')).toHaveCount(0)
}

async function scrollTo(page: Page, testid: string): Promise<void> {
  await page.evaluate(
    `(() => { const m = document.querySelector('main'); const t = document.querySelector('[data-testid="${testid}"]'); m.scrollTop += t.getBoundingClientRect().top - m.getBoundingClientRect().top - 44 })()`,
  )
}

test('shape a what-if, see the bottom move, save, rename, run and delete it', async ({ page }) => {
  test.setTimeout(180_000)
  await openApp(page)
  await openEditor(page, 'whatif-en-closed')
  await settled(page)
  await scrollTo(page, 'whatif-panel')
  await shot(page, 'whatif-en-open')

  // Drag DOGE's move from -70% to -90%: the number field follows exactly, the bottom updates.
  const dogeInput = page.getByTestId('whatif-move-DOGE-input')
  await expect(dogeInput).toHaveValue('-70')
  await slide(page, 'whatif-move-DOGE-slider', -90)
  await expect(dogeInput).toHaveValue('-90')
  await expect(page.getByTestId('whatif-price-DOGE')).toContainText('0.025')
  // 9M DOGE at 0.025 (225,000) - 675,000 (BTC) - 160,000 (ETH) + 0.5M x 90% (450,000) = -160,000.
  await expect(page.getByTestId('whatif-equity-bottom')).toHaveText('-160,000.00')
  await expect(page.getByTestId('whatif-state')).toHaveText('Liquidated')
  await expect(page.getByTestId('whatif-liquidated-position')).toHaveCount(3)

  // Type an exact value: the field keeps what was typed, the slider follows.
  await dogeInput.fill('-72.5')
  await expect(page.getByTestId('whatif-move-DOGE-slider')).toHaveValue('-72.5')
  await expect(page.getByTestId('whatif-price-DOGE')).toContainText('0.06875')
  await expect(dogeInput).toHaveValue('-72.5')
  // A bad text is refused in place and the figures stay those of the last good value.
  await dogeInput.fill('-120')
  await expect(page.getByTestId('whatif-move-DOGE-error')).toBeVisible()
  await expect(page.getByTestId('whatif-price-DOGE')).toContainText('0.06875')
  await dogeInput.fill('-72.5')

  // A bigger fund and oracle pricing are document fields too (checked in the unit tests); set the fund.
  await page.getByTestId('whatif-fund-input').fill('200,000,000')
  await expect(page.getByTestId('whatif-fund-reset')).toBeVisible()
  await settled(page)
  await scrollTo(page, 'whatif-panel')
  await shot(page, 'whatif-en-edited')

  // Save: it is listed, and it is in the scenario picker.
  await page.getByTestId('whatif-name').fill('DOGE -72.5%, 200M fund')
  await page.getByTestId('whatif-save').click()
  const item = page.getByTestId('whatif-saved-item')
  await expect(item).toHaveCount(1)
  await expect(item.getByTestId('whatif-saved-name')).toHaveText('DOGE -72.5%, 200M fund')
  const id = await item.getAttribute('data-id')
  expect(id).toBe('2025-10-10-binance-whatif-1')
  await expect(page.locator(`[data-testid="scenario-option"][data-id="${id}"]`)).toContainText('DOGE -72.5%, 200M fund')
  await expect(page.getByTestId('whatif-status')).toContainText(`Saved as ${id}`)

  // Rename in place.
  await item.getByTestId('whatif-saved-rename').click()
  await page.getByTestId('whatif-rename-input').fill('Hedge under a deeper DOGE crash')
  await page.getByTestId('whatif-rename-ok').click()
  await expect(item.getByTestId('whatif-saved-name')).toHaveText('Hedge under a deeper DOGE crash')
  await expect(page.locator(`[data-testid="scenario-option"][data-id="${id}"]`)).toContainText('Hedge under a deeper DOGE crash')
  await expect(page.getByTestId('whatif-name')).toHaveValue('Hedge under a deeper DOGE crash')

  // Run it (a smaller crowd keeps the journey short; the seed field is the run form's).
  await page.getByTestId('run-seed').fill('7')
  await page.getByTestId('whatif-run').click()
  await expect(page.locator('[data-testid="run-status"][data-status="done"]')).toContainText('Hedge under a deeper DOGE crash', { timeout: 150_000 })
  await expect(page.getByTestId('run-verdict')).toHaveText(/^(Survived|Liquidated)$/)
  await scrollTo(page, 'whatif-panel')
  await shot(page, 'whatif-en-after-run')

  // Delete after a confirmation: gone from the list and the picker.
  await item.getByTestId('whatif-saved-delete').click()
  await expect(page.getByTestId('whatif-delete-dialog')).toBeVisible()
  await page.getByTestId('whatif-delete-dialog').getByTestId('confirm-ok').click()
  await expect(page.getByTestId('whatif-saved-item')).toHaveCount(0)
  await expect(page.locator(`[data-testid="scenario-option"][data-id="${id}"]`)).toHaveCount(0)
  await expect(page.getByTestId('whatif-status')).toContainText('not saved')
})

test('the editor in Japanese and Chinese, from a calm market', async ({ page }) => {
  test.setTimeout(90_000)
  await openApp(page)
  await openEditor(page)
  // Nothing happening, then one shock typed.
  await page.getByTestId('whatif-kind-calm').click()
  await page.getByTestId('whatif-restart').click()
  await expect(page.getByTestId('whatif-state')).toHaveText('Survives')
  await expect(page.getByTestId('whatif-equity-bottom')).toHaveText('2,250,000.00')
  await page.getByTestId('whatif-move-BTC-input').fill('-30')
  await expect(page.getByTestId('whatif-price-BTC')).toContainText('85,400.00')
  await page.getByTestId('whatif-pull-input').fill('80')
  for (const [locale, state] of [
    ['ja', '存続'],
    ['zh-CN', '存活'],
  ] as const) {
    await page.getByTestId('locale-select').selectOption(locale)
    await expect(page.getByTestId('whatif-state')).toHaveText(state)
    await settled(page)
    await scrollTo(page, 'whatif-panel')
    await shot(page, `whatif-${locale}`)
  }
  await page.getByTestId('locale-select').selectOption('en')
})

test("a market maker's collateral depegged on the venue's book, then priced at the oracle", async ({ page }) => {
  await openApp(page)
  await newFromTemplate(page, /market maker/i)
  await page.getByTestId('tab-replay').click()
  await page.getByTestId('whatif-open').click()
  await expect(page.getByTestId('whatif-state')).toHaveText('Liquidated')
  // Its book holds three pegged assets: each has a depeg row.
  for (const asset of ['USDe', 'WBETH', 'BNSOL']) await expect(page.getByTestId(`whatif-depeg-${asset}`)).toBeVisible()
  const usde = page.getByTestId('whatif-price-USDe')
  await expect(usde).toContainText('0.00%')
  await page.getByTestId('whatif-depeg-depth-USDe-input').fill('35')
  await expect(usde).toContainText('-35.00%')
  await page.getByTestId('whatif-pricing-oracle').click()
  await expect(usde).toContainText('0.00%')
  await page.getByTestId('whatif-pricing-book').click()
  await expect(usde).toContainText('-35.00%')
  // Binance's conversion-rate index (since 2025-10-14): USDe never below 95% of its peg.
  await page.getByTestId('whatif-conversion').check()
  await expect(usde).toContainText('-5.00%')
  await page.getByTestId('whatif-conversion').uncheck()
  await expect(usde).toContainText('-35.00%')
  await settled(page)
  await scrollTo(page, 'whatif-panel')
  await shot(page, 'whatif-en-market-maker')
  await page.getByTestId('theme-toggle').click()
  await settled(page)
  await shot(page, 'whatif-en-market-maker-light')
  await page.getByTestId('theme-toggle').click()
  // A small window: the figures go under the controls, and a line on top keeps the answer in view.
  await page.setViewportSize({ width: 1024, height: 640 })
  await scrollTo(page, 'whatif-withdrawal')
  await expect(page.getByTestId('whatif-strip')).toBeVisible()
  await expect(page.getByTestId('whatif-strip')).toContainText('Liquidated')
  await shot(page, 'whatif-en-small-window')
})
