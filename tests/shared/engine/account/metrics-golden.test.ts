// Golden outputs of `computeMetrics`: the exact JSON (every digit, every key in order) of the
// bench's 500-position book and of seeded random books from the same generator, in each margin
// mode, with and without `explain`, on every exchange profile. Performance work on the engine
// must leave these byte-identical. The fixtures (gzipped: the explain maps of 500 positions run to
// megabytes of JSON) were written by the engine before that work;
// `GOLDEN_UPDATE=1 npx vitest run tests/shared/engine/metrics-golden.test.ts` rewrites them
// (only for a deliberate change of figures: the eight Hyperliquid books lost their BTC wallet row
// on 2026-12-05, when the profile said its perpetuals take USDC only; six portfolio books' explain
// text of the unified prices the same day, when pegged assets began to move with their base, no
// figure changed). The same figures come back through the
// `portfolio:metrics` handler on a fresh copy of the document each call, as IPC hands it over.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { benchBook } from '../../../../bench/metrics'
import { portfolioHandlers } from '../../../../electron/main/handlers/portfolio-handlers'
import { createVenueCatalog } from '../../../../electron/main/services/venue-catalog'
import type { PortfolioRepository } from '../../../../electron/main/store/portfolio-repository'
import { computeMetrics, type MetricsOptions } from '../../../../shared/engine/account/metrics-report'
import { mulberry32 } from '../../../../shared/engine/account/prng'
import type { MarginMode, Portfolio } from '../../../../shared/model/portfolio'
import type { VenueProfile } from '../../../../shared/model/venue'
import { venuesDir } from './support'

const dir = join(__dirname, '../../../fixtures/metrics-golden')
const update = process.env.GOLDEN_UPDATE === '1'
const catalog = createVenueCatalog(venuesDir)

function venue(id: string): VenueProfile {
  const v = catalog.get(id)
  if (!v.ok) throw new Error(JSON.stringify(v.issues))
  return v.value
}

/** Hyperliquid names its contracts by base (`BTC`) and takes USDC only as margin (its BTC row went when the profile said so). */
function onHyperliquid(doc: Portfolio): Portfolio {
  return { ...doc, venue: 'hyperliquid', positions: doc.positions.map((p) => ({ ...p, symbol: p.symbol.replace('USDT', '') })), wallet: [{ asset: 'USDC', amount: '60000000' }], loans: [] }
}

/** A wallet small enough that some seeds end with margin balance <= 0 (null ratios, bankrupt ADL). */
function thin(doc: Portfolio, usdt: string): Portfolio {
  return { ...doc, wallet: [{ asset: 'USDT', amount: usdt }] }
}

/** Marks moved up to +-30% from the book's, seeded. */
function movedPrices(doc: Portfolio, seed: number): Record<string, string> {
  const random = mulberry32(seed)
  return Object.fromEntries(Object.entries(doc.prices).map(([asset, p]) => [asset, (Number(p) * (0.7 + 0.6 * random())).toPrecision(7)]))
}

interface Case {
  name: string
  venue: string
  doc: Portfolio
  opts: MetricsOptions
}

function cases(): Case[] {
  const out: Case[] = []
  const bench = benchBook(500, 'cross')
  const benchPortfolio = benchBook(500, 'portfolio')
  out.push({ name: 'bench-cross', venue: 'binance', doc: bench, opts: {} })
  out.push({ name: 'bench-cross-explain', venue: 'binance', doc: bench, opts: { explain: true } })
  out.push({ name: 'bench-cross-validated-btc-120000', venue: 'binance', doc: bench, opts: { validated: true, prices: { BTC: '120000' } } })
  out.push({ name: 'bench-cross-qty', venue: 'binance', doc: benchBook(500, 'cross', 'qty'), opts: {} })
  out.push({ name: 'bench-portfolio', venue: 'binance', doc: benchPortfolio, opts: {} })
  out.push({ name: 'bench-portfolio-explain', venue: 'binance', doc: benchPortfolio, opts: { explain: true } })
  out.push({ name: 'bench-isolated', venue: 'binance', doc: benchBook(500, 'isolated'), opts: {} })
  out.push({ name: 'bench-cross-usdt-off-peg', venue: 'binance', doc: bench, opts: { prices: { USDT: '1.0003' } } })

  const modes: MarginMode[] = ['cross', 'isolated', 'portfolio']
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    const mode = modes[seed % 3]
    const size = seed % 2 ? 'notional' : 'qty'
    const doc = benchBook(20 + 17 * seed, mode, size, seed)
    const prices = movedPrices(doc, seed + 100)
    const explain = seed % 4 === 1
    out.push({ name: `seed${seed}-${mode}-${size}-binance`, venue: 'binance', doc, opts: { explain } })
    out.push({ name: `seed${seed}-${mode}-${size}-binance-moved`, venue: 'binance', doc, opts: { prices, explain: !explain } })
    out.push({ name: `seed${seed}-${mode}-${size}-${seed % 2 ? 'bybit' : 'okx'}`, venue: seed % 2 ? 'bybit' : 'okx', doc: { ...doc, marginMode: mode === 'portfolio' ? 'cross' : mode }, opts: { prices, explain } })
    out.push({ name: `seed${seed}-${mode}-${size}-hyperliquid`, venue: 'hyperliquid', doc: onHyperliquid({ ...doc, marginMode: mode === 'portfolio' ? 'cross' : mode }), opts: { prices: { ...prices, USDC: '0.9998' }, explain } })
    out.push({ name: `seed${seed}-${mode}-${size}-binance-thin`, venue: 'binance', doc: thin(doc, String(20_000 * seed)), opts: { prices, explain: seed % 2 === 0 } })
  }
  return out
}

describe('computeMetrics golden outputs (byte-identical JSON)', () => {
  if (update) mkdirSync(dir, { recursive: true })
  for (const c of cases()) {
    it(c.name, () => {
      const json = JSON.stringify(computeMetrics(c.doc, venue(c.venue), c.opts))
      const file = join(dir, `${c.name}.json.gz`)
      if (update) writeFileSync(file, gzipSync(json, { level: 9 }))
      expect(existsSync(file), `${file} is missing: run with GOLDEN_UPDATE=1 on the reference engine`).toBe(true)
      const expected = gunzipSync(readFileSync(file)).toString('utf8')
      // Compare parsed first for a readable diff, then the exact text (key order, digits).
      if (json !== expected) expect(JSON.parse(json)).toEqual(JSON.parse(expected))
      expect(json === expected).toBe(true)
      // Again, now that the engine's memos (parsed inputs, figures at a mark, crowds) hold this book.
      expect(JSON.stringify(computeMetrics(c.doc, venue(c.venue), c.opts)) === expected).toBe(true)
    })
  }
})

describe('the portfolio:metrics handler: the same bytes on a fresh copy of the document each call', () => {
  const metrics = portfolioHandlers({} as PortfolioRepository, catalog, '')['portfolio:metrics']
  for (const c of cases()) {
    it(c.name, () => {
      const expected = gunzipSync(readFileSync(join(dir, `${c.name}.json.gz`))).toString('utf8')
      // The marks a caller passes as `prices` are the document's own prices to the handler.
      const doc = { ...c.doc, venue: c.venue, prices: { ...c.doc.prices, ...c.opts.prices } }
      for (let k = 0; k < 2; k++) {
        const r = metrics({ doc: JSON.parse(JSON.stringify(doc)), explain: c.opts.explain })
        expect('ok' in r && r.ok).toBe(true)
        expect(JSON.stringify(r) === expected).toBe(true)
      }
    })
  }
})
