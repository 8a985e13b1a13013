// BitMEX's worked ADL example (docs/VENUE-RULES.md §2.2), through the run's queue: six longs ranked by
// PnL% x effective leverage (the `bitmex` method, Bybit's profile), quantities 10/20/30/10/10/20.
// "A short position that has been liquidated with size 20 and bankruptcy price of USD 650.
// Accounts 2 and 5 will be deleveraged at the bankruptcy price of USD 650. Account 2 will have
// their entire position of 10 contracts closed, while the remaining 10 contracts ... will be
// assigned to account 5. Account 5 will thus have 10 contracts remaining (from 20)."
import { describe, expect, it } from 'vitest'
import { queuePercentiles } from '../../../../shared/engine/account/adl'
import { createRun } from '../../../../shared/engine/cascade/run-cascade'
import { percentileBucket } from '../../../../shared/engine/cascade/mirrors'
import { Crowd, LEG_KIND } from '../../../../shared/engine/crowd'
import { allocateLegs } from '../../../../shared/engine/crowd/crowd-legs'
import { validateScenario } from '../../../../shared/schemas/scenario'
import { emptyBook, profile } from './support'

const MARK = 660
// Account -> [qty, entry]; margins are 10x at entry, so scores fall as entries rise.
const LONGS: Record<number, [number, number]> = { 1: [10, 550], 2: [10, 400], 3: [20, 600], 4: [30, 500], 5: [20, 450], 6: [10, 580] }

function bitmexRun() {
  const s = validateScenario({
    format: 'cascade.scenario/1',
    id: 'bitmex-example',
    name: 'BitMEX ADL example',
    start: '2025-10-10T20:00:00Z',
    end: '2025-10-10T20:01:00Z',
    step: '1s',
    prices: { BTC: String(MARK), USDT: '1' },
    depth: { BTC: { '0.01': '1000000', '0.05': '5000000' } },
    collateralPricing: 'book',
    insuranceFund: '0',
    crowd: { accounts: 0, longShare: '0.5', seed: 9 },
  })
  if (!s.ok) throw new Error(JSON.stringify(s.issues))
  // Seven hand-made accounts: the six longs of the table (accounts 1-6, legs 0-5) and the bankrupt short (leg 6).
  const legs = allocateLegs(7)
  const offsets = new Int32Array(8)
  const put = (i: number, side: 1 | -1, qty: number, entry: number, margin: number) => {
    legs.account[i] = i
    legs.kind[i] = LEG_KIND.perp
    legs.contract[i] = 0
    legs.asset[i] = 0
    legs.side[i] = side
    legs.qty[i] = qty
    legs.entry[i] = entry
    legs.margin[i] = margin
    legs.maintenance[i] = 0.005
    legs.bankruptcyPrice[i] = entry - (side * margin) / qty
    legs.liqPrice[i] = side > 0 ? 0 : 1e12
    offsets[i + 1] = i + 1
  }
  for (let a = 1; a <= 6; a++) put(a - 1, 1, LONGS[a][0], LONGS[a][1], (LONGS[a][0] * LONGS[a][1]) / 10)
  // The short: size 20, bankruptcy price 650 (entry 600 + margin 1,000 / 20).
  put(6, -1, 20, 600, 1000)
  const crowd = new Crowd(9, ['BTC', 'USDT'], [{ symbol: 'BTCUSDT', asset: 0, openInterest: 0, longShare: 0.5, accounts: 7, firstLeg: 0, tailLongs: 0, tailShorts: 0 }], legs, 7, 7, offsets, [], 'bybit')
  return createRun({ portfolio: emptyBook('bybit'), venue: profile('bybit'), scenario: s.value, crowd })
}

describe("BitMEX's six-account ADL example", () => {
  it('ranks the longs 2, 5, 4, 1, 6, 3 with percentiles 20, 40, 60, 80, 80, 100', () => {
    const run = bitmexRun()
    const ranking = run.ctx.adl.ranking(0, 1, true)
    expect(Array.from(ranking.slots).map((slot) => slot + 1)).toEqual([2, 5, 4, 1, 6, 3])
    const total = ranking.prefix[ranking.prefix.length - 1]
    const percentiles = Array.from(ranking.slots, (_, k) => percentileBucket(ranking.prefix[k + 1], total) * 20)
    expect(percentiles).toEqual([20, 40, 60, 80, 80, 100])
    // The same as the exact engine's queuePercentiles on the same scores and quantities.
    const entries = Array.from(ranking.slots, (slot, k) => ({ score: ranking.scores[k], weight: run.ctx.crowd.qty[slot] }))
    expect(queuePercentiles(entries)).toEqual(percentiles)
  })

  it('a bankrupt short of 20 at 650 deleverages account 2 entirely and 10 of account 5, at 650', () => {
    const run = bitmexRun()
    const cb = run.ctx.crowd
    const res = run.ctx.waterfall.liquidateOrder({ owner: { kind: 'crowd', slot: 6 }, asset: 0, side: -1, qty: 20, bp: 650, skipBook: false, adlNow: false })
    expect(res.bookQty).toBe(0) // the book's asks are above 650: nothing fills at or better than bankruptcy
    expect(res.fundQty).toBe(0) // the fund is empty
    expect(res.adlQty).toBe(20)
    expect(res.adlPrice).toBe(650)
    const left = (account: number) => cb.qty[account - 1]
    expect([1, 2, 3, 4, 5, 6].map(left)).toEqual([10, 0, 20, 30, 10, 10])
    expect(cb.status[1]).toBe(2) // account 2: deleveraged
    // Account 2 realised its profit at 650, not at the 660 mark: 10 x (650 - 400) on top of its margin.
    expect(cb.cash[1]).toBeCloseTo(400 + 10 * 250, 9)
    // The bankrupt short is flat, at zero equity.
    expect(cb.qty[6]).toBe(0)
    expect(cb.margin[6]).toBeCloseTo(0, 9)
  })
})
