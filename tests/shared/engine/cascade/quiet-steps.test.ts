// Quiet steps (shared/engine/cascade/quiet-steps.ts): a step whose prices reach no crowd trigger,
// no unwind line, no re-armed leg or re-hedge and no market maker's ratio skips its first round to
// the user's check and the funds' maintenance check. A run with the shortcut must be the run without
// it, byte for byte (events, series, summary), in every margin mode, with and without a circuit
// breaker, at 2 s and at 1-minute steps (where every step is a series sample), on venues whose funds
// hold and offload what they take over, whose vault gives positions up to ADL below its maintenance
// (Hyperliquid), and whose deleveraged traders re-hedge; and the shortcut must actually be taken. A
// run that keeps no series (`series: false`, what sweeps ask for) has the same events and summary.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runCascadeDetailed, type CascadeInput } from '../../../../shared/engine/cascade/run-cascade'
import type { Scenario } from '../../../../shared/model/scenario'
import { bigRandomBook, emptyBook, exampleBook, miniScenario, onVenueOf, profile, randomBook } from './support'

const bytes = (r: ReturnType<typeof runCascadeDetailed>['result']) => JSON.stringify({ ...r, summary: { ...r.summary, elapsedMs: 0 } })

/** The mini crash's schedule stretched `factor`x at 1-minute steps: every step a series sample. */
function stretched(s: Scenario, factor: number): Scenario {
  const start = Date.parse(s.start)
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')
  const at = (t: string) => iso(start + (Date.parse(t) - start) * factor)
  const path = <T extends [string, string]>(points: T[]) => points.map(([t, v]) => [at(t), v] as [string, string])
  return {
    ...s,
    end: at(s.end),
    step: '1m',
    shocks: s.shocks.map((x) => ({ ...x, path: path(x.path) })),
    depegs: s.depegs.map((x) => ({ ...x, path: path(x.path) })),
    makerWithdrawal: path(s.makerWithdrawal),
    makerWithdrawalByAsset: Object.fromEntries(Object.entries(s.makerWithdrawalByAsset).map(([a, p]) => [a, path(p)])),
  }
}

function both(input: CascadeInput): { fast: string; full: string; quiet: number; steps: number } {
  const fast = runCascadeDetailed(input)
  const full = runCascadeDetailed(input, {}, { noShortcuts: true })
  expect(full.quietSteps).toBe(0)
  return { fast: bytes(fast.result), full: bytes(full.result), quiet: fast.quietSteps, steps: fast.result.summary.steps }
}

const venue = profile('binance')
const lending = profile('aave-v3')

/** What of the waterfall a run exercised: the vault's maintenance deleveraging, re-hedges, the funds' offloading. */
function exercised(r: ReturnType<typeof runCascadeDetailed>): { held: number; rehedges: number; offloaded: number } {
  const held = r.result.events.filter((e) => e.kind === 'insurance' && /maintenance margin of what it holds/.test(e.note ?? '')).length
  return { held, rehedges: r.result.summary.crowd.rehedges, offloaded: r.ctx.funds.offloaded.reduce((a, b) => a + b, 0) }
}

