// ADL ranking read like the venues' examples (docs/VENUE-RULES.md §2).
import { describe, expect, it } from 'vitest'
import { adlScoreText, allocateDeleveraging, computeMetrics, lightsFromPercentile, queuePercentiles } from '../../../../shared/engine'
import { percentilesOf, rankQueue } from '../../../../shared/engine/account/adl'
import { crowdQueues } from '../../../../shared/engine/account/adl-crowd'
import { deriveBrackets } from '../../../../shared/engine/account/brackets'
import { mulberry32 } from '../../../../shared/engine/account/prng'
import { book, exchange, position } from './support'

describe("BitMEX's six-account example (testnet.bitmex.com/app/autoDeleveragingExamples)", () => {
  // | Account | Qty | PNL Ranking | Percentile |
  const accounts = [
    { id: '1', qty: '10', score: '3' },
    { id: '2', qty: '10', score: '6' },
    { id: '3', qty: '20', score: '1' },
    { id: '4', qty: '30', score: '4' },
    { id: '5', qty: '20', score: '5' },
    { id: '6', qty: '10', score: '2' },
  ]

  it('gives the percentiles 20, 40, 60, 80, 80, 100 (cumulative share of quantity, rounded up to 20%)', () => {
    const pct = queuePercentiles(accounts.map((a) => ({ score: Number(a.score), weight: Number(a.qty) })))
    const byAccount = Object.fromEntries(accounts.map((a, i) => [a.id, pct[i]]))
    expect(byAccount).toEqual({ '2': 20, '5': 40, '4': 60, '1': 80, '6': 80, '3': 100 })
  })

  it('lights: 5 for the top 20% ... 1 for the bottom 20%', () => {
    expect([20, 40, 60, 80, 100].map(lightsFromPercentile)).toEqual([5, 4, 3, 2, 1])
    expect(lightsFromPercentile(null)).toBe(0)
  })

  it('"Accounts 2 and 5 will be deleveraged ... Account 5 will thus have 10 contracts remaining (from 20)"', () => {
    // "a short position that has been liquidated with size 20 and bankruptcy price of USD 650"
    expect(allocateDeleveraging(accounts, '20')).toEqual([
      { id: '2', closed: '10', remaining: '0' },
      { id: '5', closed: '10', remaining: '10' },
    ])
  })

  it('ranking against a pre-ranked queue gives the same buckets as ranking everything together', () => {
    const crowd = [
      { score: 6, weight: 10 },
      { score: 4, weight: 30 },
      { score: 2, weight: 10 },
      { score: 1, weight: 20 },
    ]
    const mine = [
      { score: 5, weight: 20 },
      { score: 3, weight: 10 },
      { score: null, weight: 5 },
    ]
    const together = queuePercentiles([...crowd, ...mine]).slice(crowd.length)
    const scores = Float64Array.from(mine, (e) => (e.score === null ? NaN : e.score))
    const weights = Float64Array.from(mine, (e) => e.weight)
    expect(percentilesOf(rankQueue(crowd), scores, weights)).toEqual(together)
    expect(together).toEqual([40, 80, null])
  })

  it('ties share one bucket: equal scores always get equal lights', () => {
    const pct = queuePercentiles([
      { score: 2, weight: 10 },
      { score: 1, weight: 10 },
      { score: 1, weight: 10 },
      { score: 0, weight: 70 },
    ])
    expect(pct[1]).toBe(pct[2])
    // 10 of 100 -> 20%; the tie group ends at 30 of 100 -> 40% for both.
    expect(pct).toEqual([20, 40, 40, 100])
  })
})

