// The market of a run (docs/MODEL.md §3), built from scenario documents the way the run loop will.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Market, assetUniverse, secondsAt, timeGridOf } from '../../../../shared/engine/market'
import type { Scenario } from '../../../../shared/model/scenario'
import { validateScenario } from '../../../../shared/schemas/scenario'

const T = (hhmmss: string) => `2025-10-10T${hhmmss}Z`

function scenario(extra: Record<string, unknown> = {}): Scenario {
  const doc = {
    format: 'cascade.scenario/1',
    id: 'test',
    name: 'Market test',
    start: T('20:00:00'),
    end: T('22:30:00'),
    step: '1s',
    prices: { BTC: '122000', ETH: '4350', DOGE: '0.25', USDT: '1' },
    pegs: { USDe: { to: 'USD', ratio: '1' }, WBETH: { to: 'ETH', ratio: '1.08' } },
    shocks: [{ asset: 'BTC', path: [[T('21:20:00'), '-0.12'], [T('21:35:00'), '-0.09']] }],
    depth: {
      BTC: { '0.01': '30000000', '0.02': '55000000', '0.05': '120000000' },
      ETH: { '0.01': '15000000', '0.02': '28000000', '0.05': '60000000' },
      DOGE: { '0.01': '1200000', '0.02': '2000000', '0.05': '4000000' },
      USDe: { '0.01': '2000000', '0.02': '3000000', '0.05': '5000000' },
      WBETH: { '0.01': '500000', '0.02': '800000', '0.05': '1500000' },
    },
    makerWithdrawal: [[T('20:40:00'), '1'], [T('21:20:00'), '0.02'], [T('21:35:00'), '0.9']],
    resilienceHalfLife: '60s',
    collateralPricing: 'book',
    insuranceFund: '400000000',
    crowd: { accounts: 0, longShare: '0.87', seed: 1 },
    ...extra,
  }
  const r = validateScenario(doc)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

function marketAt(s: Scenario, hhmmss: string): Market {
  const m = Market.fromScenario(s)
  m.advanceTo(secondsAt(timeGridOf(s), T(hhmmss)))
  return m
}

describe('exogenous paths', () => {
  it('orders assets priced first, then pegged, by name', () => {
    const s = scenario()
    expect(assetUniverse(s)).toEqual(['BTC', 'DOGE', 'ETH', 'USDT', 'USDe', 'WBETH'])
    expect(Market.fromScenario(s).assets).toEqual(assetUniverse(s))
  })

  it('interpolates the shock path from 0 at start', () => {
    const s = scenario()
    expect(marketAt(s, '20:00:00').mark('BTC')).toBe(122000)
    expect(marketAt(s, '20:40:00').oracle('BTC')).toBeCloseTo(122000 * 0.94, 6)
    expect(marketAt(s, '21:20:00').mark('BTC')).toBeCloseTo(122000 * 0.88, 6)
    expect(marketAt(s, '22:30:00').mark('BTC')).toBeCloseTo(122000 * 0.91, 6)
    expect(marketAt(s, '21:20:00').mark('ETH')).toBe(4350)
  })

  it('refuses to go back in time', () => {
    const m = marketAt(scenario(), '21:00:00')
    expect(() => m.advanceTo(10)).toThrow(/backwards/)
  })
})

describe('maker withdrawal', () => {
  it('interpolates the schedule: 1.0 at 20:40, 0.02 at 21:20, 0.9 at 21:35', () => {
    const s = scenario()
    const at = (hhmmss: string) => marketAt(s, hhmmss).withdrawal('DOGE')
    expect(at('20:00:00')).toBe(1)
    expect(at('20:40:00')).toBe(1)
    expect(at('21:00:00')).toBeCloseTo(0.51, 12)
    expect(at('21:20:00')).toBeCloseTo(0.02, 12)
    expect(at('21:27:30')).toBeCloseTo(0.46, 12)
    expect(at('21:35:00')).toBeCloseTo(0.9, 12)
    expect(at('22:30:00')).toBeCloseTo(0.9, 12)
  })

  it('scales the depth: a $1.2M ±1% book shows $24k at 21:20', () => {
    const m = marketAt(scenario(), '21:20:00')
    expect(m.depthAt('DOGE', 0.01)).toBeCloseTo(24_000, 4)
    expect(m.depthAt('DOGE', 0.01, 'ask')).toBeCloseTo(24_000, 4)
  })

  it('a per-asset schedule replaces the global one', () => {
    const s = scenario({ makerWithdrawalByAsset: { BTC: [[T('21:20:00'), '0.3']] } })
    const m = marketAt(s, '21:20:00')
    expect(m.withdrawal('BTC')).toBeCloseTo(0.3, 12)
    expect(m.withdrawal('ETH')).toBeCloseTo(0.02, 12)
  })

  it('depth pulled to $27k: a $600k sale fills in the far book, prices stay positive and finite', () => {
    const s = scenario({ makerWithdrawal: [[T('20:40:00'), '1'], [T('21:20:00'), '0.0225']] })
    const m = marketAt(s, '21:20:00')
    expect(m.depthAt('DOGE', 0.01)).toBeCloseTo(27_000, 4)
    const fill = m.sell('DOGE', 600_000)
    expect(Number.isFinite(fill.avgPrice)).toBe(true)
    expect(fill.midAfter).toBeGreaterThan(0)
    expect(fill.midAfter).toBeLessThan(0.25 * (1 - 0.444))
    expect(fill.avgPrice).toBeLessThan(fill.midBefore)
    expect(fill.avgPrice).toBeGreaterThan(fill.midAfter)
  })
})

describe('impact and resilience', () => {
  it('the mark carries the impact, the oracle does not, and the gap halves every half-life', () => {
    const s = scenario()
    const m = marketAt(s, '20:00:00')
    const fill = m.sell('BTC', 30_000_000)
    expect(fill.midAfter / 122000 - 1).toBeCloseTo(-0.01, 12)
    expect(fill.slippage).toBeCloseTo(0.005, 12)
    expect(m.oracle('BTC')).toBe(122000)
    const gap = Math.log(m.mark('BTC') / m.oracle('BTC'))
    m.advanceTo(60)
    expect(Math.log(m.mark('BTC') / m.oracle('BTC'))).toBeCloseTo(gap / 2, 12)
    m.advanceTo(600)
    expect(Math.log(m.mark('BTC') / m.oracle('BTC'))).toBeCloseTo(gap / 1024, 12)
  })

  it('impact rides on the moving exogenous path', () => {
    const s = scenario()
    const grid = timeGridOf(s)
    const m = Market.fromScenario(s)
    m.advanceTo(secondsAt(grid, T('21:19:59')))
    m.sell('BTC', 500_000)
    m.advanceTo(secondsAt(grid, T('21:20:00')))
    expect(m.mark('BTC')).toBeLessThan(m.oracle('BTC'))
    expect(m.oracle('BTC')).toBeCloseTo(122000 * 0.88, 6)
  })

  it('a per-asset sqrt model replaces the bands', () => {
    const s = scenario({ impactModel: { BTC: { model: 'sqrt', sigma: '0.03', dailyVolume: '20000000000', y: '1', resilienceHalfLife: '300s' } } })
    const m = marketAt(s, '20:00:00')
    expect(1 - m.sell('BTC', 1e9).midAfter / 122000).toBeCloseTo(0.006708, 6)
  })

  it('an asset without a book trades at its reference with no slippage', () => {
    const m = marketAt(scenario(), '20:00:00')
    expect(m.hasBook('USDT')).toBe(false)
    const fill = m.sell('USDT', 1e9)
    expect(fill).toMatchObject({ usd: 1e9, avgPrice: 1, midAfter: 1, slippage: 0 })
    expect(m.depthAt('USDT', 0.01)).toBe(Infinity)
  })

  it('buy after sell of the same quantity returns the mid and the average prices mirror', () => {
    const m = marketAt(scenario(), '21:10:00')
    const before = m.mark('ETH')
    const sale = m.sellQty('ETH', 5000)
    const back = m.buyQty('ETH', 5000)
    expect(m.mark('ETH')).toBeCloseTo(before, 9)
    expect(back.usd).toBeCloseTo(sale.usd, 3)
    expect(back.midBefore).toBe(sale.midAfter)
  })

  it('sell(usd) and buy(usd) move the mid symmetrically from rest', () => {
    const a = marketAt(scenario(), '20:00:00')
    const b = marketAt(scenario(), '20:00:00')
    const down = a.sell('DOGE', 900_000).midAfter / 0.25 - 1
    const up = b.buy('DOGE', 900_000).midAfter / 0.25 - 1
    expect(up).toBeCloseTo(-down, 12)
  })
})

describe('pegged assets', () => {
  it('price from the peg: USDe at 1, WBETH at ETH x ratio, following the target oracle', () => {
    const m = marketAt(scenario({ shocks: [{ asset: 'ETH', path: [[T('21:00:00'), '-0.1']] }] }), '21:00:00')
    expect(m.mark('USDe')).toBe(1)
    expect(m.oracle('WBETH')).toBeCloseTo(4350 * 0.9 * 1.08, 9)
    expect(m.mark('WBETH')).toBeCloseTo(4350 * 0.9 * 1.08, 9)
  })

  it('forced sales depeg USDe on the venue book, the oracle stays at the peg, and it recovers', () => {
    const s = scenario()
    const m = marketAt(s, '20:00:00')
    const fill = m.sell('USDe', 25_000_000)
    expect(fill.midAfter).toBeLessThan(0.7)
    expect(m.depeg('USDe')).toBeGreaterThan(0.3)
    expect(m.oracle('USDe')).toBe(1)
    expect(m.collateralPrice('USDe')).toBe(fill.midAfter)
    m.advanceTo(600)
    expect(m.mark('USDe')).toBeGreaterThan(0.999)
    expect(m.depeg('USDe')).toBeLessThan(0.001)
  })

  it('collateral priced by the oracle ignores the venue depeg', () => {
    const m = marketAt(scenario({ collateralPricing: 'oracle' }), '20:00:00')
    m.sell('WBETH', 10_000_000)
    expect(m.mark('WBETH')).toBeLessThan(4350 * 1.08 * 0.5)
    expect(m.collateralPrice('WBETH')).toBeCloseTo(4350 * 1.08, 9)
  })

  it('an exogenous venue depeg moves the book, not the oracle; a global one moves both', () => {
    const depegs = (scope: string) => [{ asset: 'USDe', scope, path: [[T('21:43:00'), '0.35'], [T('22:16:00'), '0']] }]
    const venue = marketAt(scenario({ depegs: depegs('venue') }), '21:43:00')
    expect(venue.mark('USDe')).toBeCloseTo(0.65, 12)
    expect(venue.oracle('USDe')).toBe(1)
    expect(venue.depeg('USDe')).toBeCloseTo(0.35, 12)
    const global = marketAt(scenario({ depegs: depegs('global') }), '21:43:00')
    expect(global.oracle('USDe')).toBeCloseTo(0.65, 12)
    expect(marketAt(scenario({ depegs: depegs('venue') }), '22:16:00').mark('USDe')).toBe(1)
  })
})

describe('circuit breaker', () => {
  it('halts matching after a move beyond the limit, for the halt time', () => {
    const s = scenario({ circuitBreaker: { moveFraction: '0.05', windowSeconds: 300, haltSeconds: 120 } })
    const m = marketAt(s, '20:00:00')
    m.advanceTo(1)
    expect(m.sell('DOGE', 5_000_000).halted).toBe(false)
    expect(m.isHalted('DOGE')).toBe(true)
    expect(m.haltTimes('DOGE')).toEqual([1])
    const blocked = m.sell('DOGE', 100_000)
    expect(blocked).toMatchObject({ halted: true, qty: 0, usd: 0 })
    expect(m.isHalted('BTC')).toBe(false)
    m.advanceTo(121)
    expect(m.isHalted('DOGE')).toBe(false)
    expect(m.sell('DOGE', 1000).qty).toBeGreaterThan(0)
  })

  it('trips on the exogenous path too', () => {
    const s = scenario({ circuitBreaker: { moveFraction: '0.02', windowSeconds: 60, haltSeconds: 30 } })
    const grid = timeGridOf(s)
    const m = Market.fromScenario(s)
    let tripped = -1
    for (let t = 0; t <= grid.durationSeconds && tripped < 0; t++) {
      m.advanceTo(t)
      if (m.isHalted('BTC')) tripped = t
    }
    // BTC falls 12% over 80 minutes = 0.15% a minute: never 2% within 60 s.
    expect(tripped).toBe(-1)
  })
})

describe('robustness (property-based)', () => {
  it('random orders and clocks never give NaN, zero or negative prices', () => {
    const s = scenario()
    const names = assetUniverse(s)
    const order = fc.record({
      asset: fc.constantFrom(...names),
      side: fc.constantFrom('sell' as const, 'buy' as const),
      usd: fc.double({ min: 0, max: 5e9, noNaN: true }),
      dt: fc.double({ min: 0, max: 900, noNaN: true }),
    })
    fc.assert(
      fc.property(fc.array(order, { maxLength: 40 }), (orders) => {
        const m = Market.fromScenario(s)
        let t = 0
        for (const o of orders) {
          t = Math.min(t + o.dt, 9000)
          m.advanceTo(t)
          const fill = o.side === 'sell' ? m.sell(o.asset, o.usd) : m.buy(o.asset, o.usd)
          for (const v of [fill.avgPrice, fill.midAfter, fill.usd, fill.qty]) expect(Number.isFinite(v)).toBe(true)
          expect(fill.midAfter).toBeGreaterThan(0)
          expect(fill.usd).toBeGreaterThanOrEqual(0)
          // The average fill lies between the mid before and after (it is an average over the walk).
          const lo = Math.min(fill.midBefore, fill.midAfter) * (1 - 1e-12)
          const hi = Math.max(fill.midBefore, fill.midAfter) * (1 + 1e-12)
          if (fill.qty > 0) expect(fill.avgPrice >= lo && fill.avgPrice <= hi).toBe(true)
          for (const name of names) {
            expect(m.mark(name)).toBeGreaterThan(0)
            expect(Number.isFinite(m.depthAt(name, 0.02)) || !m.hasBook(name)).toBe(true)
          }
        }
      }),
      { numRuns: 300, seed: 20251010 },
    )
  })

  it('refuses NaN, negative or infinite order sizes', () => {
    const m = marketAt(scenario(), '20:00:00')
    expect(() => m.sell('BTC', Number.NaN)).toThrow(RangeError)
    expect(() => m.buy('BTC', -1)).toThrow(RangeError)
    expect(() => m.sellQty('BTC', Infinity)).toThrow(RangeError)
    expect(() => m.mark('XRP')).toThrow(/unknown asset/)
  })
})
