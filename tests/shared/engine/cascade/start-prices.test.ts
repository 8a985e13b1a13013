// A run starts at the book's own marks with the scenario's moves applied to them (the default), or,
// when asked, at the scenario's historical prices, re-pricing the book and saying so. Either way
// the start equity is what the book shows at those prices (the Book tab's, by default).
import { describe, expect, it } from 'vitest'
import { computeMetrics } from '../../../../shared/engine'
import { runCascade } from '../../../../shared/engine/cascade'
import { rebaseScenario } from '../../../../shared/engine/cascade/start-prices'
import type { Portfolio } from '../../../../shared/model/portfolio'
import type { Scenario } from '../../../../shared/model/scenario'
import { exampleBook, preset, profile } from './support'

const small = (s: Scenario): Scenario => ({ ...s, crowd: { ...s.crowd, accounts: 3000 } })

/** The book: 2 BTC long from 100,000, marked at 95,000, with 25,000 USDT: equity 15,000. */
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
  runCascade({ portfolio, venue: profile('binance'), lending: profile('aave-v3'), scenario: small(scenario), pricing }).summary

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
  })

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
    const binance = profile('binance')
    // The hedge book holds no WBETH: the preset's WBETH peg (1.075, the profile says 1.07) stays, and so does the crowd's market.
    expect(rebaseScenario(s, exampleBook('hedge-book'), binance.pegs, binance.kind === 'exchange' ? binance.contracts : {})).toBe(s)
  })
})
