// Every screen outside the book editor in English, Japanese and Chinese, screenshotted for a person
// to look at (e2e/screenshots/lang-<locale>-*.png): the empty state and its templates, the live
// metrics of a Binance, a Bybit and an OKX unified book (each venue's own term for the account
// ratio), an explanation, a draft the engine refuses, the replay (summary with the loss waterfall,
// liquidation path, timeline and ADL strip), dialogs, and the 1024x640 window. Books are made
// through the app's own API; the language is switched with the title bar's select, live.
import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, openApp, shot, test } from './fixtures'

const LOCALES = ['en', 'ja', 'zh-CN'] as const
type Locale = (typeof LOCALES)[number]

// The hedge book as it shipped on Binance (USDT contracts, a unified account): the venues' unified terms below need it.
const HEDGE = JSON.parse(readFileSync(join(__dirname, 'fixtures/hedge-book-binance.json'), 'utf8')) as Record<string, unknown>

/** What each language calls things the journeys check (a few words per screen, the catalogues hold the rest). */
const WORDS: Record<Locale, { saved: string; live: string; empty: string; survivedOrLiquidated: RegExp; bybitRatio: string; okxRatio: string; path: string }> = {
  en: { saved: 'Saved', live: 'Live', empty: 'No portfolios yet', survivedOrLiquidated: /^(Survived|Liquidated)$/, bybitRatio: 'Account MM Rate', okxRatio: 'Margin ratio', path: 'Liquidation path' },
  ja: { saved: '保存済み', live: 'リアルタイム', empty: 'ポートフォリオはまだありません', survivedOrLiquidated: /^(生存|強制清算)$/, bybitRatio: '口座維持証拠金率', okxRatio: '証拠金率', path: '清算の連鎖' },
  'zh-CN': { saved: '已保存', live: '实时', empty: '还没有投资组合', survivedOrLiquidated: /^(存活|已强平)$/, bybitRatio: '账户维持保证金率', okxRatio: '保证金率', path: '强平路径' },
}

async function setLocale(page: Page, locale: Locale): Promise<void> {
  await page.getByTestId('locale-select').selectOption(locale)
  await expect(page.locator('html')).toHaveAttribute('lang', locale)
}

/** Saves a book through the app's API (the same door the editor uses) and returns its id. */
async function saveBook(page: Page, doc: Record<string, unknown>): Promise<string> {
  const r = await page.evaluate(async (d) => (globalThis as unknown as { cascade: { portfolioSave(q: { doc: unknown }): Promise<{ ok: boolean; value?: { id: string } }> } }).cascade.portfolioSave({ doc: d }), doc)
  expect(r.ok, JSON.stringify(r)).toBe(true)
  return r.value!.id
}

async function select(page: Page, name: string): Promise<void> {
  // On the name: a selected item shows its actions (Duplicate, ...) where a click in its middle lands.
  await page.locator(`[data-testid="portfolio-item"][data-name="${name}"]`).getByTestId('portfolio-name').click()
  await expect(page.locator(`[data-testid="portfolio-item"][data-name="${name}"]`)).toHaveAttribute('aria-selected', 'true')
}

/** Scrolls the workspace so `selector` sits just under the sticky Book | Replay tabs. */
async function scrollMainTo(page: Page, selector: string): Promise<void> {
  await page.evaluate(
    `(() => { const m = document.querySelector('main'); const t = document.querySelector(${JSON.stringify(selector)}); m.scrollTop += t.getBoundingClientRect().top - m.getBoundingClientRect().top - 44 })()`,
  )
}

test('the empty state points at the templates, in every language', async ({ page }) => {
  await openApp(page)
  for (const locale of LOCALES) {
    await setLocale(page, locale)
    await expect(page.getByTestId('empty-state')).toContainText(WORDS[locale].empty)
    await expect(page.getByTestId('empty-template')).toHaveCount(3)
    await shot(page, `lang-${locale}-01-empty`)
  }
  // One click on a template makes the book, named in the app's language.
  await setLocale(page, 'ja')
  await page.locator('[data-testid="empty-template"][data-id="hedge-book"]').click()
  await expect(page.getByTestId('save-status')).toHaveText(WORDS.ja.saved)
  await expect(page.getByTestId('portfolio-item')).toHaveCount(1)
  await expect(page.getByTestId('portfolio-name')).toContainText('ヘッジブック')
  await expect(page.getByTestId('metrics-state')).toHaveText(WORDS.ja.live)
})

