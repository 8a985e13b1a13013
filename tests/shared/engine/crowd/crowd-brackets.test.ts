// The crowd within the venue's rules (docs/SIMULATION-NOTES.md §3): every generated perpetual
// position is inside its contract's largest bracket, at most the bracket's leverage for the notional
// of one venue account it stands for (its notional / its account's weight), no account above `crowd.maxAccountShare` of the contract's open interest, and each
// side's open interest still exactly what the scenario says. A contract the profile does not list
// trades under the table it names (`venueContract`: Hyperliquid's preset puts its altcoin basket
// under DOGE's 10x/5x), else keeps the scenario's flat rate and leverage range (the market-wide
// preset's ALTBASKETUSDT).
import { describe, expect, it } from 'vitest'
import { generateCrowd, scaleUnderCap } from '../../../../shared/engine/crowd'
import { crowdBracketsOf } from '../../../../shared/engine/crowd'
import { LEG_KIND } from '../../../../shared/engine/crowd'
import { longCount } from '../../../../shared/engine/crowd/perp-traders'
import { preset, profile } from '../cascade/support'

/** Longs among a contract's generated traders (they come first). */
const longCountOf = (c: { accounts: number; longShare: number }): number => longCount(c.accounts, c.longShare)

describe('a crowd within the venue rules', { timeout: 60_000 }, () => {
  for (const [id, venueId, seed] of [['2025-10-10', 'binance', 42], ['2025-10-10', 'binance', 7], ['2025-10-10-hyperliquid', 'hyperliquid', 42]] as const) {
    it(`${id} on ${venueId}, 20,000 traders, seed ${seed}`, () => {
      const scenario = preset(id)
      const venue = profile(venueId)
      const crowd = generateCrowd(scenario, { seed, accounts: 20_000, venue })
      expect(crowd.venue).toBe(venueId)
      const share = Number(scenario.crowd.maxAccountShare)
      for (const c of crowd.contracts) {
        const named = scenario.crowd.contracts[c.symbol].venueContract
        const rows = crowdBracketsOf(venue, named ?? c.symbol)
        if (named) expect(rows).not.toBeNull()
        const start = Number(scenario.prices[scenario.crowd.contracts[c.symbol].base])
        let long = 0
        let short = 0
        for (let i = c.firstLeg; i < c.firstLeg + c.accounts; i++) {
          expect(crowd.legs.kind[i]).toBe(LEG_KIND.perp)
          const notional = crowd.legs.qty[i] * start
          if (crowd.legs.side[i] > 0) long += notional
          else short += notional
          expect(notional).toBeLessThanOrEqual(share * c.openInterest * (1 + 1e-12))
          const leverage = (crowd.legs.qty[i] * crowd.legs.entry[i]) / crowd.legs.margin[i]
          const lp = crowd.legs.liqPrice[i]
          // The venue's accounts it stands for: the preset's tail is real (1), the body a share of
          // the reference population (here 100,000 accounts for 20,000 traders: about 5 each).
          const w = crowd.accountWeight[crowd.legs.account[i]]
          const tail = crowd.legs.side[i] > 0 ? i - c.firstLeg < c.tailLongs : i - c.firstLeg - longCountOf(c) < c.tailShorts
          if (tail) expect(w).toBe(1)
          else expect(w).toBeGreaterThan(4.5)
          if (rows) {
            expect(notional).toBeLessThanOrEqual(rows[rows.length - 1].cap)
            const row = rows.find((r) => notional / w <= r.cap) ?? rows[rows.length - 1]
            expect(leverage).toBeLessThanOrEqual(row.maxLeverage * (1 + 1e-12))
            if (lp > 0) {
              // At the liquidation price the equity is w accounts' MM there: w x (Q/w x LP x mmr - cum).
              const q = crowd.legs.qty[i]
              const at = rows.find((r) => (q * lp) / w <= r.cap) ?? rows[rows.length - 1]
              const equity = crowd.legs.margin[i] + crowd.legs.side[i] * q * (lp - crowd.legs.entry[i])
              expect(equity).toBeCloseTo(q * lp * at.mmr - w * at.cum, 4)
              expect(crowd.legs.maintenance[i] * q * lp).toBeCloseTo(q * lp * at.mmr - w * at.cum, 4)
            }
          } else {
            expect(c.symbol).toBe('ALTBASKETUSDT')
            expect(crowd.legs.maintenance[i]).toBe(Number(scenario.crowd.contracts[c.symbol].maintenanceMarginRate))
            expect(leverage).toBeLessThanOrEqual(50 * (1 + 1e-12))
          }
        }
        expect(long).toBeCloseTo(c.openInterest * c.longShare, 0)
        expect(short).toBeCloseTo(c.openInterest * (1 - c.longShare), 0)
      }
    })
  }

  it('water-filling: none above the cap, the total exact, the order of sizes kept', () => {
    const raw = Float64Array.from([1, 2, 3, 100, 1000, 4])
    scaleUnderCap(raw, 0, raw.length, 1000, 300)
    expect(raw[4]).toBe(300)
    expect(raw[3]).toBe(300)
    expect(raw.reduce((s, v) => s + v, 0)).toBeCloseTo(1000, 9)
    expect(raw[0] < raw[1] && raw[1] < raw[2] && raw[2] < raw[5]).toBe(true)
    // Too few accounts to carry the total under the cap: an equal split.
    const two = Float64Array.from([1, 9])
    scaleUnderCap(two, 0, 2, 1000, 300)
    expect(Array.from(two)).toEqual([500, 500])
  })
})
