// Maintenance brackets read like the Binance FAQ: cum is derived by the recursion, never typed.
import { describe, expect, it } from 'vitest'
import { bracketTable, maintenanceMarginText } from '../../../../shared/engine'
import type { ExchangeProfile } from '../../../../shared/model/venue'
import { contract, D, shippedProfile } from './support'

/** Binance's older (≈2022-23, 125x) BTCUSDT table, docs/VENUE-RULES.md §1.2 (b). */
const older125x = contract([
  ['50000', '125', '0.004'],
  ['250000', '100', '0.005'],
  ['3000000', '50', '0.01'],
  ['20000000', '20', '0.025'],
  ['40000000', '10', '0.05'],
  ['100000000', '5', '0.1'],
  ['120000000', '4', '0.125'],
  ['200000000', '3', '0.15'],
  ['300000000', '2', '0.25'],
  ['500000000', '1', '0.5'],
])

describe('Binance maintenance amount (cum) recursion', () => {
  it('"Level 3 = 250,000 x (1% - 0.5%) + 50 USDT = 1,300 USDT" on the older 125x table', () => {
    const rows = bracketTable(older125x)
    expect(rows[1].cum).toBe('50')
    expect(rows[2]).toMatchObject({ notionalFloor: '250000', mmr: '0.01', cum: '1300' })
  })

  it('reproduces every cum of the saved 125x API response', () => {
    expect(bracketTable(older125x).map((r) => r.cum)).toEqual(['0', '50', '1300', '46300', '546300', '2546300', '5046300', '8046300', '28046300', '103046300'])
  })

  it('"position size of BTCUSDT 264,000 USDT -> MMR 1%"; "position 500,000 USDT -> maintenance amount 1,300 USDT"', () => {
    expect(maintenanceMarginText(older125x, '264000').mmr).toBe('0.01')
    expect(maintenanceMarginText(older125x, '500000')).toEqual({ level: 3, mmr: '0.01', cum: '1300', maintenanceMargin: '3700' })
  })

  it('derives the 2025 150x BTCUSDT table (a) of the shipped profile exactly as docs/VENUE-RULES.md lists it', () => {
    const btc = (shippedProfile('binance') as ExchangeProfile).contracts.BTCUSDT
    expect(bracketTable(btc).map((r) => r.cum)).toEqual([
      '0', '300', '1500', '12000', '132000', '482000', '2982000', '14482000', '26482000', '41482000', '121482000', '421482000',
    ])
  })
})

describe('COIN-M analogue (Binance FAQ ceccfcfb...)', () => {
  // A COIN-M BTCUSD table consistent with both published figures (level 1 at 0.4%, level 4's
  // cum 0.56 BTC, level 5 floor 50 BTC at 5%); amounts are in BTC.
  const btcusd = contract([
    ['10', '125', '0.004'],
    ['20', '100', '0.005'],
    ['30', '50', '0.01'],
    ['50', '20', '0.025'],
    ['100', '10', '0.05'],
  ], 'BTC', 'BTC')

  it('"100 BTCUSD contracts, Mark 25,000 -> notional 100 x 100 / 25,000 = 0.4 BTC -> MM = 0.4 x 0.4% - 0 = 0.0016 BTC"', () => {
    const contracts = 100
    const multiplierUsd = 100
    const notionalBtc = String((contracts * multiplierUsd) / 25000)
    expect(notionalBtc).toBe('0.4')
    expect(maintenanceMarginText(btcusd, notionalBtc).maintenanceMargin).toBe('0.0016')
  })

  it('"BTCUSD Maintenance Amount Level 5 = 50 BTC x (5% - 2.5%) + 0.56 BTC = 1.81 BTC"', () => {
    const rows = bracketTable(btcusd)
    expect(rows[3].cum).toBe('0.56')
    expect(rows[4].cum).toBe('1.81')
  })
})

describe('bracket boundaries', () => {
  const btc = (shippedProfile('binance') as ExchangeProfile).contracts.BTCUSDT

  it('a notional exactly at a cap belongs to the lower bracket (its maximum position)', () => {
    expect(maintenanceMarginText(btc, '300000').level).toBe(1)
    expect(maintenanceMarginText(btc, '300000.0000000001').level).toBe(2)
  })

  it('maintenance margin is continuous across every cap: both brackets give the same MM there', () => {
    const rows = bracketTable(btc)
    for (let i = 0; i < rows.length - 1; i++) {
      const cap = new D(rows[i].notionalCap as string)
      const mmWith = (r: (typeof rows)[number]) => cap.mul(r.mmr).sub(r.cum).toFixed()
      expect(mmWith(rows[i + 1])).toBe(mmWith(rows[i]))
    }
  })

  it('Hyperliquid: mmr is half the initial margin at max leverage, deduction by the same recursion', () => {
    const hl = shippedProfile('hyperliquid') as ExchangeProfile
    const rows = bracketTable(hl.contracts.BTC, hl.maintenanceRule)
    // "at 20x max leverage, maintenance_margin_rate = 2.5%"; 40x -> 1.25%.
    expect(rows.map((r) => r.mmr)).toEqual(['0.0125', '0.025'])
    expect(rows[1].cum).toBe('1875000') // 150,000,000 x (2.5% - 1.25%)
  })
})
