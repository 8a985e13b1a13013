// A run is deterministic for a given portfolio, scenario and seed (docs/MODEL.md §6): the same inputs
// give byte-identical events and series, whether the crowd is generated or reused; another seed
// gives another crowd. `elapsedMs` is the only field allowed to differ.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { generateCrowd } from '../../../../shared/engine/crowd'
import { runCascade } from '../../../../shared/engine/cascade'
import { exampleBook, miniScenario, preset, profile, randomBook } from './support'

const bytes = (r: ReturnType<typeof runCascade>) => JSON.stringify({ ...r, summary: { ...r.summary, elapsedMs: 0 } })

describe('determinism', () => {
  it('random books: byte-identical events, series and summary', () => {
    fc.assert(
      fc.property(randomBook, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (book, seed) => {
        const scenario = miniScenario({ accounts: 500 })
        const input = { portfolio: book, venue: profile('binance'), lending: profile('aave-v3'), scenario, seed }
        const a = runCascade(input)
        const b = runCascade(input)
        expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events))
        expect(bytes(b)).toBe(bytes(a))
      }),
      { numRuns: 12, seed: 42 },
    )
  }, 60_000) // full runs: past vitest's 5 s default on a busy machine

  it('a reused crowd (reset between runs) gives the same run as a fresh one', () => {
    const scenario = miniScenario({ accounts: 1500 })
    const input = { portfolio: exampleBook('hedge-book'), venue: profile('hyperliquid'), lending: profile('aave-v3'), scenario: { ...scenario, prices: { ...scenario.prices } } }
    const crowd = generateCrowd(scenario, { venue: input.venue })
    const fresh = runCascade({ ...input, scenario })
    const first = runCascade({ ...input, scenario, crowd })
    const second = runCascade({ ...input, scenario, crowd })
    expect(bytes(first)).toBe(bytes(fresh))
    expect(bytes(second)).toBe(bytes(fresh))
  })

  it('the hedge book under the full 2025-10-10 preset, twice', () => {
    const input = { portfolio: exampleBook('hedge-book'), venue: profile('hyperliquid'), lending: profile('aave-v3'), scenario: preset('2025-10-10') }
    expect(JSON.stringify(runCascade(input).events)).toBe(JSON.stringify(runCascade(input).events))
  }, 60_000) // full runs: past vitest's 5 s default on a busy machine

  it('another seed is another crowd', () => {
    const scenario = miniScenario({ accounts: 800 })
    const input = { portfolio: exampleBook('hedge-book'), venue: profile('hyperliquid'), scenario }
    const a = runCascade({ ...input, seed: 1 })
    const b = runCascade({ ...input, seed: 2 })
    expect(a.seed).toBe(1)
    expect(b.seed).toBe(2)
    expect(JSON.stringify(a.events)).not.toBe(JSON.stringify(b.events))
  })
})