describe('quiet steps', () => {
  it('random books, crowds, venues and funds: the same run with and without the shortcut', () => {
    const seen = { held: 0, rehedges: 0, offloaded: 0 }
    fc.assert(
      fc.property(
        randomBook,
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(1, 20),
        fc.constantFrom('binance', 'bybit', 'hyperliquid'),
        fc.constantFrom(null, '200000', '20000'),
        (book, seed, breaker, depeg, factor, venueId, fund) => {
          // null: the venue's own funds; a small what-if fund sends deficits to ADL, whose traders re-hedge.
          const { insuranceFund: _f, ...noFund } = miniScenario({ accounts: 400, circuitBreaker: breaker })
          const base: Scenario = fund === null ? noFund : { ...noFund, insuranceFund: fund }
          // A slow USDe depeg alone (majors flat) walks the loopers' collateral down to their unwind
          // lines one by one, between trades.
          const mini: Scenario = depeg ? { ...base, shocks: [], depegs: [{ asset: 'USDe', scope: 'venue', path: [['2025-10-10T20:04:00Z', '0'], ['2025-10-10T20:28:00Z', '0.25']] }] } : base
          const scenario = factor === 1 ? mini : stretched(mini, factor)
          const input: CascadeInput = { portfolio: onVenueOf(book, venueId), venue: profile(venueId), lending, scenario, seed }
          const fast = runCascadeDetailed(input)
          const full = runCascadeDetailed(input, {}, { noShortcuts: true })
          expect(bytes(fast.result)).toBe(bytes(full.result))
          // The shortcut is taken on most steps of these crashes.
          expect(fast.quietSteps).toBeGreaterThan(fast.result.summary.steps / 4)
          const x = exercised(fast)
          seen.held += x.held
          seen.rehedges += x.rehedges
          seen.offloaded += x.offloaded
        },
      ),
      { numRuns: 24, seed: 424242 },
    )
    // The cases reached the mechanisms the certificate must know about.
    expect(seen.held).toBeGreaterThan(0)
    expect(seen.rehedges).toBeGreaterThan(0)
    expect(seen.offloaded).toBeGreaterThan(0)
  }, 480_000)

  it("Hyperliquid's vault under its maintenance, re-hedges and offloading: the same run (the funds' check runs in a quiet step too)", () => {
    // Measured: with a 200k vault at seed 2 the vault falls below the maintenance of what it holds
    // dozens of times, many of them in steps whose crowd is quiet; without the funds' check in the
    // quiet path these runs differ.
    const input: CascadeInput = { portfolio: emptyBook('hyperliquid'), venue: profile('hyperliquid'), lending, scenario: miniScenario({ accounts: 400, seed: 2, insuranceFund: '200000' }), seed: 2 }
    const fast = runCascadeDetailed(input)
    const full = runCascadeDetailed(input, {}, { noShortcuts: true })
    expect(bytes(fast.result)).toBe(bytes(full.result))
    const x = exercised(fast)
    expect(x.held).toBeGreaterThan(0)
    expect(x.rehedges).toBeGreaterThan(0)
    expect(x.offloaded).toBeGreaterThan(0)
    expect(fast.quietSteps).toBeGreaterThan(fast.result.summary.steps / 2)
  }, 120_000)

  it('big books in every margin mode, the hedge book on the stretched preset day', () => {
    for (const mode of ['cross', 'isolated', 'portfolio'] as const) {
      const r = both({ portfolio: bigRandomBook(40, mode, 5, 800_000), venue, lending, scenario: miniScenario({ accounts: 1500, insuranceFund: '300000' }) })
      expect(r.fast).toBe(r.full)
      expect(r.quiet).toBeGreaterThan(0)
    }
    const hedge = both({ portfolio: exampleBook('hedge-book'), venue: profile('hyperliquid'), lending, scenario: stretched(miniScenario({ accounts: 1000 }), 30) })
    expect(hedge.fast).toBe(hedge.full)
    // Measured on Hyperliquid (the hedge book's venue): 447 of 900 one-minute steps quiet at this seed.
    expect(hedge.quiet).toBeGreaterThan(hedge.steps / 3)
  }, 240_000)

  it('a run that keeps no series has the same events and summary', () => {
    const input: CascadeInput = { portfolio: bigRandomBook(30, 'cross', 9, 400_000), venue, lending, scenario: stretched(miniScenario({ accounts: 800, insuranceFund: '200000' }), 10) }
    const full = runCascadeDetailed(input).result
    const lean = runCascadeDetailed({ ...input, series: false }).result
    expect(full.events.length).toBeGreaterThan(0)
    expect(JSON.stringify(lean.events)).toBe(JSON.stringify(full.events))
    expect(JSON.stringify({ ...lean.summary, elapsedMs: 0 })).toBe(JSON.stringify({ ...full.summary, elapsedMs: 0 }))
    expect(lean.series.t).toEqual([])
    expect(full.series.t.length).toBeGreaterThan(full.summary.steps)
  }, 120_000)
})
