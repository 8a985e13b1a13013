// The editor as a trader's tool (issue 10, item 4): figures typed with thousands separators and
// shown grouped, the full value on hover, no red on a row before its first keystroke, the venue's
// leverage cap in the cell, initial margin and unrealised PnL per position, an exit price giving
// PnL and ROE; screenshots in English, Japanese and Chinese.
import type { Page } from '@playwright/test'
import { cell, expect, importBinanceHedgeBook, newFromTemplate, newPortfolio, openApp, shot, test } from './fixtures'

async function locale(page: Page, l: 'en' | 'ja' | 'zh-CN'): Promise<void> {
  await page.getByTestId('locale-select').selectOption(l)
  await expect(page.locator('html')).toHaveAttribute('lang', l)
}

test('separators in, grouped out, exactly; no red before the first keystroke', async ({ page }) => {
  await openApp(page)
  await newPortfolio(page)
  await page.getByTestId('add-position').click()
  // A row not typed into is not part of the book: nothing red, the book still saved.
  await expect(page.getByTestId('position-row-0')).toBeVisible()
  await expect(page.locator('[data-testid^="msg-positions[0]"]')).toHaveCount(0)
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  await expect(page.getByTestId('problems')).toHaveCount(0)
  await shot(page, 'editor-new-row-en')

  await cell(page, 'positions[0].symbol').fill('BTCUSDT')
  // From the first keystroke the row counts: the cells still empty say so.
  await expect(page.getByTestId('msg-positions[0].qty')).toBeVisible()
  await cell(page, 'positions[0].qty').fill('1,000.5')
  await cell(page, 'positions[0].entryPrice').fill('１２１，５００') // full-width, as an IME types it
  await cell(page, 'positions[0].leverage').fill('2')
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  await page.getByTestId('add-wallet').click()
  await cell(page, 'wallet[0].asset').fill('USDT')
  await cell(page, 'wallet[0].amount').fill('9000000')
  await page.getByTestId('add-price').click()
  await cell(page, 'prices[0].asset').fill('BTC')
  await cell(page, 'prices[0].mark').fill('122,000')
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  // Shown grouped once the cell is left; the full value on hover.
  await page.getByTestId('section-positions').locator('.card-title, h2, header').first().click({ force: true }).catch(() => {})
  await expect(cell(page, 'positions[0].qty')).toHaveValue('1,000.5')
  await expect(cell(page, 'positions[0].entryPrice')).toHaveValue('121,500')
  await expect(cell(page, 'wallet[0].amount')).toHaveValue('9,000,000')
  await expect(cell(page, 'wallet[0].amount')).toHaveAttribute('title', '9,000,000')
  await expect(cell(page, 'positions[0].symbol')).toHaveAttribute('title', 'BTCUSDT')
  await expect(page.getByTestId('notional-0')).toHaveText('121,560,750.00')

  // The stored book holds plain digits.
  const stored = await page.evaluate(async () => {
    const api = (globalThis as unknown as { cascade: { portfolioList(): Promise<any>; portfolioGet(q: { id: string }): Promise<any> } }).cascade
    const list = await api.portfolioList()
    const rec = await api.portfolioGet({ id: list.value[0].id })
    return rec.value.doc
  })
  expect(stored.positions[0]).toMatchObject({ qty: '1000.5', entryPrice: '121500' })
  expect(stored.wallet[0].amount).toBe('9000000')
  expect(stored.prices).toEqual({ BTC: '122000' })

  // A mis-grouped figure is refused with what was typed, not guessed at.
  await cell(page, 'positions[0].leverage').fill('1,0')
  await expect(page.getByTestId('msg-positions[0].leverage')).toHaveText('must be a positive decimal, got "1,0"')
  // No figure of the last valid book beside the refused cell (it showed that book's margin).
  await expect(page.getByTestId('initial-margin-0')).toHaveText('—')
  await expect(page.getByTestId('upnl-0')).toHaveText('—')
  await shot(page, 'editor-cell-error-en')
  // The cell says it in the app's language, quoting what was typed.
  const said = { ja: '正の数値である必要があります（入力: "1,0"）', 'zh-CN': '必须是正数（实际为 "1,0"）' }
  for (const l of ['ja', 'zh-CN'] as const) {
    await locale(page, l)
    await expect(page.getByTestId('msg-positions[0].leverage')).toHaveText(said[l])
    await expect(cell(page, 'positions[0].leverage')).toHaveAttribute('title', said[l])
    await shot(page, `editor-cell-error-${l}`)
  }
  await locale(page, 'en')
})