describe('scores', () => {
  it('Binance forum example: UP = 40.2, WB = 4.27 -> PnL% = 9.41; x margin ratio 13.42% = 1.26', () => {
    const marginBalance = '44.47' // 4.27 + 40.2
    const maintenanceMargin = '5.967874' // 13.42% of it
    // A long of 1 unit bought at 100, marked at 140.2: uPnL 40.2.
    const score = adlScoreText('binance', { side: 'long', qty: '1', entryPrice: '100', mark: '140.2', walletBalance: '4.27', marginBalance, maintenanceMargin })
    expect(Number(score).toFixed(2)).toBe('1.26')
  })

  it('Binance: a losing position scores 0 (no separate negative branch)', () => {
    expect(adlScoreText('binance', { side: 'long', qty: '1', entryPrice: '100', mark: '90', walletBalance: '50', marginBalance: '40', maintenanceMargin: '1' })).toBe('0')
  })

  it('BitMEX: PnL% x effective leverage in profit, PnL% / effective leverage in loss', () => {
    // Long 1 at 100, mark 110, margin balance 22: PnL% 10%, effective leverage 110 / 22 = 5.
    expect(adlScoreText('bitmex', { side: 'long', qty: '1', entryPrice: '100', mark: '110', walletBalance: '12', marginBalance: '22', maintenanceMargin: '1' })).toBe('0.5')
    // Same leverage at a 10% loss: -0.1 / 5.
    expect(adlScoreText('bitmex', { side: 'short', qty: '1', entryPrice: '100', mark: '110', walletBalance: '32', marginBalance: '22', maintenanceMargin: '1' })).toBe('-0.02')
  })

  it('Hyperliquid: (mark / entry) x (notional / account value)', () => {
    expect(adlScoreText('hyperliquid', { side: 'long', qty: '1', entryPrice: '100', mark: '110', walletBalance: '12', marginBalance: '22', maintenanceMargin: '1' })).toBe('5.5')
  })

  it('a bankrupt position is not in the queue', () => {
    expect(adlScoreText('bitmex', { side: 'long', qty: '1', entryPrice: '100', mark: '50', walletBalance: '10', marginBalance: '-40', maintenanceMargin: '1' })).toBeNull()
  })
})

describe('the default crowd', () => {
  const binance = exchange('binance')
  const spec = binance.adl.defaultCrowd!
  const rows = deriveBrackets(binance.contracts.BTCUSDT)

  it('mulberry32 is a fixed sequence for a seed', () => {
    const r = mulberry32(42)
    expect([r(), r(), r()].map((x) => x.toFixed(10))).toEqual(['0.6011037519', '0.4482905590', '0.8524657935'])
  })

  it('is deterministic for a seed and differs for another', () => {
    const a = crowdQueues(spec, 'binance', 'BTCUSDT', 100000, rows)
    const b = crowdQueues({ ...spec }, 'binance', 'BTCUSDT', 100000, rows)
    const c = crowdQueues({ ...spec, seed: spec.seed + 1 }, 'binance', 'BTCUSDT', 100000, rows)
    expect(b).toEqual(a)
    expect(c).not.toEqual(a)
    expect(a.long.scores.length + a.short.scores.length).toBe(spec.size)
  })

  it('metrics say what the lights were ranked against', () => {
    const r = computeMetrics(book({ prices: { BTC: '100000' }, wallet: [{ asset: 'USDT', amount: '10000' }], positions: [position({ symbol: 'BTCUSDT', side: 'long', entryPrice: '80000', leverage: '10' })] }), binance)
    expect(r.ok && r.value.adlQueue).toEqual({ source: 'profile default crowd', method: 'binance', size: 1000, seed: 20251010 })
    expect(r.ok && r.value.positions[0].adl.lights).toBeGreaterThanOrEqual(1)
  })

  it('a deep-in-profit, highly leveraged position sits at the top of the queue (5 lights)', () => {
    // The 10/11 hedge: a DOGE short far in profit at high leverage tops the ADL queue.
    const doc = book({
      prices: { DOGE: '0.18' },
      wallet: [{ asset: 'USDT', amount: '40000' }],
      positions: [position({ symbol: 'DOGEUSDT', side: 'short', qty: '2000000', entryPrice: '0.25', leverage: '15' })],
    })
    const r = computeMetrics(doc, binance)
    expect(r.ok && r.value.positions[0].adl.lights).toBe(5)
    const bybit = computeMetrics({ ...doc, venue: 'bybit' }, exchange('bybit'))
    expect(bybit.ok && bybit.value.positions[0].adl.lights).toBe(5)
  })

  it('without a default crowd the queue is the user\'s own positions', () => {
    const { defaultCrowd: _, ...adl } = binance.adl
    const r = computeMetrics(book({ prices: { BTC: '100000' }, wallet: [{ asset: 'USDT', amount: '10000' }], positions: [position({ symbol: 'BTCUSDT', side: 'long', entryPrice: '80000' })] }), { ...binance, adl })
    expect(r.ok && r.value.adlQueue).toEqual({ source: 'your positions only', method: 'binance', size: 0, seed: null })
    // Alone in its queue it holds 100% of the quantity: BitMEX's rule gives the 100% bucket.
    expect(r.ok && r.value.positions[0].adl.lights).toBe(1)
  })
})
