// The book at the bottom of a scenario's exogenous paths (docs/WHATIF.md): worked prices on the
// 2025-10-10 preset, the hedge book's equity at 21:20 by hand, the start equal to the Book tab,
// the bottom as the riskiest point, each liquidation line (portfolio, isolated, DeFi), collateral
// and DeFi pricing under venue and global depegs, and the run's refusals unchanged.
import { describe, expect, it } from 'vitest'
import { computeMetrics } from '../../../../shared/engine'
import { bottomMetrics } from '../../../../shared/engine/bottom'
import { exogenousPaths } from '../../../../shared/engine/bottom/exogenous-prices'
import { validateCascadeInput } from '../../../../shared/engine/cascade'
import type { BottomMetrics } from '../../../../shared/model/bottom'
import type { Portfolio } from '../../../../shared/model/portfolio'
import type { Scenario } from '../../../../shared/model/scenario'
import { validateScenario } from '../../../../shared/schemas/scenario'
import { binanceHedgeBook, emptyBook, exampleBook, preset, profile } from '../cascade/support'

const at = (hhmmss: string) => Date.parse(`2025-10-10T${hhmmss}Z`)

function bottom(portfolio: Portfolio, scenario: Scenario, pricing?: 'book' | 'historical'): BottomMetrics {
  const venue = profile(portfolio.venue)
  const lending = portfolio.defi.length || portfolio.loops.length ? profile('aave-v3') : undefined
  const r = bottomMetrics({ portfolio, venue, lending: venue.kind === 'lending' ? undefined : lending, scenario, pricing })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

/** The 10/10 preset with USDe depegged by `depth` at 21:20 (the preset's BTC bottom). */
function withUsdeDepeg(depth: string, scope: 'venue' | 'global', collateralPricing: 'book' | 'oracle' = 'book'): Scenario {
  const s = preset('2025-10-10')
  const r = validateScenario({ ...s, collateralPricing, depegs: [{ asset: 'USDe', scope, path: [['2025-10-10T21:20:00Z', depth]] }] })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

describe('prices along the exogenous paths', () => {
  const paths = exogenousPaths(withUsdeDepeg('0.3', 'venue'))

  it('a shocked asset is start x (1 + move), linear between points from 0 at the start', () => {
    expect(paths.at(at('20:00:00')).reference.BTC).toBe('122000')
    expect(paths.at(at('21:20:00')).reference.BTC).toBe('105530') // 122,000 x (1 - 0.135)
    // Halfway between 21:15 (-0.11) and 21:20 (-0.135): -0.1225.
    expect(paths.at(at('21:17:30')).reference.BTC).toBe('107055')
    // After the last point the move is held.
    expect(paths.at(at('22:30:00')).reference.DOGE).toBe(paths.at(Date.parse('2025-10-10T22:30:00Z')).oracle.DOGE)
  })

  it('a venue depeg moves the book, not the oracle; a peg follows its target', () => {
    const p = paths.at(at('21:20:00'))
    expect(p.reference.USDe).toBe('0.7')
    expect(p.oracle.USDe).toBe('1')
    // WBETH pegs to ETH at 1.075: ETH 4,350 x (1 - 0.16) = 3,654; x 1.075 = 3,928.05.
    expect(p.oracle.WBETH).toBe('3928.05')
    const global = exogenousPaths(withUsdeDepeg('0.3', 'global')).at(at('21:20:00'))
    expect(global.oracle.USDe).toBe('0.7')
  })

  it('breakpoints are every path point and the start, in order', () => {
    expect(paths.breakpoints[0]).toBe(at('20:00:00'))
    expect(paths.breakpoints).toContain(at('21:20:00'))
    expect([...paths.breakpoints].sort((a, b) => a - b)).toEqual(paths.breakpoints)
  })
})

describe('the book at the bottom', () => {
  it("starts at the Book tab's figures and finds the hedge book's 21:20 equity by hand", () => {
    const book = binanceHedgeBook()
    const m = bottom(book, preset('2025-10-10'))
    const tab = computeMetrics(book, profile('binance'))
    expect(tab.ok && m.atStart.account).toEqual(tab.ok && tab.value.account)
    expect(m.at).toBe('2025-10-10T21:20:00Z')
    // 9M DOGE at 0.075 (675,000) + BTC long 5M x -13.5% (-675,000) + ETH long 1M x -16% (-160,000)
    // + DOGE short 0.5M x 70% (+350,000) = 190,000.
    expect(m.atBottom.account.marginBalance).toBe('190000')
    expect(m.state).toBe('safe')
    expect(m.liquidatedPositions).toEqual([])
    expect(m.assets.find((a) => a.asset === 'DOGE')).toMatchObject({ start: '0.25', bottom: '0.075', move: '-0.7' })
  })

  it('the bottom is the riskiest point of the curve', () => {
    for (const name of ['hedge-book', 'market-maker']) {
      for (const id of ['2025-10-10', '2020-03-12', '2021-05-19']) {
        const m = bottom(exampleBook(name), preset(id))
        const risks = m.curve.map((c) => c.risk ?? -1)
        expect(m.risk.bottom, `${name} ${id}`).toBe(Math.max(...risks))
        // Among equally risky points (a ratio capped past the line) the lowest equity wins.
        expect(m.curve.some((c) => c.t === m.at && c.risk === m.risk.bottom), `${name} ${id}`).toBe(true)
      }
    }
  })

  it('a portfolio-margin account below its liquidation uniMMR is liquidated whole, largest maintenance first', () => {
    const m = bottom(exampleBook('market-maker'), preset('2025-10-10'))
    expect(m.state).toBe('liquidated')
    expect(m.lines.find((l) => l.kind === 'account')?.liquidated).toBe(true)
    expect(Number(m.atBottom.account.uniMMR)).toBeLessThanOrEqual(1.05)
    expect(m.liquidatedPositions).toEqual(['sol-hedge'])
  })

  it('isolated: only the position whose margin is gone at the bottom', () => {
    const book: Portfolio = {
      ...emptyBook('binance'),
      marginMode: 'isolated',
      prices: { BTC: '122000', ETH: '4350', USDT: '1' },
      wallet: [{ asset: 'USDT', amount: '100000' }],
      positions: [
        // 10x: about 9.5% of room, and BTC falls 13.5%.
        { id: 'btc10x', symbol: 'BTCUSDT', side: 'long', qty: '1', entryPrice: '122000', leverage: '10' },
        // 2x survives ETH's 16%.
        { id: 'eth2x', symbol: 'ETHUSDT', side: 'long', qty: '10', entryPrice: '4350', leverage: '2' },
      ],
    }
    const m = bottom(book, preset('2025-10-10'))
    expect(m.state).toBe('liquidated')
    expect(m.liquidatedPositions).toEqual(['btc10x'])
    expect(m.lines.find((l) => l.id === 'eth2x')?.liquidated).toBe(false)
  })

  it('a DeFi loop sees a global depeg (the oracle) and not a venue one', () => {
    const loop = exampleBook('usde-loop')
    // Liquidated below a USDe price of 0.7923 (resources/examples/README.md): a 30% depeg crosses it.
    const global = bottom(loop, withUsdeDepeg('0.3', 'global'))
    expect(global.liquidatedDefi).toEqual(['usde'])
    expect(global.state).toBe('liquidated')
    const venue = bottom(loop, withUsdeDepeg('0.3', 'venue'))
    expect(venue.liquidatedDefi).toEqual([])
    expect(venue.state).toBe('safe')
  })

  it('collateral at the book sees a venue depeg; at the oracle it does not', () => {
    const mm = exampleBook('market-maker')
    const book = bottom(mm, withUsdeDepeg('0.35', 'venue', 'book'))
    const oracle = bottom(mm, withUsdeDepeg('0.35', 'venue', 'oracle'))
    expect(book.at).toBe(oracle.at)
    // 500,000 USDe worth 0.35 less on the venue's book.
    expect(Number(oracle.atBottom.account.walletBalance) - Number(book.atBottom.account.walletBalance)).toBeCloseTo(175000, 6)
    expect(book.assets.find((a) => a.asset === 'USDe')).toMatchObject({ bottom: '0.65', path: { kind: 'peg', to: 'USD', scope: 'venue' } })
  })

  it("the venue's conversion-rate index (a run option): USDe floored at 0.95 of its peg, the staking tokens at their conversion rate", () => {
    const mm = exampleBook('market-maker')
    const s = withUsdeDepeg('0.35', 'venue', 'book')
    const r = bottomMetrics({ portfolio: mm, venue: profile('binance'), scenario: s, collateralPricing: 'conversion' })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.value.conversionIndex?.assets).toEqual({ WBETH: { method: 'conversion' }, BNSOL: { method: 'conversion' }, USDe: { method: 'floor', floor: '0.95' } })
    expect(r.value.collateralIndex.USDe).toEqual({ method: 'floor', floor: '0.95' })
    expect(r.value.assets.find((a) => a.asset === 'USDe')?.bottom).toBe('0.95')
    const market = bottom(mm, s)
    // 500,000 USDe at 0.95 instead of 0.65.
    expect(Number(r.value.atBottom.account.walletBalance) - Number(market.atBottom.account.walletBalance)).toBeCloseTo(150000, 6)
  })

  it("historical pricing starts at the scenario's prices", () => {
    const book = exampleBook('hedge-book')
    const s = preset('2020-03-12')
    const m = bottom(book, s, 'historical')
    expect(m.assets.find((a) => a.asset === 'BTC')?.start).toBe('7900')
    expect(m.pricing).toBe('historical')
  })

  it('nothing moves: the bottom is the start', () => {
    const s = preset('2025-10-10')
    const calm = validateScenario({ ...s, shocks: [], depegs: [] })
    if (!calm.ok) throw new Error('calm')
    const m = bottom(exampleBook('hedge-book'), calm.value)
    expect(m.at).toBe(s.start)
    expect(m.atBottom).toEqual(m.atStart)
  })

  it('offers a depeg for every pegged asset: the scenario pegs and the book assets a class or a profile pegs', () => {
    const m = bottom(exampleBook('market-maker'), preset('2020-03-12'))
    expect(m.pegged.filter((p) => p.inBook).map((p) => [p.asset, p.to, p.inScenario])).toEqual([
      ['BNSOL', 'SOL', false],
      ['USDe', 'USD', false],
      ['WBETH', 'ETH', false],
    ])
  })

  it('refuses what a run refuses, with the same findings', () => {
    const book: Portfolio = { ...binanceHedgeBook(), positions: [{ id: 'x', symbol: 'BNBUSDT', side: 'long', qty: '1', entryPrice: '1000', leverage: '2' }] }
    const s = preset('2020-03-12')
    const noClass = { ...s, classes: {} }
    const r = bottomMetrics({ portfolio: book, venue: profile('binance'), scenario: noClass })
    const run = validateCascadeInput({ portfolio: book, venue: profile('binance'), scenario: noClass })
    expect(r.ok).toBe(false)
    expect(run.length).toBeGreaterThan(0)
    expect(!r.ok && r.issues).toEqual(run)
    expect(!r.ok && r.issues[0].path).toBe('positions[0].symbol')
  })
})
