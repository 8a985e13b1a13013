// Index-anchored marks (docs/VENUE-RULES.md §5.2). Hyperliquid: the median of the oracle plus a 150 s
// EMA of (mid - oracle), the venue's mid, and the other venues' perp mids (the exogenous path here).
// Binance: the median of the index plus a 2.5-minute moving average of the basis, the last price
// (the mid), and the index. A venue without a rule marks at its book's mid. Orders walk the book
// from its mid either way. BitMEX: the index (its fair price).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Market } from '../../../../shared/engine/market'
import type { MarkPriceRule } from '../../../../shared/model/venue'
import type { Scenario } from '../../../../shared/model/scenario'
import { validateScenario } from '../../../../shared/schemas/scenario'

const RULE: MarkPriceRule = { method: 'median-ema-basis', emaSeconds: 150 }

function scenario(): Scenario {
  const r = validateScenario({
    format: 'cascade.scenario/1',
    id: 'robust-mark',
    name: 'Robust mark',
    start: '2025-10-10T20:00:00Z',
    end: '2025-10-10T21:00:00Z',
    step: '1s',
    prices: { BTC: '100', USDC: '1' },
    depth: { BTC: { '0.01': '1000000', '0.02': '2000000', '0.05': '5000000' } },
    resilienceHalfLife: '120s',
    collateralPricing: 'book',
    insuranceFund: '1000000',
    crowd: { accounts: 0, longShare: '0.5', seed: 1 },
  })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

/** Sells BTC until the book's mid is `drop` under the reference. */
function pushDown(m: Market, drop: number): void {
  const qty = m.qtyToPrice('BTC', 'sell', 100 * (1 - drop))
  m.sellQty('BTC', qty)
}

describe("Hyperliquid's robust mark", () => {
  it('without the rule the mark is the book mid: a sale moves it at once', () => {
    const m = Market.fromScenario(scenario())
    pushDown(m, 0.1)
    expect(m.mark('BTC')).toBeCloseTo(90, 9)
  })

  it('with it, a sale moves the book but not the mark, until the EMA absorbs the move', () => {
    const m = Market.fromScenario(scenario(), RULE)
    pushDown(m, 0.1)
    // The EMA starts settled at 0: median(100 + 0, 90, 100) = 100.
    expect(m.mark('BTC')).toBeCloseTo(100, 9)
    // The next order starts from the book's mid, not from the mark.
    const fill = m.sellQty('BTC', 1)
    expect(fill.midBefore).toBeCloseTo(90, 6)
    expect(fill.avgPrice).toBeLessThan(90)
    // One second on: the book decays, the EMA takes one sample of (mid - oracle) weighted 1 s.
    const sampleAt = () => 100 * m.impact('BTC')
    m.advanceTo(1)
    const sample = sampleAt()
    const ema = (0 * Math.exp(-1 / 150) + sample * 1) / (150 * Math.exp(-1 / 150) + 1)
    expect(m.mark('BTC')).toBeCloseTo(100 + ema, 9)
    expect(ema).toBeGreaterThan(-0.08)
    expect(ema).toBeLessThan(-0.06)
  })

  it('follows a dislocation that lasts: after minutes the mark is near the book', () => {
    const m = Market.fromScenario(scenario(), RULE)
    // Keep the book 5% down for 10 minutes (sold again each second as resilience gives it back).
    for (let t = 1; t <= 600; t++) {
      pushDown(m, 0.05)
      m.advanceTo(t)
    }
    pushDown(m, 0.05)
    const mid = 100 * (1 + m.impact('BTC'))
    expect(mid).toBeCloseTo(95, 6)
    // The EMA of a steady -5 (sampled just after each second's decay) is close to -5 after 4 time constants.
    expect(m.mark('BTC')).toBeGreaterThan(95)
    expect(m.mark('BTC')).toBeLessThan(95.3)
  })

  it('is the median: a book above the other two is capped by them, a book between them is the mark', () => {
    const m = Market.fromScenario(scenario(), RULE)
    const qty = m.qtyToPrice('BTC', 'buy', 103)
    m.buyQty('BTC', qty)
    expect(m.mark('BTC')).toBeCloseTo(100, 9)
    m.advanceTo(30)
    // The EMA is now above 0, the reference 100, the book between them after decay: the mark is
    // the EMA's component, the larger of the two below the book.
    const mid = 100 * (1 + m.impact('BTC'))
    expect(mid).toBeGreaterThan(100)
    expect(m.mark('BTC')).toBeGreaterThan(100)
    expect(m.mark('BTC')).toBeLessThanOrEqual(mid)
  })
})

describe("Binance's mark: the basis averaged over a window", () => {
  const WINDOW: MarkPriceRule = { method: 'median-ma-basis', windowSeconds: 150 }

  it('averages each second of the window, the time before the start at 0', () => {
    const m = Market.fromScenario(scenario(), WINDOW)
    pushDown(m, 0.1)
    expect(m.mark('BTC')).toBeCloseTo(100, 9)
    const samples: number[] = []
    for (let t = 1; t <= 3; t++) {
      m.advanceTo(t)
      samples.push(100 * m.impact('BTC'))
    }
    // Three seconds of a basis near -10 over a 150 s window: about -0.2.
    const expected = samples.reduce((a, b) => a + b, 0) / 150
    expect(m.mark('BTC')).toBeCloseTo(100 + expected, 9)
    expect(expected).toBeLessThan(-0.19)
    expect(expected).toBeGreaterThan(-0.2)
  })

  it('forgets what left the window: a book held 5% down is the mark after one window, half of it after half', () => {
    const m = Market.fromScenario(scenario(), WINDOW)
    const basis: number[] = []
    for (let t = 1; t <= 300; t++) {
      pushDown(m, 0.05)
      m.advanceTo(t)
      basis.push(100 * m.impact('BTC'))
      if (t === 75 || t === 300) {
        // The window's samples (each a second), the time before the start at 0.
        const inWindow = basis.slice(Math.max(0, basis.length - 150))
        const expected = 100 + inWindow.reduce((a, b) => a + b, 0) / 150
        const mid = 100 + basis[basis.length - 1]
        expect(m.mark('BTC')).toBeCloseTo(Math.max(expected, mid), 9)
      }
    }
    // After a full window of a book near -5%, the average is near it too.
    expect(m.mark('BTC')).toBeLessThan(95.5)
    // Then the book drops to -10%: the mark is the window's average (about -5), not the book, and
    // not an average that kept the first 150 s (about -10, under the book: the book would be the mark).
    for (let t = 301; t <= 302; t++) {
      pushDown(m, 0.1)
      m.advanceTo(t)
      basis.push(100 * m.impact('BTC'))
    }
    const expected = 100 + basis.slice(-150).reduce((a, b) => a + b, 0) / 150
    expect(m.mark('BTC')).toBeCloseTo(expected, 9)
    expect(m.mark('BTC')).toBeGreaterThan(100 + basis[basis.length - 1] + 4)
  })
})

describe("BitMEX's fair price: the index, whatever the book does", () => {
  it('a book held 5% down for ten minutes leaves the mark at the index', () => {
    const m = Market.fromScenario(scenario(), { method: 'index' })
    for (let t = 1; t <= 600; t++) {
      pushDown(m, 0.05)
      m.advanceTo(t)
    }
    expect(100 * (1 + m.impact('BTC'))).toBeLessThan(95.1)
    expect(m.mark('BTC')).toBe(m.oracle('BTC'))
  })
})

describe('the mark as the market keeps it', () => {
  // Market.mark keeps each asset's mark until the clock moves or its book trades: a mark read after
  // every operation must equal the mark of a market that replays the same operations and reads it
  // only at the end, under every rule (random sequences of steps, sales, buys and refused orders).
  type Op = { kind: 'advance'; dt: number } | { kind: 'sell' | 'buy' | 'refused'; qty: number }
  const rules: (MarkPriceRule | undefined)[] = [undefined, RULE, { method: 'median-ma-basis', windowSeconds: 150 }, { method: 'index' }]
  const apply = (m: Market, op: Op): void => {
    if (op.kind === 'advance') m.advanceTo(m.time + op.dt)
    else if (op.kind === 'sell') m.sellQty('BTC', op.qty)
    else if (op.kind === 'buy') m.buyQty('BTC', op.qty)
    else m.tradeIf('BTC', 'sell', op.qty, () => false)
  }
  it.each(rules.map((r) => [r?.method ?? 'book mid', r] as const))('%s: never a stale mark', (_name, rule) => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('advance' as const), dt: fc.integer({ min: 1, max: 30 }) }),
            fc.record({ kind: fc.constantFrom('sell' as const, 'buy' as const, 'refused' as const), qty: fc.double({ min: 1, max: 40_000, noNaN: true }) }),
          ),
          { minLength: 1, maxLength: 40 },
        ),
        (ops) => {
          const read = Market.fromScenario(scenario(), rule)
          ops.forEach((op, k) => {
            apply(read, op)
            const fresh = Market.fromScenario(scenario(), rule)
            for (let j = 0; j <= k; j++) apply(fresh, ops[j])
            expect(read.mark('BTC')).toBe(fresh.mark('BTC'))
            expect(read.collateralPrice('BTC')).toBe(fresh.collateralPrice('BTC'))
          })
        },
      ),
      { numRuns: 60 },
    )
  })
})
