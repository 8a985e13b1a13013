// A run starts at the book's own marks with the scenario's moves applied to them (the default), or,
// when asked, at the scenario's historical prices, re-pricing the book and saying so. Either way
// the start equity is what the book shows at those prices (the Book tab's, by default).
import { describe, expect, it } from 'vitest'
import { computeMetrics } from '../../../../shared/engine'
import { runCascade, validateCascadeInput } from '../../../../shared/engine/cascade'
import { rebaseScenario } from '../../../../shared/engine/cascade/start-prices'
import type { Portfolio } from '../../../../shared/model/portfolio'
import type { Scenario } from '../../../../shared/model/scenario'
import { exampleBook, preset, profile } from './support'

const small = (s: Scenario): Scenario => ({ ...s, crowd: { ...s.crowd, accounts: 3000 } })

/** The issue's book: 2 BTC long from 100,000, marked at 95,000, with 25,000 USDT: equity 15,000. */
const btcBook: Portfolio = {
  format: 'cascade.portfolio/1',
  name: 'BTC long',
  venue: 'binance',
  marginMode: 'cross',
  prices: { BTC: '95000', USDT: '1' },
  wallet: [{ asset: 'USDT', amount: '25000' }],
  positions: [{ id: 'btc', symbol: 'BTCUSDT', side: 'long', qty: '2', entryPrice: '100000', leverage: '10' }],
  loans: [],
  defi: [],
  loops: [],
}

const run = (portfolio: Portfolio, scenario: Scenario, pricing?: 'book' | 'historical') =>
  runCascade({ portfolio, venue: profile(portfolio.venue), lending: profile('aave-v3'), scenario: small(scenario), pricing }).summary

describe('where a run starts', () => {
  it("starts at the Book tab's equity under every date, and says it used the book's marks", () => {
    const book = computeMetrics(btcBook, profile('binance'))
    expect(book.ok && book.value.account.marginBalance).toBe('15000')
    for (const id of ['2025-10-10', '2021-05-19', '2020-03-12']) {
      const s = run(btcBook, preset(id))
      expect(s.startEquity, id).toBe('15000')
      expect(s.pricing).toBe('book')
      expect(s.assets.BTC.start, id).toBe('95000')
    }
  }, 60_000) // a run per example and date

  it('re-prices the book at the historical start prices only when asked, and says so', () => {
    const oct = run(btcBook, preset('2025-10-10'), 'historical')
    expect(oct).toMatchObject({ pricing: 'historical', startEquity: '69000' }) // 25,000 + 2 x (122,000 - 100,000)
    expect(oct.assets.BTC.start).toBe('122000')
    expect(run(btcBook, preset('2021-05-19'), 'historical').startEquity).toBe('-89000') // 25,000 + 2 x (43,000 - 100,000)
  })

  it("applies the scenario's relative moves to the book's marks: the same fall, from another level", () => {
    const atBook = run(btcBook, preset('2025-10-10'))
    const atHistory = run(btcBook, preset('2025-10-10'), 'historical')
    const fall = (a: { start: string; low: string }) => Number(a.low) / Number(a.start) - 1
    expect(fall(atBook.assets.BTC)).toBeCloseTo(fall(atHistory.assets.BTC), 6)
    expect(atBook.assets.BTC.lowAt).toBe(atHistory.assets.BTC.lowAt)
    expect(fall(atBook.assets.BTC)).toBeLessThan(-0.1)
  })

  it("takes peg ratios from the same place as the Book tab: the market-maker book starts at its Book-tab equity", () => {
    const mm = exampleBook('market-maker')
    const book = computeMetrics(mm, profile('binance'))
    expect(book.ok && book.value.account.marginBalance).toBe('3393250')
    expect(run(mm, preset('2025-10-10')).startEquity).toBe('3393250')
    // WBETH follows ETH at the profile's 1.07, not the preset's 1.075.
    const binance = profile('binance')
    expect(rebaseScenario(preset('2025-10-10'), mm, binance.pegs, binance.kind === 'exchange' ? binance.contracts : {}).pegs.WBETH.ratio).toBe('1.07')
  })

  it('leaves the scenario as it is (the same object) when the book starts where it does, whatever it does not hold', () => {
    const s = preset('2025-10-10')
    const hedge = exampleBook('hedge-book')
    const venue = profile(hedge.venue)
    // The hedge book marks BTC, ETH and DOGE at the preset's prices and holds USDC (1 by its peg):
    // nothing to re-base, so the preset stays, WBETH's 1.075 peg and the crowd's market with it.
    expect(rebaseScenario(s, hedge, venue.pegs, venue.kind === 'exchange' ? venue.contracts : {})).toBe(s)
  })
})

