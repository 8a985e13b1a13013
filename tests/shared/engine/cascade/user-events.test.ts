// A run that keeps the user's events only (`events: 'user'`, what a study's run asks for:
// shared/engine/whatif/run-task.ts) must be the full run as a study reads it: the same summary
// (crowd figures, insurance funds, the user's first liquidation and ADL included) and exactly the
// full run's user events, ids, times and causes (which cite the crowd's aggregates by id) included.
// Checked on random books, crowds, venues and funds, on big books in every margin mode, and on the
// hedge book under the 2025-10-10 preset with what-if sets that liquidate it and send deficits to ADL.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runCascade, type CascadeInput } from '../../../../shared/engine/cascade'
import { outcomeOf, prepareWhatIf } from '../../../../shared/engine/whatif'
import { USER_ACCOUNT, type RunResult } from '../../../../shared/model/run'
import type { Scenario } from '../../../../shared/model/scenario'
import { bigRandomBook, exampleBook, miniScenario, onVenueOf, preset, profile, randomBook } from './support'

const lending = profile('aave-v3')
const summaryOf = (r: RunResult) => ({ ...r.summary, elapsedMs: 0 })

/** What the cases reached: user events citing the crowd's aggregates, the user deleveraged, crowd ADL. */
const seen = { userEvents: 0, citingCrowd: 0, userAdl: 0, crowdAdl: 0, liquidated: 0 }

/** Runs `input` both ways and holds them equal; returns the full run. */
function same(input: CascadeInput): RunResult {
  const full = runCascade({ ...input, series: false })
  const lean = runCascade({ ...input, series: false, events: 'user' })
  const mine = full.events.filter((e) => e.account === USER_ACCOUNT)
  expect(summaryOf(lean)).toEqual(summaryOf(full))
  expect(lean.events).toEqual(mine)
  expect(outcomeOf(lean)).toEqual(outcomeOf(full))
  const crowdIds = new Set(full.events.filter((e) => e.account !== USER_ACCOUNT && e.account !== 'market').map((e) => e.id))
  seen.userEvents += mine.length
  seen.citingCrowd += mine.filter((e) => e.causes.some((c) => crowdIds.has(c))).length
  seen.userAdl += full.summary.userAdl.length
  seen.crowdAdl += full.summary.crowd.adlAccounts
  if (!full.summary.survived) seen.liquidated++
  return full
}

describe("a run keeping the user's events only", () => {
  it('random books, crowds, venues and funds: the summary and the user events of the full run', () => {
    fc.assert(
      fc.property(
        randomBook,
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.boolean(),
        fc.constantFrom('binance', 'bybit', 'hyperliquid'),
        fc.constantFrom(null, '200000', '20000'),
        (book, seed, breaker, venueId, fund) => {
          const { insuranceFund: _f, ...noFund } = miniScenario({ accounts: 400, circuitBreaker: breaker, drop: 0.35 })
          const scenario: Scenario = fund === null ? noFund : { ...noFund, insuranceFund: fund }
          same({ portfolio: onVenueOf(book, venueId), venue: profile(venueId), lending, scenario, seed })
        },
      ),
      { numRuns: 16, seed: 8080 },
    )
  }, 300_000)

  it('big books in every margin mode', () => {
    for (const [mode, seed, usdt] of [['cross', 12, 3_000_000], ['portfolio', 11, 300_000], ['isolated', 15, 300_000]] as const) {
      same({ portfolio: bigRandomBook(150, mode, seed, usdt), venue: profile('binance'), lending, scenario: miniScenario({ accounts: 2000, insuranceFund: '300000' }) })
    }
  }, 240_000)

  it('the hedge book under the 2025-10-10 preset, as a study runs it', () => {
    const base = { portfolio: exampleBook('hedge-book'), venue: profile('hyperliquid'), lending, scenario: { ...preset('2025-10-10'), crowd: { ...preset('2025-10-10').crowd, accounts: 3000 } } }
    for (const [seed, set] of [
      [1, {}],
      [2, { 'shock:BTC': '-0.3', 'collateral:USDC': '0' }],
      [3, { 'shock:BTC': '-0.3', fund: '0' }],
      [4, { 'shock:ETH': '-0.4', fund: '0' }],
    ] as const) {
      const ready = prepareWhatIf(base, set)
      if (!ready.ok) throw new Error(JSON.stringify(ready.issues))
      same({ ...ready.input, seed })
    }
  }, 240_000)

  it('the cases reached what the option must keep', () => {
    // Measured on these cases; a case that stops reaching one of these no longer tests it.
    expect(seen.userEvents).toBeGreaterThan(0)
    expect(seen.citingCrowd).toBeGreaterThan(0)
    expect(seen.userAdl).toBeGreaterThan(0)
    expect(seen.crowdAdl).toBeGreaterThan(0)
    expect(seen.liquidated).toBeGreaterThan(0)
  })
})