test('metrics, explanations, drafts and dialogs in every language', async ({ page }) => {
  test.setTimeout(120_000)
  await openApp(page)
  await saveBook(page, { ...HEDGE, name: 'Hedge book (Binance)' })
  await saveBook(page, { ...HEDGE, name: 'Hedge book (Bybit)', venue: 'bybit' })
  await saveBook(page, { ...HEDGE, name: 'Hedge book (OKX)', venue: 'okx' })
  // Leverage above the bracket: saved as a draft the engine refuses.
  const positions = (HEDGE.positions as Array<Record<string, unknown>>).map((p, i) => (i === 0 ? { ...p, leverage: '200' } : p))
  await saveBook(page, { ...HEDGE, name: 'Draft book', positions })
  await page.reload()
  await expect(page.getByTestId('portfolio-item')).toHaveCount(4)

  for (const locale of LOCALES) {
    await setLocale(page, locale)
    await select(page, 'Hedge book (Binance)')
    await expect(page.getByTestId('metrics-state')).toHaveText(WORDS[locale].live)
    await shot(page, `lang-${locale}-02-book-binance`)
    await page.getByTestId('metric-positions[0].liquidationPrice').hover()
    await expect(page.getByTestId('explain-tip')).toBeVisible()
    await shot(page, `lang-${locale}-03-explain`)
    await page.getByTestId('metric-account.uniMMR').hover()
    await expect(page.getByTestId('explain-tip')).toBeVisible()
    await shot(page, `lang-${locale}-03-explain-ratio`)
    await page.mouse.move(5, 5)

    await select(page, 'Hedge book (Bybit)')
    await expect(page.getByTestId('metrics-account')).toContainText(WORDS[locale].bybitRatio)
    await expect(page.getByTestId('metrics-account')).not.toContainText('uniMMR')
    await shot(page, `lang-${locale}-04-book-bybit`)
    await select(page, 'Hedge book (OKX)')
    await expect(page.getByTestId('metrics-account')).toContainText(WORDS[locale].okxRatio)
    await expect(page.getByTestId('metrics-account')).not.toContainText('uniMMR')
    await shot(page, `lang-${locale}-05-book-okx`)

    await select(page, 'Draft book')
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'draft')
    await expect(page.getByTestId('problems')).toBeVisible()
    await shot(page, `lang-${locale}-06-draft`)

    await page.getByTestId('delete-portfolio').click()
    await expect(page.getByTestId('delete-dialog')).toBeVisible()
    await shot(page, `lang-${locale}-07-delete-dialog`)
    await page.getByTestId('delete-dialog').getByTestId('confirm-cancel').click()

    await page.getByTestId('store-restore-input').setInputFiles({ name: 'backup.sqlite', mimeType: 'application/vnd.sqlite3', buffer: Buffer.from('not really') })
    await expect(page.getByTestId('restore-dialog')).toBeVisible()
    await shot(page, `lang-${locale}-08-restore-dialog`)
    await page.getByTestId('restore-dialog').getByTestId('confirm-cancel').click()
  }
  await setLocale(page, 'en')
})

