// Survivors at the start (docs/SIMULATION-NOTES.md §3.2, "Entry"): a generated position is one whose trigger
// the price path from its entry to the start did not touch, so triggers thin out as they near the
// start price. Under the Brownian-bridge law the density of triggers a distance x from the start
// falls like x near 0, so the positions within x grow like x²: those within 0.25% of the start are
// about 1/16 of those within 1% (0.04-0.11 measured), where entries kept only for being alive at
// the start (the rule before) give about 1/4 (0.17-0.25: the density there is roughly flat).
// Counted in accounts, not notional: a few tail accounts would make a notional share a draw.
// Measured on the crowd that set off the finding (docs/CASCADE-NOTES.md, "Where Hyperliquid's ADL
// falls"), every contract of Hyperliquid's night.
import { describe, expect, it } from 'vitest'
import { generateCrowd, LEG_KIND } from '../../../../shared/engine/crowd'
import { preset, profile } from '../cascade/support'

/** Long positions with a trigger within each relative distance below the start. */
function nearTrigger(symbol: string, seed: number, within: number[]): number[] {
  const scenario = preset('2025-10-10-hyperliquid')
  const crowd = generateCrowd(scenario, { seed, accounts: 40_000, venue: profile('hyperliquid') })
  const c = crowd.contracts.find((k) => k.symbol === symbol)
  if (!c) throw new Error(`no ${symbol}`)
  const start = Number(scenario.prices[scenario.crowd.contracts[symbol].base])
  const L = crowd.legs
  const out = within.map(() => 0)
  for (let i = c.firstLeg; i < c.firstLeg + c.accounts; i++) {
    if (L.kind[i] !== LEG_KIND.perp || L.side[i] !== 1) continue
    // Alive at the start, as before.
    expect(L.liqPrice[i]).toBeLessThan(start)
    within.forEach((x, j) => {
      if (L.liqPrice[i] >= start * (1 - x)) out[j]++
    })
  }
  return out
}

describe('survivors at the start', { timeout: 60_000 }, () => {
  for (const symbol of ['ALTBASKET', 'BTC', 'ETH', 'SOL', 'DOGE']) {
    it(`${symbol}: triggers thin out toward the start price (positions within x grow like x², not x)`, () => {
      for (const seed of [1, 2]) {
        const [quarter, one, two] = nearTrigger(symbol, seed, [0.0025, 0.01, 0.02])
        expect(one).toBeGreaterThan(0)
        // x² would give 1/16; a flat density 1/4. The bound leaves room for the curvature of the law.
        expect(quarter / one, `seed ${seed}: within 0.25% over within 1%`).toBeLessThan(0.14)
        // Still rising at 1-2%: doubling the distance gives well over twice the positions (2.1-2.4 before).
        expect(two / one, `seed ${seed}: within 2% over within 1%`).toBeGreaterThan(2.5)
      }
    })
  }
})
