// Quiet steps (shared/engine/cascade/quiet-steps.ts): a step whose prices reach no crowd trigger,
// no unwind line, no re-armed leg and no market maker's ratio skips its first round to the user's
// check. A run with the shortcut must be the run without it, byte for byte (events, series,
// summary), in every margin mode, with and without a circuit breaker, at 2 s and at 1-minute steps
// (where every step is a series sample), and the shortcut must actually be taken. A run that keeps
// no series (`series: false`, what sweeps ask for) has the same events and summary.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runCascadeDetailed, type CascadeInput } from '../../../../shared/engine/cascade/run-cascade'
import type { Scenario } from '../../../../shared/model/scenario'
import { bigRandomBook, exampleBook, miniScenario, profile, randomBook } from './support'

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

describe('quiet steps', () => {
  it('random books and crowds: the same run with and without the shortcut', () => {
    fc.assert(
      fc.property(randomBook, fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.boolean(), fc.boolean(), fc.constantFrom(1, 20), (portfolio, seed, breaker, depeg, factor) => {
        const base = miniScenario({ accounts: 400, insuranceFund: '200000', circuitBreaker: breaker })
        // A slow USDe depeg alone (majors flat) walks the loopers' collateral down to their unwind
        // lines one by one, between trades.
        const mini: Scenario = depeg ? { ...base, shocks: [], depegs: [{ asset: 'USDe', scope: 'venue', path: [['2025-10-10T20:04:00Z', '0'], ['2025-10-10T20:28:00Z', '0.25']] }] } : base
        const scenario = factor === 1 ? mini : stretched(mini, factor)
        const r = both({ portfolio, venue, lending, scenario, seed })
        expect(r.fast).toBe(r.full)
        // The shortcut is taken on most steps of these crashes.
        expect(r.quiet).toBeGreaterThan(r.steps / 4)
      }),
      { numRuns: 20, seed: 424242 },
    )
  }, 240_000)

  it('big books in every margin mode, the hedge book on the stretched preset day', () => {
    for (const mode of ['cross', 'isolated', 'portfolio'] as const) {
      const r = both({ portfolio: bigRandomBook(40, mode, 5, 800_000), venue, lending, scenario: miniScenario({ accounts: 1500, insuranceFund: '300000' }) })
      expect(r.fast).toBe(r.full)
      expect(r.quiet).toBeGreaterThan(0)
    }
    const hedge = both({ portfolio: exampleBook('hedge-book'), venue, lending, scenario: stretched(miniScenario({ accounts: 1000 }), 30) })
    expect(hedge.fast).toBe(hedge.full)
    expect(hedge.quiet).toBeGreaterThan(hedge.steps / 2)
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