test('a replay in every language: summary, waterfall, path, timeline, ADL strip', async ({ page }) => {
  test.setTimeout(240_000)
  await openApp(page)
  await saveBook(page, { ...HEDGE, name: 'Hedge book' })
  await page.reload()
  await select(page, 'Hedge book')
  await page.getByTestId('tab-replay').click()
  await page.locator('[data-testid="scenario-option"][data-id="2025-10-10"]').click()
  await page.getByTestId('run-seed').fill('28')
  await page.getByTestId('run-start').click()
  await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 150_000 })

  // Hovering the ADL strip at 21:16 points the timeline at 21:16 (it pointed at the strip
  // segment's data index before: 20:01:10). The strip's axis runs from the first to the last
  // sample, between the timeline's margins (charts/timeline.ts TIME_GRID: 64 px left, 58 px right).
  const span = await page.evaluate(async () => {
    const api = (globalThis as unknown as { cascade: { runList(): Promise<any>; runGet(q: { id: string }): Promise<any> } }).cascade
    const list = await api.runList()
    const view = await api.runGet({ id: list.value[0].id })
    const t = view.value.series.t as string[]
    return { t0: Date.parse(t[0]), t1: Date.parse(t[t.length - 1]) }
  })
  await scrollMainTo(page, '[data-testid="timeline-section"]')
  const strip = page.getByTestId('adl-strip')
  await strip.scrollIntoViewIfNeeded()
  const box = (await strip.boundingBox())!
  const at = Date.parse('2025-10-10T21:16:00Z')
  const x = 64 + ((at - span.t0) / (span.t1 - span.t0)) * (box.width - 64 - 58)
  await strip.hover({ position: { x, y: 20 } })
  const timelineTip = page.getByTestId('timeline-chart').locator('div').filter({ hasText: /UTC/ }).last()
  await expect(timelineTip).toBeVisible()
  await expect(timelineTip).toContainText(/21:1[56]:\d\d UTC/)
  await expect(timelineTip).not.toContainText('20:01')
  await shot(page, 'lang-en-14-adl-strip-hover')
  await page.mouse.move(5, 5)

  for (const locale of LOCALES) {
    await setLocale(page, locale)
    await expect(page.getByTestId('run-verdict')).toHaveText(WORDS[locale].survivedOrLiquidated)
    await expect(page.getByTestId('path-section')).toContainText(WORDS[locale].path)
    await page.locator('main').evaluate((m) => (m.scrollTop = 0))
    await shot(page, `lang-${locale}-10-replay-setup`)
    await scrollMainTo(page, '[data-testid="run-status"][data-status="done"]')
    await shot(page, `lang-${locale}-11-replay-summary`)
    await page.getByTestId('loss-waterfall').locator('canvas').first().hover({ position: { x: 60, y: 60 } })
    await shot(page, `lang-${locale}-11-replay-waterfall-tip`)
    await scrollMainTo(page, '[data-testid="path-section"]')
    await shot(page, `lang-${locale}-12-replay-path`)
    await page.getByTestId('layout-time').click()
    await shot(page, `lang-${locale}-12-replay-path-time`)
    await page.getByTestId('layout-depth').click()
    await scrollMainTo(page, '[data-testid="timeline-section"]')
    await page.mouse.move(5, 5)
    await shot(page, `lang-${locale}-13-replay-timeline`)
  }
  await setLocale(page, 'en')
})

test('the 1024x640 window in every language: metrics beside the book, a readable path graph', async ({ page }) => {
  test.setTimeout(240_000)
  await page.setViewportSize({ width: 1024, height: 640 })
  await openApp(page)
  await saveBook(page, { ...HEDGE, name: 'Hedge book' })
  await page.reload()
  await select(page, 'Hedge book')
  await page.getByTestId('tab-replay').click()
  await page.locator('[data-testid="scenario-option"][data-id="2025-10-10"]').click()
  await page.getByTestId('run-seed').fill('28')
  await page.getByTestId('run-start').click()
  await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 150_000 })
  for (const locale of LOCALES) {
    await setLocale(page, locale)
    await page.getByTestId('tab-book').click()
    await page.locator('main').evaluate((m) => (m.scrollTop = 0))
    await expect(page.getByTestId('metrics-panel')).toBeVisible()
    // The live metrics are in the first screenful, above the tables, not below every one of them.
    const panel = (await page.getByTestId('metrics-panel').boundingBox())!
    const positions = (await page.getByTestId('metrics-positions').boundingBox())!
    expect(panel.y).toBeGreaterThanOrEqual(0)
    expect(positions.y + positions.height).toBeLessThan(640)
    await expect(page.getByTestId('portfolio-item')).toHaveCount(1)
    await shot(page, `lang-${locale}-20-small-book`)
    // Folded away, the editor has the window; the choice holds until unfolded.
    await page.getByTestId('metrics-fold').click()
    await expect(page.getByTestId('metrics-account')).toBeHidden()
    await shot(page, `lang-${locale}-20-small-book-folded`)
    await page.getByTestId('metrics-fold').click()
    await expect(page.getByTestId('metrics-account')).toBeVisible()
    await page.getByTestId('tab-replay').click()
    await scrollMainTo(page, '[data-testid="path-section"]')
    await shot(page, `lang-${locale}-21-small-path`)
    await scrollMainTo(page, '[data-testid="run-status"][data-status="done"]')
    await shot(page, `lang-${locale}-22-small-summary`)
  }
  await setLocale(page, 'en')
})
