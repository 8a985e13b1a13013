// The two small additions the waterfall needs from the market (shared/engine/market/market.ts):
// `tradeIf`, an order kept only if its price is accepted, and `qtyToPrice`, the size of an IOC order limited at a
// price (a liquidation order limited at the bankruptcy price, docs/VENUE-RULES.md §1.4).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Market } from '../../../../shared/engine/market'
import { Book } from '../../../../shared/engine/market/book'
import { miniScenario } from './support'

function market(at = 600): Market {
  const m = Market.fromScenario(miniScenario())
  m.advanceTo(at)
  return m
}

describe('Market.tradeIf', () => {
  it('a refused order is priced exactly as trading it would be, and moves nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom('BTC', 'DOGE', 'USDe'), fc.constantFrom('sell', 'buy' as const), fc.double({ min: 0, max: 2e8, noNaN: true }), fc.integer({ min: 0, max: 1700 }), (asset, side, usd, t) => {
        const m = market(t)
        const qty = usd / m.mark(asset)
        const mark = m.mark(asset)
        let priced = Number.NaN
        expect(m.tradeIf(asset, side as 'sell', qty, (p) => ((priced = p), false))).toBeNull()
        expect(m.mark(asset)).toBe(mark)
        const fill = side === 'sell' ? m.sellQty(asset, qty) : m.buyQty(asset, qty)
        expect(priced).toBe(fill.avgPrice)
      }),
      { numRuns: 200 },
    )
  })

  it('an accepted order is the trade: the same fill, book and mark as sellQty / buyQty', () => {
    fc.assert(
      fc.property(fc.constantFrom('BTC', 'DOGE', 'USDe'), fc.constantFrom('sell', 'buy' as const), fc.double({ min: 0, max: 2e8, noNaN: true }), fc.integer({ min: 0, max: 1700 }), (asset, side, usd, t) => {
        const kept = market(t)
        const plain = market(t)
        const qty = usd / kept.mark(asset)
        const fill = kept.tradeIf(asset, side as 'sell', qty, () => true)
        expect(fill).toEqual(side === 'sell' ? plain.sellQty(asset, qty) : plain.buyQty(asset, qty))
        expect(kept.mark(asset)).toBe(plain.mark(asset))
      }),
      { numRuns: 200 },
    )
  })

  it('the circuit breaker sees an accepted order only', () => {
    const m = Market.fromScenario(miniScenario({ circuitBreaker: true }))
    m.advanceTo(10)
    expect(m.tradeIf('DOGE', 'sell', 1e9, () => false)).toBeNull()
    expect(m.isHalted('DOGE')).toBe(false)
    expect(m.tradeIf('DOGE', 'sell', 1e9, () => true)?.halted).toBe(false)
    expect(m.isHalted('DOGE')).toBe(true)
    // Halted: nothing is walked and `accept` is not asked.
    expect(m.tradeIf('DOGE', 'sell', 1e9, () => expect.unreachable())).toMatchObject({ halted: true, qty: 0 })
  })
})

describe('Market.qtyToPrice', () => {
  it('a sale (or a buy) of that size ends with the mid at the limit', () => {
    fc.assert(
      fc.property(fc.constantFrom('BTC', 'ETH', 'DOGE', 'WBETH'), fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.integer({ min: 0, max: 1700 }), (asset, f, t) => {
        const m = market(t)
        const mid = m.mark(asset)
        const down = mid * f
        const q = m.qtyToPrice(asset, 'sell', down)
        m.sellQty(asset, q)
        expect(Math.abs(m.mark(asset) / down - 1)).toBeLessThan(1e-9)
        const up = m.mark(asset) * (1 + f)
        const qb = m.qtyToPrice(asset, 'buy', up)
        m.buyQty(asset, qb)
        expect(Math.abs(m.mark(asset) / up - 1)).toBeLessThan(1e-9)
      }),
      { numRuns: 200 },
    )
  })

  it('is 0 at or beyond the mid, Infinity without a book or at a price <= 0, 0 while halted', () => {
    const m = market()
    const mid = m.mark('BTC')
    expect(m.qtyToPrice('BTC', 'sell', mid)).toBe(0)
    expect(m.qtyToPrice('BTC', 'sell', mid * 1.1)).toBe(0)
    expect(m.qtyToPrice('BTC', 'buy', mid * 0.9)).toBe(0)
    expect(m.qtyToPrice('BTC', 'sell', 0)).toBe(Infinity)
    expect(m.qtyToPrice('USDT', 'sell', 0.5)).toBe(Infinity)
    const h = Market.fromScenario(miniScenario({ circuitBreaker: true }))
    h.advanceTo(10)
    h.sellQty('DOGE', 1e9)
    expect(h.qtyToPrice('DOGE', 'sell', 0.0001)).toBe(0)
  })
})

describe('Book.restore', () => {
  it('puts a displacement back and refuses impossible ones', () => {
    const b = new Book({ kind: 'bands', distances: [0.01], depths: [1e6], farBookDensity: 0.25 }, 60)
    b.sell(5e5, 1, 1)
    const d = b.displacement
    b.sell(5e5, 1, 1)
    b.restore(d)
    expect(b.displacement).toBe(d)
    expect(() => b.restore(-1)).toThrow(RangeError)
    expect(() => b.restore(Number.NaN)).toThrow(RangeError)
  })
})
