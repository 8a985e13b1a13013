// Binance's collateral index since 2025-10-14 as a run option (docs/MODEL.md §3): WBETH and BNSOL at
// their conversion rate, USDe floored at 0.95 of its peg. Would it have saved a book holding them
// on 2025-10-10? The same book, crowd and seed, once as the venue priced it that night and once
// under the later rule; and the outage of a venue halts matching for its window.
import { describe, expect, it } from 'vitest'
import { runCascade, validateCascadeInput } from '../../../../shared/engine/cascade'
import { Market } from '../../../../shared/engine/market'
import { withConversionPricing } from '../../../../shared/engine/cascade/validate'
import type { Portfolio } from '../../../../shared/model/portfolio'
import type { Scenario } from '../../../../shared/model/scenario'
import { exampleBook, miniScenario, preset, profile } from './support'

const small = (s: Scenario): Scenario => ({ ...s, crowd: { ...s.crowd, accounts: 3000 } })

/** A unified Binance book: WBETH and USDe as collateral behind a SOL short, liquidated on the night's depeg. */
const lstBook: Portfolio = {
  format: 'cascade.portfolio/1',
  name: 'WBETH and USDe collateral',
  venue: 'binance',
  marginMode: 'portfolio',
  prices: { ETH: '4350', SOL: '220', USDe: '1', USDT: '1' },
  wallet: [
    { asset: 'WBETH', amount: '400' },
    { asset: 'USDe', amount: '600000' },
  ],
  positions: [{ id: 'sol-short', symbol: 'SOLUSDT', side: 'short', qty: '20000', entryPrice: '220', leverage: '5' }],
  loans: [{ asset: 'USDT', amount: '1500000' }],
  defi: [],
  loops: [],
}

describe('collateral pricing by conversion rate', () => {
  const scenario = small(preset('2025-10-10-binance'))
  const run = (collateralPricing: 'market' | 'conversion') =>
    runCascade({ portfolio: lstBook, venue: profile('binance'), lending: profile('aave-v3'), scenario, seed: 42, collateralPricing })

  it('the book is accepted either way, and the summary says which pricing applied', () => {
    expect(validateCascadeInput({ portfolio: lstBook, venue: profile('binance'), scenario, collateralPricing: 'conversion' })).toEqual([])
    expect(run('market').summary.collateralPricing).toBe('market')
    expect(run('conversion').summary.collateralPricing).toBe('conversion')
  }, 30_000)

  it('liquidated on the venue-priced depeg; kept alive by the conversion index, at the same start equity', () => {
    const market = run('market').summary
    const conversion = run('conversion').summary
    expect(conversion.startEquity).toBe(market.startEquity)
    expect(market.survived).toBe(false)
    expect(conversion.survived).toBe(true)
    expect(Number(conversion.finalEquity)).toBeGreaterThan(Number(market.finalEquity))
    // The venue's books still depeg (the crowd's market makers sell there); only the index ignores them.
    expect(Number(conversion.assets.WBETH.low)).toBeLessThan(0.9 * Number(conversion.assets.WBETH.start))
  }, 30_000)

  it('a venue without the rule refuses the option with its field', () => {
    const bybit = validateCascadeInput({ portfolio: { ...lstBook, venue: 'bybit', marginMode: 'cross', wallet: [{ asset: 'USDT', amount: '1000' }], loans: [] }, venue: profile('bybit'), scenario: small(preset('2025-10-10-bybit')), collateralPricing: 'conversion' })
    expect(bybit.map((i) => i.path)).toEqual(['collateralPricing'])
    expect(bybit[0].message).toContain('bybit has none')
  })

  it('prices WBETH at ETH x its ratio and USDe at no less than 0.95 of its peg, whatever their books do', () => {
    const s = withConversionPricing(miniScenario(), profile('binance'))!
    expect(s.collateralIndex).toEqual({ WBETH: { method: 'conversion' }, USDe: { method: 'floor', floor: '0.95' } }) // BNSOL: not in this scenario
    const m = Market.fromScenario(s)
    m.sell('WBETH', 5_000_000)
    m.sell('USDe', 20_000_000)
    expect(m.mark('WBETH')).toBeLessThan(0.9 * m.oracle('ETH') * 1.05)
    expect(m.collateralPrice('WBETH')).toBeCloseTo(m.oracle('ETH') * 1.05, 9)
    expect(m.mark('USDe')).toBeLessThan(0.95)
    expect(m.collateralPrice('USDe')).toBeCloseTo(0.95, 12)
    const plain = Market.fromScenario(miniScenario())
    plain.sell('USDe', 20_000_000)
    expect(plain.collateralPrice('USDe')).toBe(plain.mark('USDe'))
  })
})

describe('venue outages', () => {
  it('halt matching for every asset inside the window and log its start and end', () => {
    const s: Scenario = { ...miniScenario({ accounts: 500 }), outages: [{ from: '2025-10-10T20:10:00Z', to: '2025-10-10T20:14:00Z', note: 'test outage' }] }
    const m = Market.fromScenario(s)
    m.advanceTo(9 * 60)
    expect(m.isHalted('BTC')).toBe(false)
    m.advanceTo(11 * 60)
    expect(m.isHalted('BTC')).toBe(true)
    expect(m.sell('DOGE', 1000).halted).toBe(true)
    m.advanceTo(14 * 60)
    expect(m.isHalted('BTC')).toBe(false)
    const r = runCascade({ portfolio: exampleBook('hedge-book'), venue: profile('hyperliquid'), lending: profile('aave-v3'), scenario: s })
    const notes = r.events.filter((e) => e.kind === 'circuit-breaker' && e.account === 'market').map((e) => `${e.t} ${e.note}`)
    expect(notes[0]).toMatch(/^2025-10-10T20:10:00Z venue outage until 2025-10-10T20:14:00Z/)
    expect(notes.some((n) => n.startsWith('2025-10-10T20:14:00Z venue back'))).toBe(true)
    const during = r.events.filter((e) => e.kind === 'liquidation' && e.t > '2025-10-10T20:10:00Z' && e.t < '2025-10-10T20:14:00Z' && Number(e.qty ?? '0') > 0)
    expect(during).toEqual([])
  })
})
