// The two small additions the waterfall needs from the market (shared/engine/market/market.ts):
// `peek`, an order priced without trading, and `qtyToPrice`, the size of an IOC order limited at a
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

describe('Market.peek', () => {
  it('prices an order exactly as trading it would, and moves nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom('BTC', 'DOGE', 'USDe'), fc.constantFrom('sell', 'buy' as const), fc.double({ min: 0, max: 2e8, noNaN: true }), fc.integer({ min: 0, max: 1700 }), (asset, side, usd, t) => {
        const m = market(t)
        const qty = usd / m.mark(asset)
        const mark = m.mark(asset)
        const quote = m.peek(asset, side as 'sell', qty)
        expect(m.mark(asset)).toBe(mark)
        const fill = side === 'sell' ? m.sellQty(asset, qty) : m.buyQty(asset, qty)
        expect(quote).toEqual(fill)
      }),
      { numRuns: 200 },
    )
  })

  it('does not observe the circuit breaker', () => {
    const m = Market.fromScenario(miniScenario({ circuitBreaker: true }))
    m.advanceTo(10)
    m.peek('DOGE', 'sell', 1e9)
    expect(m.isHalted('DOGE')).toBe(false)
    m.sellQty('DOGE', 1e9)
    expect(m.isHalted('DOGE')).toBe(true)
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
