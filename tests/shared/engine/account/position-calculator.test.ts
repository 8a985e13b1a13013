// The venue calculator's figures (docs/MODEL.md §2.3): worked examples, exactness, the bracket cap
// at the entry notional, bad exits named by path.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { positionCalculator } from '../../../../shared/engine'
import { emptyPortfolio, type Portfolio, type Position } from '../../../../shared/model/portfolio'
import { parseVenueText } from '../../../../shared/schemas/venue'
import { D } from '../../../../shared/decimal'

const venue = (() => {
  const r = parseVenueText(readFileSync(join(__dirname, '../../../../resources/venues/binance.json'), 'utf8'))
  if (!r.ok) throw new Error('binance profile')
  return r.value
})()
const book = (...positions: Position[]): Portfolio => ({ ...emptyPortfolio('calc'), positions })
const calc = (doc: Portfolio, exits: Record<string, string> = {}) => {
  const r = positionCalculator(doc, venue, exits)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value.positions
}

describe('position calculator', () => {
  it("Bybit's PnL example: long 2 at 36,000, 10x, closed at 40,000 -> IM 7,200, PnL 8,000, ROE 8,000/7,200", () => {
    const [p] = calc(book({ id: 'a', symbol: 'BTCUSDT', side: 'long', qty: '2', entryPrice: '36000', leverage: '10' }), { a: '40000' })
    expect(p.initialMargin).toBe('7200')
    expect(p.exit).toEqual({ price: '40000', pnl: '8000', roe: new D(8000).div(7200).toFixed() })
  })

  it('a short gains when the exit is below the entry; notional-sized positions give the same figures as qty', () => {
    const byQty = calc(book({ id: 's', symbol: 'ETHUSDT', side: 'short', qty: '40', entryPrice: '4350', leverage: '10' }), { s: '4300' })[0]
    const byNotional = calc(book({ id: 's', symbol: 'ETHUSDT', side: 'short', notional: '174000', entryPrice: '4350', leverage: '10' }), { s: '4300' })[0]
    expect(byQty.exit).toEqual({ price: '4300', pnl: '2000', roe: '0.1149425287356321839080459770114943' })
    expect(byNotional).toEqual(byQty)
    expect(byQty.initialMargin).toBe('17400')
  })

  it('gives the cap of the bracket the entry notional falls in, even when the leverage breaks it', () => {
    // 40.98 BTC x 122,000 = 4,999,560 USDT: bracket 4 of the Binance profile (3M - 12M, 50x).
    const [p] = calc(book({ id: 'b', symbol: 'BTCUSDT', side: 'long', qty: '40.98', entryPrice: '122000', leverage: '200' }))
    expect(p).toMatchObject({ maxLeverage: '50', bracket: { level: 4, floor: '3000000', cap: '12000000' }, quote: 'USDT', exit: null })
  })

  it('an unknown contract has no cap; an exit for no position or not positive is named', () => {
    expect(calc(book({ id: 'x', symbol: 'NOPEUSDT', side: 'long', qty: '1', entryPrice: '1', leverage: '1' }))[0]).toMatchObject({ maxLeverage: null, bracket: null, quote: null })
    const r = positionCalculator(book({ id: 'a', symbol: 'BTCUSDT', side: 'long', qty: '1', entryPrice: '1', leverage: '1' }), venue, { a: '-1', b: '5' })
    expect(!r.ok && r.issues).toEqual([
      { path: 'exits.a', message: 'must be a positive decimal, got "-1"' },
      { path: 'exits.b', message: 'no position with id "b"' },
    ])
  })

  it('PnL is exact: (exit - entry) x qty x side for any decimals, and ROE x IM = PnL', () => {
    const dec = fc.tuple(fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 0, max: 6 })).map(([n, dp]) => new D(n).div(new D(10).pow(dp)).toFixed())
    fc.assert(
      fc.property(dec, dec, dec, fc.integer({ min: 1, max: 125 }), fc.boolean(), (qty, entry, exit, lev, long) => {
        const [p] = calc(book({ id: 'p', symbol: 'BTCUSDT', side: long ? 'long' : 'short', qty, entryPrice: entry, leverage: String(lev) }), { p: exit })
        const expected = new D(exit).sub(entry).mul(qty).mul(long ? 1 : -1)
        expect(new D(p.exit!.pnl).eq(expected)).toBe(true)
        expect(new D(p.exit!.roe).mul(p.initialMargin).sub(expected).abs().lte(new D(expected).abs().mul('1e-30'))).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})