describe('assets a preset does not name', () => {
  it('every example book runs under every crash date, starting at its Book-tab equity', () => {
    for (const name of ['hedge-book', 'market-maker', 'usde-loop']) {
      const book = exampleBook(name)
      const venue = profile(book.venue)
      const shown = computeMetrics(book, venue)
      if (!shown.ok) throw new Error(name)
      for (const id of ['2025-10-10', '2021-05-19', '2020-03-12']) {
        const input = { portfolio: book, venue, lending: profile('aave-v3'), scenario: small(preset(id)) }
        expect(validateCascadeInput(input), `${name} under ${id}`).toEqual([])
        const s = runCascade(input).summary
        // The Book tab's equity: margin balance plus the DeFi net value (a lending-only book is worth its loop).
        expect(s.startEquity, `${name} under ${id}`).toBe(shown.value.account.equity)
      }
    }
  }, 60_000) // a run per example and date

  it("moves a class asset like the preset's asset for its class, from the book's mark", () => {
    const hedge = exampleBook('hedge-book')
    const s = run(hedge, preset('2020-03-12'))
    // SOL is a large-cap alt in the Hyperliquid profile; on 2020-03-12 large-cap alts follow ETH.
    expect(s.assets.SOL.start).toBe('220')
    // It has no crowd of its own: it follows ETH's exogenous path to its trough (ETH itself dips further on forced sales).
    const ethPath = preset('2020-03-12').shocks.find((x) => x.asset === 'ETH')!.path
    const trough = Math.min(...ethPath.map(([, v]) => Number(v)))
    const fall = Number(s.assets.SOL.low) / Number(s.assets.SOL.start) - 1
    expect(fall).toBeCloseTo(trough, 2)
    expect(s.assets.SOL.lowAt).toBe(ethPath.find(([, v]) => Number(v) === trough)![0])
  })

  it('refuses an asset with no class, naming its field and the classes to choose from; the book may declare one', () => {
    const pepe: Portfolio = { ...btcBook, prices: { ...btcBook.prices, PENGU: '0.03' }, wallet: [...btcBook.wallet, { asset: 'TIA', amount: '100' }] }
    const issues = validateCascadeInput({ portfolio: { ...pepe, prices: { ...pepe.prices, TIA: '5' } }, venue: profile('binance'), scenario: small(preset('2020-03-12')) })
    expect(issues).toEqual([
      {
        path: 'wallet[1].asset',
        message: 'TIA is not priced by scenario 2020-03-12 and has no asset class: set assetClasses.TIA in the book to one of large-cap-alt, small-cap-alt, usd-stable, eth-staking, sol-staking',
      },
    ])
    const declared = { ...pepe, prices: { ...pepe.prices, TIA: '5' }, assetClasses: { TIA: 'small-cap-alt' as const } }
    expect(validateCascadeInput({ portfolio: declared, venue: profile('binance'), scenario: small(preset('2020-03-12')) })).toEqual([])
    const unmarked = validateCascadeInput({ portfolio: { ...declared, prices: pepe.prices }, venue: profile('binance'), scenario: small(preset('2020-03-12')) })
    expect(unmarked).toEqual([{ path: 'prices.TIA', message: 'TIA is not priced by scenario 2020-03-12: give its mark, from which its class (small-cap-alt) moves' }])
  })
})
