// Liquidation and bankruptcy prices read like the venues' worked examples (docs/VENUE-RULES.md §1.1, §1.3).
import { describe, expect, it } from 'vitest'
import { bankruptcyPriceText, computeMetrics, inverseBankruptcyPriceText, liquidationPriceText } from '../../../../shared/engine'
import type { ExchangeProfile } from '../../../../shared/model/venue'
import { book, D, exchange, position, shippedProfile } from './support'

const binance = exchange('binance')
const btc = binance.contracts.BTCUSDT

function metrics(...args: Parameters<typeof computeMetrics>) {
  const r = computeMetrics(...args)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

describe('bankruptcy price', () => {
  it('Bybit inverse: "Long: Bankruptcy Price = Entry Price x Leverage / (Leverage + 1) = (7,890.08 x 50)/(50 + 1) = 7,735.372549"', () => {
    const bp = inverseBankruptcyPriceText('long', '7890.08', '50') as string
    expect(bp.startsWith('7735.372549')).toBe(true)
    expect(new D(bp).toDecimalPlaces(2).toFixed()).toBe('7735.37')
  })

  it('Bybit USDT contract: "Long: Bankruptcy Price = Entry Price x (1 - IMR); Short: Entry x (1 + IMR)", IMR = 1/leverage', () => {
    const doc = book({
      marginMode: 'isolated',
      prices: { BTC: '100000' },
      positions: [
        position({ id: 'l', symbol: 'BTCUSDT', side: 'long', qty: '1', entryPrice: '100000', leverage: '50' }),
        position({ id: 's', symbol: 'BTCUSDT', side: 'short', qty: '1', entryPrice: '100000', leverage: '50' }),
      ],
    })
    const [long, short] = metrics(doc, binance).positions
    expect(long.bankruptcyPrice).toBe('98000')
    expect(short.bankruptcyPrice).toBe('102000')
  })

  it('is the price at which margin balance is zero: BP = EP - (WB + UPNL1)/(side x Q)', () => {
    expect(bankruptcyPriceText('long', '2', '100000', '50000')).toBe('75000')
    expect(bankruptcyPriceText('long', '2', '100000', '250000')).toBeNull() // would be negative: no such price
  })
})

describe('Binance one-way liquidation price', () => {
  it('on the reference hedge book of docs/FORMATS.md §2.5: (WB - TMM1 + UPNL1 + cum - Q x EP) / (Q x mmr - Q) for the BTC long', () => {
    const doc = book({
      prices: { BTC: '122000', DOGE: '0.2' },
      wallet: [{ asset: 'USDT', amount: '2000000' }],
      loans: [{ asset: 'USDT', amount: '100000' }],
      positions: [
        position({ id: 'btc', symbol: 'BTCUSDT', side: 'long', qty: '40.98', entryPrice: '122000', leverage: '3' }),
        position({ id: 'doge', symbol: 'DOGEUSDT', side: 'short', qty: undefined, notional: '500000', entryPrice: '0.25', leverage: '15' }),
      ],
    })
    const m = metrics(doc, binance)
    // WB 1,900,000; DOGE: MM 400,000 x 2% - 2,750 = 5,250, uPnL +100,000; bracket 4: mmr 1%, cum 12,000.
    const expected = new D('1900000').sub('5250').add('100000').add('12000').sub(new D('40.98').mul('122000')).div(new D('40.98').mul('0.01').sub('40.98'))
    // Equal to the 34th significant digit (the engine divides by (mmr - side) and Q separately).
    expect(new D(m.positions[0].liquidationPrice as string).sub(expected).abs().lt('1e-25')).toBe(true)
    expect(m.positions[0].liquidationPrice?.startsWith('73768.677502')).toBe(true)
  })

  it('re-solves across brackets until |Q| x LP lies in the bracket used', () => {
    // 100 BTC at 100,000: notional 10M (bracket 4). The LP takes the notional down to bracket 3.
    const r = liquidationPriceText({ contract: btc, side: 'long', qty: '100', entryPrice: '100000', balance: '7500000' })
    expect(r.tried.length).toBeGreaterThan(1)
    const row = btc.brackets[(r.level as number) - 1]
    const floor = r.level === 1 ? '0' : (btc.brackets[(r.level as number) - 2].notionalCap as string)
    const notional = new D('100').mul(r.price as string)
    expect(notional.gte(floor) && notional.lte(row.notionalCap as string)).toBe(true)
  })

  it('is null when it would be negative ("the UI would display --")', () => {
    expect(liquidationPriceText({ contract: btc, side: 'long', qty: '1', entryPrice: '100000', balance: '200000' }).price).toBeNull()
  })

  it('Hyperliquid\'s liq_price = price - side x margin_available / Q / (1 - l x side) gives the same price', () => {
    const hl = shippedProfile('hyperliquid') as ExchangeProfile
    const doc = book({
      venue: 'hyperliquid',
      prices: { ETH: '4000' },
      wallet: [{ asset: 'USDC', amount: '20000' }],
      positions: [position({ id: 'e', symbol: 'ETH', side: 'short', qty: '50', entryPrice: '4000', leverage: '20' })],
    })
    const m = metrics(doc, hl)
    const l = new D('1').div(50) // 25x max leverage -> mmr 2%
    const marginAvailable = new D('20000').sub(new D('50').mul('4000').mul(l))
    const side = -1
    const hlPrice = new D('4000').sub(marginAvailable.mul(side).div('50').div(new D(1).sub(l.mul(side))))
    expect(m.positions[0].liquidationPrice).toBe(hlPrice.toFixed())
  })
})
