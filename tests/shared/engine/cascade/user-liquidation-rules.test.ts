// The user's own positions are liquidated by the venue's rules, as the crowd's are (user/margin.ts):
// Hyperliquid sends 20% of a position above 100k to the book, then cools the account down for 30 s,
// during which every order takes the whole position; an account under 2/3 of its maintenance goes
// to the backstop whole, without the book. A venue without these rules (Binance) liquidates a
// position whole. Read from the run's own events.
import { describe, expect, it } from 'vitest'
import { runCascade } from '../../../../shared/engine/cascade'
import type { Portfolio } from '../../../../shared/model/portfolio'
import { USER_ACCOUNT, type RunResult } from '../../../../shared/model/run'
import type { Scenario } from '../../../../shared/model/scenario'
import { exampleBook, miniScenario, preset, profile } from './support'

const lending = profile('aave-v3')

/** Each user liquidation with the quantity its position held just before it (from the book and the run's closes). */
function orders(book: Portfolio, run: RunResult) {
  const held = new Map(book.positions.map((p) => [p.id, Number(p.notional) / Number(p.entryPrice)]))
  const out: { t: number; position: string; qty: number; held: number; mark: number; book: number; note: string }[] = []
  for (const e of run.events) {
    if (e.account !== USER_ACCOUNT || (e.kind !== 'liquidation' && e.kind !== 'adl') || !e.position) continue
    const before = held.get(e.position) as number
    const qty = Number(e.qty)
    if (e.kind === 'liquidation') {
      // The mark before the order: the event's price and its slippage against that mark.
      const price = Number(e.price)
      const slip = Number(e.slippage ?? 0)
      const mark = e.side === 'long' ? price / (1 - slip) : price / (1 + slip)
      out.push({ t: Date.parse(e.t) / 1000, position: e.position, qty, held: before, mark, book: Number(e.amounts?.bookQty ?? 0), note: e.note ?? '' })
    }
    held.set(e.position, before - qty)
  }
  return out
}

describe("the user's liquidation under the venue's rules", () => {
  it("Hyperliquid's night: 20% slices above 100k, then whole orders while the account cools down 30 s", () => {
    const night = preset('2025-10-10-hyperliquid')
    const book = exampleBook('hedge-book')
    let slices = 0
    let whole = 0
    for (const seed of [1, 6]) {
      const run = runCascade({ portfolio: book, venue: profile('hyperliquid'), lending, scenario: { ...night, crowd: { ...night.crowd, accounts: 5000 } }, seed, series: false })
      const list = orders(book, run)
      expect(list.length).toBeGreaterThan(0)
      let coolingUntil = -Infinity
      let lastLook = Number.NaN
      for (const o of list) {
        const sliced = o.qty < o.held * (1 - 1e-9)
        const large = o.held * o.mark > 100_000
        if (o.t >= coolingUntil || o.t === lastLook) {
          // A look that may slice: 20% of a large position, a small one whole.
          expect(o.qty).toBeCloseTo(large ? 0.2 * o.held : o.held, 6)
        } else expect(sliced, `${o.position} at ${o.t}: an order while cooling down takes the whole position`).toBe(false)
        if (sliced) {
          slices++
          coolingUntil = o.t + 30
          lastLook = o.t
          expect(o.note).toContain('partly liquidated')
        } else whole++
      }
    }
    expect(slices).toBeGreaterThanOrEqual(4)
    expect(whole).toBeGreaterThanOrEqual(4)
  }, 60_000)

  /** The mini crash with ETH falling 40% in one step at 20:06: a 10x long is far under water when first looked at. */
  function cliff(): Scenario {
    const s = miniScenario({ accounts: 400 })
    const at = (hhmmss: string) => `2025-10-10T${hhmmss}Z`
    return { ...s, shocks: s.shocks.map((x) => (x.asset === 'ETH' ? { ...x, path: [[at('20:06:00'), '0'], [at('20:06:02'), '-0.4'], [at('20:30:00'), '-0.4']] as [string, string][] } : x)) }
  }
  const ethLong = (venue: string): Portfolio => ({
    ...exampleBook('hedge-book'),
    name: 'ETH long',
    venue,
    prices: { ETH: '4000' },
    wallet: [{ asset: venue === 'hyperliquid' ? 'USDC' : 'USDT', amount: '200000' }],
    positions: [{ id: 'eth', symbol: venue === 'hyperliquid' ? 'ETH' : 'ETHUSDT', side: 'long', notional: '2000000', entryPrice: '4000', leverage: '10' }],
  })

  it('an account under 2/3 of its maintenance goes to the backstop whole, without the book (Hyperliquid)', () => {
    const book = ethLong('hyperliquid')
    const run = runCascade({ portfolio: book, venue: profile('hyperliquid'), lending, scenario: cliff(), series: false })
    const list = orders(book, run)
    expect(list.length).toBeGreaterThan(0)
    const first = list[0]
    expect(first.note).toBe('eth sent to the backstop: equity under its share of maintenance')
    expect(first.book).toBe(0)
    expect(first.qty).toBeCloseTo(first.held, 9)
  })

  it('a venue without slices or a backstop (Binance) sends the whole position to the book', () => {
    const book = ethLong('binance')
    const run = runCascade({ portfolio: book, venue: profile('binance'), lending, scenario: cliff(), series: false })
    const list = orders(book, run)
    expect(list.length).toBeGreaterThan(0)
    expect(list[0].qty).toBeCloseTo(list[0].held, 9)
    expect(list[0].note).not.toContain('backstop')
  })
})
