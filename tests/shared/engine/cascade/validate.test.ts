// Bad input stops a run before it starts, each finding naming the field to fix
// (`validateCascadeInput`); `runCascade` refuses the same input.
import { describe, expect, it } from 'vitest'
import { runCascade, validateCascadeInput } from '../../../../shared/engine/cascade'
import type { Portfolio } from '../../../../shared/model/portfolio'
import { describeIssue } from '../../../../shared/model/issues'
import { emptyBook, exampleBook, preset, profile } from './support'

const scenario = preset('2025-10-10')
const check = (portfolio: Portfolio, extra: Record<string, unknown> = {}) =>
  validateCascadeInput({ portfolio, venue: profile('binance'), lending: profile('aave-v3'), scenario, ...extra }).map(describeIssue)

describe('validateCascadeInput', () => {
  it('accepts the example books', () => {
    for (const name of ['hedge-book', 'usde-loop', 'market-maker']) {
      const book = exampleBook(name)
      expect(validateCascadeInput({ portfolio: book, venue: profile(book.venue), lending: profile('aave-v3'), scenario }), name).toEqual([])
    }
  })

  it('names a position whose base asset the scenario does not price and the book does not mark', () => {
    const book: Portfolio = { ...emptyBook(), wallet: [{ asset: 'USDT', amount: '100000' }], positions: [
      { id: 'btc', symbol: 'BTCUSDT', side: 'long', qty: '1', entryPrice: '122000', leverage: '5' },
      { id: 'bnb', symbol: 'BNBUSDT', side: 'long', qty: '10', entryPrice: '1200', leverage: '5' },
    ] }
    const issues = check(book)
    expect(issues).toHaveLength(1)
    // BNB is a large-cap alt (Binance profile): it could follow the preset's large-cap path, from a mark.
    expect(issues[0]).toBe('prices.BNB: BNB is not priced by scenario 2025-10-10: give its mark, from which its class (large-cap-alt) moves')
    expect(check({ ...book, prices: { BNB: '1200' } })).toEqual([])
  })

  it('names wallet, loan, DeFi and loop assets it cannot price', () => {
    const book: Portfolio = {
      ...emptyBook(),
      marginMode: 'cross',
      wallet: [{ asset: 'PENGU', amount: '1000' }],
      loans: [{ asset: 'XRP', amount: '5' }],
      defi: [{ id: 'd', protocol: 'aave-v3', supplies: [{ asset: 'WBTC', amount: '1' }], borrows: [{ asset: 'USDC', amount: '100' }] }],
      loops: [{ id: 'l', capital: '1000', asset: 'sUSDe', borrow: 'USDT', ltv: '0.5', loops: 2 }],
    }
    const issues = check(book)
    // XRP has no class in the Binance profile; PENGU is a small-cap alt but has no mark.
    expect(issues).toEqual([
      'prices.PENGU: PENGU is not priced by scenario 2025-10-10: give its mark, from which its class (small-cap-alt) moves',
      'loans[0].asset: XRP is not priced by scenario 2025-10-10 and has no asset class: set assetClasses.XRP in the book to one of large-cap-alt, small-cap-alt, usd-stable, eth-staking, sol-staking',
    ])
    // WBTC pegs to BTC and sUSDe to USDe in the aave-v3 profile: both priced through the peg.
    expect(issues.some((i) => i.startsWith('defi[0]'))).toBe(false)
    expect(issues.some((i) => i.startsWith('loops[0]'))).toBe(false)
  })

  it('passes through the portfolio validator and the exact book builder', () => {
    const bad = { ...emptyBook(), positions: [{ id: 'x', symbol: 'BTCUSDT', side: 'long', qty: '-3', entryPrice: '1', leverage: '1' }] } as unknown as Portfolio
    expect(check(bad)[0]).toMatch(/^positions\[0\]\.qty: must be a positive decimal/)
    const tooLevered: Portfolio = { ...emptyBook(), positions: [{ id: 'x', symbol: 'BTCUSDT', side: 'long', notional: '5000000', entryPrice: '122000', leverage: '100' }] }
    expect(check(tooLevered)[0]).toMatch(/^positions\[0\]\.leverage: at most 50x for BTCUSDT at this size, got 100x \(/)
  })

  it('checks the profiles and the seed', () => {
    expect(check(emptyBook(), { lending: profile('binance') })).toEqual(['lending: must be a lending profile such as aave-v3, got the exchange profile "binance"'])
    expect(check(emptyBook(), { seed: -1 })[0]).toMatch(/^seed: must be a whole number/)
    expect(check(emptyBook(), { seed: 1.5 })[0]).toMatch(/^seed: /)
  })

  it('runCascade refuses what validateCascadeInput refuses', () => {
    const book: Portfolio = { ...emptyBook(), positions: [{ id: 'bnb', symbol: 'BNBUSDT', side: 'long', qty: '1', entryPrice: '1200', leverage: '2' }] }
    expect(() => runCascade({ portfolio: book, venue: profile('binance'), scenario })).toThrow(/prices\.BNB: BNB is not priced/)
  })
})
