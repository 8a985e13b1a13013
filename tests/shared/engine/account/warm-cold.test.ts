// computeMetrics keeps what it derived from one call to the next (parsed inputs, each position's
// inputs and state, its figures at an unchanged mark, printed texts, the crowd's queues, the
// validation memo): a call after many others must give, byte for byte, what a fresh engine with
// nothing kept gives for the same document. Random books (thin wallets, so positions cross from
// beyond reach to liquidatable and back), random sequences of ticks, jumps that cross brackets,
// returns to earlier marks, in-place edits of positions, wallets and prices, fresh copies; in
// cross, isolated and portfolio mode, on venues with each ADL method. The fresh engine is the
// same modules loaded again (`vi.resetModules`), so every cache is empty.
import { describe, expect, it, vi } from 'vitest'
import { benchBook } from '../../../../bench/metrics'
import { computeMetrics, type MetricsOptions } from '../../../../shared/engine/account/metrics-report'
import { mulberry32 } from '../../../../shared/engine/account/prng'
import type { MarginMode, Portfolio, Position } from '../../../../shared/model/portfolio'
import type { VenueProfile } from '../../../../shared/model/venue'
import { exchange } from './support'

type Compute = typeof computeMetrics

async function coldEngine(): Promise<Compute> {
  vi.resetModules()
  return (await import('../../../../shared/engine/account/metrics-report')).computeMetrics
}

/** Hyperliquid names contracts by base and settles in USDC. */
function forVenue(doc: Portfolio, venue: string): Portfolio {
  if (venue !== 'hyperliquid') return doc
  // Its perpetuals take USDC only as margin: the USDT becomes USDC, the other wallet assets stay out.
  return { ...doc, venue, positions: doc.positions.map((p) => ({ ...p, symbol: p.symbol.replace('USDT', '') })), wallet: doc.wallet.filter((w) => w.asset === 'USDT').map((w) => ({ ...w, asset: 'USDC' })), loans: [] }
}

const pick = <T,>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]

/** One random step: the document may be edited in place; returns the call's options. */
function step(doc: Portfolio, random: () => number, seen: Record<string, string>[], marks: Record<string, string>): MetricsOptions {
  const assets = Object.keys(doc.prices)
  const r = random()
  if (r < 0.4) {
    // A tick: one asset's mark moves a little.
    const a = pick(random, assets)
    marks[a] = (Number(marks[a]) * (1 + (random() - 0.5) * 2e-3)).toPrecision(8)
  } else if (r < 0.6) {
    // A jump: marks move up to +-40% (brackets change, positions come within reach or leave it).
    for (const a of assets) if (random() < 0.6) marks[a] = (Number(marks[a]) * (0.6 + 0.8 * random())).toPrecision(7)
  } else if (r < 0.7 && seen.length) {
    // Back to marks seen before (values kept from an earlier call must still be right).
    Object.assign(marks, pick(random, seen))
  } else if (r < 0.85) {
    // An edit in place of one position: entry, size, leverage, side or isolated margin.
    const p = pick(random, doc.positions) as Position & Record<string, string | undefined>
    const what = random()
    if (what < 0.25) p.entryPrice = (Number(p.entryPrice) * (0.9 + 0.2 * random())).toPrecision(6)
    else if (what < 0.45) {
      if (p.notional !== undefined) p.notional = String(Math.round(1000 + random() * 400_000))
      else p.qty = (Number(p.qty) * (0.5 + random())).toFixed(3)
    } else if (what < 0.65) p.leverage = String(1 + Math.floor(random() * 10))
    else if (what < 0.85) p.side = p.side === 'long' ? 'short' : 'long'
    else if (doc.marginMode === 'isolated') p.isolatedMargin = random() < 0.3 ? undefined : String(Math.round(500 + random() * 50_000))
  } else if (r < 0.95) {
    // The wallet edited in place.
    doc.wallet[0].amount = pick(random, ['60000000', '3000000', '900000', '250000', '80000'])
  } else {
    // A price of the document itself edited in place (no override this call).
    const a = pick(random, assets)
    doc.prices[a] = (Number(doc.prices[a]) * (0.8 + 0.4 * random())).toPrecision(7)
    if (doc.positions.length && random() < 0.5) return { explain: random() < 0.2 }
  }
  seen.push({ ...marks })
  return { prices: { ...marks }, validated: random() < 0.5, explain: random() < 0.1 }
}

describe('computeMetrics after many calls equals a fresh engine', () => {
  const runs: [string, MarginMode, number][] = [
    ['binance', 'cross', 1],
    ['binance', 'cross', 2],
    ['binance', 'cross', 3],
    ['binance', 'isolated', 4],
    ['binance', 'portfolio', 5],
    ['bybit', 'cross', 6],
    ['okx', 'isolated', 7],
    ['hyperliquid', 'cross', 8],
  ]
  it.each(runs)('%s %s, seed %i', async (venueId, mode, seed) => {
    const venue: VenueProfile = exchange(venueId)
    const random = mulberry32(seed * 7919)
    const doc = forVenue(benchBook(12 + Math.floor(random() * 30), mode, random() < 0.5 ? 'notional' : 'qty', 1000 + seed), venueId)
    if (mode === 'isolated') doc.positions.forEach((p, i) => i % 3 === 0 && (p.isolatedMargin = String(2000 + i * 100)))
    doc.wallet[0].amount = pick(random, ['3000000', '900000', '250000'])
    const marks = { ...doc.prices }
    const seen: Record<string, string>[] = []
    let compared = 0
    let liquidatable = 0
    for (let i = 0; i < 14; i++) {
      const opts = step(doc, random, seen, marks)
      // Sometimes a fresh copy, as IPC hands one over.
      const input = random() < 0.3 ? structuredClone(doc) : doc
      const warm = JSON.stringify(computeMetrics(input, venue, opts))
      const cold = JSON.stringify((await coldEngine())(structuredClone(doc), structuredClone(venue), opts))
      expect(warm).toBe(cold)
      compared++
      liquidatable += (JSON.parse(warm) as { ok: boolean; value?: { positions: { liquidationPrice: string | null }[] } }).value?.positions.filter((p) => p.liquidationPrice !== null).length ?? 0
    }
    expect(compared).toBe(14)
    // The sequences reach positions with a liquidation price (not only far-away books).
    expect(liquidatable).toBeGreaterThan(0)
  }, 120_000)
})
