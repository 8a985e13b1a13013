// Shared e2e fixtures: each test starts on a fresh database, fails on any console error or CSP
// violation, and can save a screenshot of what it shows to e2e/screenshots/. Helpers open the
// app, create a book (New, or New from template) and find an editor cell.
import { test as base, expect, type Page } from '@playwright/test'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export { expect }

export const SCREENSHOTS = join(__dirname, 'screenshots')
export const FIXTURES = join(__dirname, 'fixtures')

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8')
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  // No focus ring or caret, so screenshots show the state, not where the test last typed.
  // (A string, because this file is type-checked without the DOM lib.)
  await page.evaluate('document.activeElement && document.activeElement.blur()')
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page, request }, use) => {
      const errors: string[] = []
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text())
      })
      page.on('pageerror', (e) => errors.push(e.message))
      const reset = await request.post('/__reset')
      expect(reset.ok()).toBe(true)
      await use(errors)
      expect(errors, 'console errors (CSP violations included)').toEqual([])
    },
    { auto: true },
  ],
})

/** Opens the app and waits until the portfolio list has loaded. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/')
  await expect(page.getByTestId('sidebar')).toBeVisible()
  await expect(page.getByTestId('portfolio-count')).toBeVisible()
}

/** Creates a portfolio with the New button and waits until its editor is shown and saved. */
export async function newPortfolio(page: Page): Promise<void> {
  await page.getByTestId('new-portfolio').click()
  await expect(page.getByTestId('editor')).toBeVisible()
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
}

export function cell(page: Page, key: string) {
  return page.getByTestId(`cell-${key}`)
}

/**
 * Imports a CSV of positions through its preview: waits for the preview, types the marks given
 * (asset -> price), confirms, and waits for the new book's editor.
 */
export async function importCsv(page: Page, path: string, marks: Record<string, string> = {}): Promise<void> {
  await page.getByTestId('import-input').setInputFiles(path)
  await expect(page.getByTestId('import-preview')).toBeVisible()
  for (const [asset, value] of Object.entries(marks)) await page.getByTestId(`import-mark-input-${asset}`).fill(value)
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('import-preview')).toBeHidden()
  await expect(page.getByTestId('editor')).toBeVisible()
}

/** Opens the menu and picks the first template whose name matches (or the first one). */
export async function newFromTemplate(page: Page, name?: RegExp): Promise<string> {
  await page.getByTestId('template-menu').click()
  const items = page.getByTestId('template-item')
  await expect(items.first()).toBeVisible()
  const names = await items.locator('.name').allTextContents()
  const at = name ? Math.max(0, names.findIndex((n) => name.test(n))) : 0
  const books = await page.getByTestId('portfolio-item').count()
  await items.nth(at).click()
  await expect(page.getByTestId('template-list')).toHaveCount(0)
  // The new book is listed and open: "Saved" alone can be the book that was open before.
  await expect(page.getByTestId('portfolio-item')).toHaveCount(books + 1)
  await expect(page.getByTestId('editor')).toBeVisible()
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  return names[at]
}

/**
 * A new book from e2e/fixtures/hedge-book-binance.json: the hedge book as it shipped on Binance
 * (a unified account with DOGE collateral) before the template moved to Hyperliquid. The journeys
 * that check Binance's figures (presets, what-if by hand, brackets, the unified ratio) use it.
 */
export async function importBinanceHedgeBook(page: Page): Promise<string> {
  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'hedge-book-binance.json'))
  await expect(page.getByTestId('editor')).toBeVisible()
  await expect(page.getByTestId('save-status')).toHaveText('Saved')
  return 'Hedge book (BTC and ETH long, DOGE short hedge, DOGE collateral)'
}

/** A JSON value merged into another: objects key by key (recursively), anything else replaced. */
type Patch = { [key: string]: unknown }

/**
 * Saves a scenario made from the store's `baseId` (a preset or a saved one) with `patch` merged into
 * it (objects key by key, so `{ crowd: { marketMakers: { accounts: 20000 } } }` keeps the rest of the
 * crowd), under `patch.id`, through the app's own API.
 */
export async function saveScenarioFrom(page: Page, baseId: string, patch: Patch & { id: string; name: string }): Promise<void> {
  const r = await page.evaluate(
    async ({ baseId, patch }) => {
      const api = (globalThis as unknown as { cascade: { scenarioGet(q: { id: string }): Promise<any>; scenarioSave(q: { doc: unknown }): Promise<any> } }).cascade
      const base = await api.scenarioGet({ id: baseId })
      if (!base.ok) return base
      const merge = (a: any, b: any): any => {
        if (typeof a !== 'object' || a === null || Array.isArray(a) || typeof b !== 'object' || b === null || Array.isArray(b)) return b
        const out = { ...a }
        for (const k of Object.keys(b)) out[k] = merge(a[k], b[k])
        return out
      }
      return api.scenarioSave({ doc: merge(base.value.doc, patch) })
    },
    { baseId, patch },
  )
  expect(r.ok, JSON.stringify(r)).toBe(true)
}

/** A saved what-if: Hyperliquid's 10/10 with a 500M liquidator vault instead of 100M (the hedge book survives). */
export const BIGGER_VAULT = 'e2e-2025-10-10-hyperliquid-vault-500m'

export async function saveBiggerVault(page: Page): Promise<void> {
  await saveScenarioFrom(page, '2025-10-10-hyperliquid', { id: BIGGER_VAULT, name: 'Hyperliquid 10/10, a 500M vault (e2e)', insuranceFund: '500000000' })
}

/** A saved what-if: Hyperliquid's 10/10 with ETH and SOL 35% down by 21:15 and nothing else moving (the hedge book's longs fail). */
export const DEEPER_NIGHT = 'e2e-2025-10-10-hyperliquid-longs-35'

export async function saveDeeperNight(page: Page): Promise<void> {
  const path = [['2025-10-10T20:40:00Z', '-0.05'], ['2025-10-10T21:15:00Z', '-0.35'], ['2025-10-10T21:35:00Z', '-0.3']]
  await saveScenarioFrom(page, '2025-10-10-hyperliquid', {
    id: DEEPER_NIGHT,
    name: 'Hyperliquid 10/10, ETH and SOL -35% (e2e)',
    shocks: [{ asset: 'ETH', path }, { asset: 'SOL', path }],
  })
}
