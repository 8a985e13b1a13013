// Money is conserved (docs/MODEL.md §5): at every step of random runs, the sum of cash over every
// account (crowd, user, insurance fund, the market's book, the counterparty, lenders, liquidators,
// fees, bad debt) is constant, so is the quantity of every asset, and every contract's net
// position is zero. The ADL clearing leg is flat after every match. Float64 rounding is the only
// slack allowed: 1e-9 of the largest amount involved.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runCascadeDetailed } from '../../../../shared/engine/cascade/run-cascade'
import type { LedgerTotals } from '../../../../shared/engine/cascade/ledger'
import { exampleBook, miniScenario, onVenueOf, preset, profile, randomBook } from './support'
import type { Portfolio } from '../../../../shared/model/portfolio'
import { validateCascadeInput } from '../../../../shared/engine/cascade'
import type { Scenario } from '../../../../shared/model/scenario'

const REL = 1e-9

function checkedRun(portfolio: Portfolio, venue: string, scenario: Scenario, seed?: number) {
  let first: LedgerTotals | null = null
  let steps = 0
  const failures: string[] = []
  const lending = profile('aave-v3')
  const run = runCascadeDetailed({ portfolio, venue: profile(venue), lending, scenario, seed }, {}, {
    onStep: (k, t, ctx) => {
      steps++
      if (!first) first = { ...t, assets: Float64Array.from(t.assets), extra: new Map(t.extra), perp: Float64Array.from(t.perp), perpGross: Float64Array.from(t.perpGross) }
      const f = first
      const cashTol = REL * Math.max(1, t.scale, f.scale)
      if (Math.abs(t.cash - f.cash) > cashTol) failures.push(`step ${k}: cash moved by ${t.cash - f.cash} (tolerance ${cashTol})`)
      for (let a = 0; a < t.assets.length; a++) {
        const tol = REL * Math.max(1, Math.abs(f.assets[a]))
        if (Math.abs(t.assets[a] - f.assets[a]) > tol) failures.push(`step ${k}: ${ctx.market.assets[a]} units moved by ${t.assets[a] - f.assets[a]}`)
        const ptol = REL * Math.max(1, t.perpGross[a])
        if (Math.abs(t.perp[a]) > ptol) failures.push(`step ${k}: ${ctx.market.assets[a]} contracts net ${t.perp[a]} (gross ${t.perpGross[a]})`)
        if (Math.abs(ctx.ledger.clearing.perp[a]) > ptol) failures.push(`step ${k}: ADL clearing holds ${ctx.ledger.clearing.perp[a]} ${ctx.market.assets[a]}`)
      }
      for (const [asset, units] of t.extra) {
        const before = f.extra.get(asset) ?? 0
        if (Math.abs(units - before) > REL * Math.max(1, Math.abs(before))) failures.push(`step ${k}: ${asset} units moved by ${units - before}`)
      }
      if (Math.abs(ctx.ledger.clearing.cash) > cashTol) failures.push(`step ${k}: ADL clearing holds cash ${ctx.ledger.clearing.cash}`)
    },
  })
  return { run, steps, failures: failures.slice(0, 5) }
}

describe('conservation at every step', () => {
  it('holds on random books, seeds and venues over a crash with every cohort', () => {
    fc.assert(
      fc.property(randomBook, fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom('binance', 'bybit', 'okx', 'hyperliquid'), fc.boolean(), (book, seed, venue, breaker) => {
        const scenario = miniScenario({ seed, circuitBreaker: breaker, accounts: 600 })
        const onVenue = onVenueOf(book, venue)
        expect(validateCascadeInput({ portfolio: onVenue, venue: profile(venue), lending: profile('aave-v3'), scenario })).toEqual([])
        const { steps, failures } = checkedRun(onVenue, venue, scenario)
        expect(failures).toEqual([])
        expect(steps).toBe(901)
      }),
      { numRuns: 24, seed: 20251010 },
    )
  }, 60_000) // 24 full runs: about 2 s on an idle machine, past vitest's 5 s default on a busy one

  it('holds with cross-margin pools (one-directional and hedged) sharing margin, drawing on each other and paying each other\'s fills', () => {
    fc.assert(
      fc.property(randomBook, fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom('binance', 'bybit', 'okx', 'hyperliquid'), fc.constantFrom('0.3', '1'), fc.constantFrom('0', '0.3'), (book, seed, venue, share, hedgedShare) => {
        const mini = miniScenario({ seed, accounts: 600 })
        const scenario = { ...mini, crowd: { ...mini.crowd, crossShare: share, hedgedShare } }
        const { steps, failures, run } = checkedRun(onVenueOf(book, venue), venue, scenario)
        expect(failures).toEqual([])
        expect(steps).toBe(901)
        expect(run.ctx.crowd.crowd.pools.legs.length).toBeGreaterThan(0)
      }),
      { numRuns: 12, seed: 3012 },
    )
  }, 60_000)

  it('holds for the example books under the 2025-10-10 preset (smaller crowd)', () => {
    const scenario = preset('2025-10-10')
    const small = { ...scenario, crowd: { ...scenario.crowd, accounts: 5000 } }
    for (const name of ['hedge-book', 'usde-loop', 'market-maker']) {
      const book = exampleBook(name)
      const { failures, run } = checkedRun(book, book.venue, small)
      expect(failures, name).toEqual([])
      expect(run.result.summary.steps).toBe(9000)
    }
  }, 60_000) // three 9,000-step runs
})