test('venue cap in the leverage cell, initial margin, unrealised PnL, exit PnL and ROE', async ({ page }) => {
  await openApp(page)
  await importBinanceHedgeBook(page)
  // BTCUSDT 5,000,000 USDT at 122,000: bracket 4 of the Binance profile, at most 50x.
  await expect(page.getByTestId('hint-positions[0].leverage')).toHaveText('≤50x')
  await expect(page.getByTestId('hint-positions[0].leverage')).toHaveAttribute('title', /bracket 4 \(3,000,000 – 12,000,000 USDT\)/)
  await expect(page.getByTestId('initial-margin-0')).toHaveText('1,666,666.67') // 5,000,000 / 3
  await expect(page.getByTestId('upnl-0')).toHaveText(/^[+-]?[0-9,]+\.[0-9]{2}$|^0\.00$/)

  const exit = cell(page, 'exit[0]')
  await exit.fill('130,000')
  // (130,000 - 122,000) x 5,000,000 / 122,000 = 327,868.85; ROE 327,868.85 / 1,666,666.67 = 19.67%.
  await expect(page.getByTestId('exit-pnl-0')).toHaveText('+327,868.85')
  await expect(page.getByTestId('exit-roe-0')).toHaveText('+19.67%')
  // The DOGE short given by notional (500,000 at 0.25, 15x): exit at 0.2 gains 100,000, ROE 300%.
  await cell(page, 'exit[1]').fill('0.2')
  await expect(page.getByTestId('exit-pnl-1')).toHaveText('+100,000.00')
  await expect(page.getByTestId('exit-roe-1')).toHaveText('+300.00%')
  await cell(page, 'exit[1]').fill('-1')
  await expect(page.getByTestId('msg-exit[1]')).toContainText('must be a positive price')
  await cell(page, 'exit[1]').fill('0.3')
  await expect(page.getByTestId('exit-pnl-1')).toHaveText('-100,000.00')

  // Over the cap: the cell turns red with the engine's rule and the book is kept as a draft.
  await cell(page, 'positions[0].leverage').fill('75')
  await expect(page.getByTestId('msg-positions[0].leverage')).toContainText('at most 50x for BTCUSDT at this size, got 75x')
  await expect(page.getByTestId('save-status')).toHaveText('Saved as draft: 1 problem')
  // No calculator figures for a leverage the venue refuses (the row showed a margin at 75x).
  await expect(page.getByTestId('initial-margin-0')).toHaveText('—')
  await expect(page.getByTestId('exit-roe-0')).toHaveText('')
  await expect(page.getByTestId('initial-margin-1')).not.toHaveText('—')
  await page.evaluate('document.querySelector("main").scrollTop = 0')
  await shot(page, 'editor-calculator-en')
  await locale(page, 'ja')
  await expect(page.getByTestId('section-figures')).toContainText('当初証拠金')
  await shot(page, 'editor-calculator-ja')
  await locale(page, 'zh-CN')
  await expect(page.getByTestId('section-figures')).toContainText('初始保证金')
  await shot(page, 'editor-calculator-zh-CN')
  await locale(page, 'en')
})

test('an invalid draft survives a reload, marked, in every language', async ({ page }) => {
  await openApp(page)
  await newFromTemplate(page, /hedge/i)
  await cell(page, 'positions[0].notional').fill('lots')
  await expect(page.getByTestId('save-status')).toHaveText('Not saved: 1 problem')
  await page.waitForTimeout(600)
  await page.reload()
  await expect(page.getByTestId('restored-draft')).toBeVisible()
  await expect(cell(page, 'positions[0].notional')).toHaveValue('lots')
  await expect(page.getByTestId('msg-positions[0].notional')).toBeVisible()
  await shot(page, 'editor-restored-draft-en')
  await locale(page, 'ja')
  await expect(page.getByTestId('restored-draft')).toContainText('復元しました')
  await shot(page, 'editor-restored-draft-ja')
  await locale(page, 'zh-CN')
  await expect(page.getByTestId('restored-draft')).toContainText('已恢复')
  await shot(page, 'editor-restored-draft-zh-CN')
  await locale(page, 'en')
  // Fixing it saves it and the mark goes.
  await cell(page, 'positions[0].notional').fill('5,000,000')
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  await expect(page.getByTestId('restored-draft')).toHaveCount(0)
})

test('at the smallest window the editor scrolls its tables, never clips the book', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 640 })
  await openApp(page)
  await newFromTemplate(page, /hedge/i)
  await expect(page.getByTestId('section-figures')).toBeVisible()
  // The page itself never scrolls sideways; a table wider than its card scrolls inside the card.
  expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true)
  await expect(cell(page, 'name')).toHaveAttribute('title', /^Hedge book/)
  await shot(page, 'editor-small-window-en')
})
