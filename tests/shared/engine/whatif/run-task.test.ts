// One run of a study (docs/DECISIONS.md §1, §4): handing the run the scenario already resolved
// changes nothing, and a crowd reused from the cache gives the run a fresh crowd gives, byte for
// byte; the outcome is the summary's verdict and the first failing event.
import { describe, expect, it } from 'vitest'
import { runCascade } from '../../../../shared/engine/cascade'
import { scenarioForRun } from '../../../../shared/engine/cascade/start-prices'
import { pegsOf } from '../../../../shared/engine/cascade/validate'
import { applySet, CrowdCache, outcomeOf, prepareWhatIf, runTask, TaskRefusedError, type WhatIfBase } from '../../../../shared/engine/whatif'
import type { RunResult } from '../../../../shared/model/run'
import { binanceHedgeBook, exampleBook, miniScenario, preset, profile } from '../cascade/support'

const binance = profile('binance')
const aave = profile('aave-v3')
const venue = binance.kind === 'exchange' && aave.kind === 'lending' ? { ...binance, defi: { 'aave-v3': aave.lending } } : binance
const base = (scenario = miniScenario({ accounts: 1500 })): WhatIfBase => ({ portfolio: binanceHedgeBook(), venue, lending: aave, scenario })

/** A run's result without its wall time, the one field that is not a function of its inputs. */
const stable = (r: RunResult) => JSON.stringify({ ...r, summary: { ...r.summary, elapsedMs: 0 } })

describe('a study\'s run', () => {
  it('resolving the scenario first is idempotent: the run resolves it to the very same object', () => {
    for (const [book, scenario, pricing] of [
      ['hedge-book', preset('2025-10-10'), 'book'],
      ['hedge-book', miniScenario(), 'book'],
      ['hedge-book', miniScenario(), 'historical'],
      ['market-maker', preset('2025-10-10'), 'book'],
      ['usde-loop', preset('2025-10-10'), 'book'],
    ] as const) {
      // The hedge example is a Hyperliquid book; these runs are on Binance's profile.
      const portfolio = book === 'hedge-book' ? binanceHedgeBook() : exampleBook(book)
      const v = portfolio.venue === 'aave-v3' ? aave : venue
      const ready = prepareWhatIf({ portfolio, venue: v, lending: v === aave ? undefined : aave, scenario, pricing }, { 'shock:ETH': '-0.3' })
      if (!ready.ok) throw new Error(`${book}: ${JSON.stringify(ready.issues)}`)
      const exchange = v.kind === 'exchange' ? v : null
      const again = scenarioForRun(ready.input.scenario, ready.input.portfolio, { pegs: pegsOf(v, v === aave ? undefined : aave), contracts: exchange?.contracts ?? {}, assetClasses: exchange?.assetClasses ?? {} }, pricing)
      expect(again.ok && again.scenario, `${book} ${scenario.id} ${pricing}`).toBe(ready.input.scenario)
    }
  })

  it('a crowd from the cache gives the run a fresh crowd gives, byte for byte, on every reuse', () => {
    const b = base()
    const set = { 'shock:BTC': '-0.3', 'collateral:USDT': '200000' }
    const applied = applySet(b.portfolio, b.scenario, set)
    if (!applied.ok) throw new Error('set refused')
    const fresh = stable(runCascade({ ...b, portfolio: applied.portfolio, scenario: applied.scenario, seed: 11 }))
    const ready = prepareWhatIf(b, set)
    if (!ready.ok) throw new Error('set refused')
    const cache = new CrowdCache()
    for (let k = 0; k < 3; k++) expect(stable(runCascade({ ...ready.input, seed: 11, crowd: cache.get(ready.input.scenario, 11, venue) }))).toBe(fresh)
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 1, entries: 1 })
    // Another set over the same crowd reuses it; another seed does not.
    runTask(b, { seed: 11, set: { fund: '0' } }, cache)
    runTask(b, { seed: 12, set: {} }, cache)
    expect(cache.stats()).toMatchObject({ hits: 3, misses: 2, entries: 2 })
  })

  it('the cache stays within its bytes, least recently used out first', () => {
    const one = new CrowdCache()
    const s = miniScenario({ accounts: 1500 })
    one.get(s, 1, venue)
    const bytes = one.stats().bytes
    const small = new CrowdCache(Math.floor(bytes * 2.5))
    for (const seed of [1, 2, 3, 1]) small.get(s, seed, venue)
    expect(small.stats()).toMatchObject({ entries: 2, misses: 4, hits: 0 })
    expect(small.stats().bytes).toBeLessThanOrEqual(bytes * 2.5)
  })

  it('the outcome is the summary\'s verdict, the positions closed and the first failing event', () => {
    const b = base(miniScenario({ accounts: 1500, drop: 0.4 }))
    const ready = prepareWhatIf(b, {})
    if (!ready.ok) throw new Error('refused')
    const result = runCascade({ ...ready.input, seed: 3 })
    const o = outcomeOf(result)
    expect(o.survived).toBe(result.summary.survived)
    expect(o.finalEquity).toBe(result.summary.finalEquity)
    expect(o.survived).toBe(false)
    const first = result.events.find((e) => e.account === 'user' && ['liquidation', 'defi-liquidation', 'loop-unwind', 'bankrupt'].includes(e.kind))
    expect(o.binding).toMatchObject({ eventId: first?.id, kind: first?.kind, t: first?.t, position: first?.position ?? null })
    expect(o.firstLiquidation).toBe(result.summary.firstLiquidation)
    expect(o.liquidated.length).toBeGreaterThan(0)
  })

  it('a set the pair refuses is a TaskRefusedError with the axis named', () => {
    expect(() => runTask(base(), { seed: 1, set: { 'depeg:BTC': '0.1' } })).toThrow(TaskRefusedError)
    try {
      runTask(base(), { seed: 1, set: { 'collateral:FOO': '1' } })
    } catch (e) {
      expect((e as TaskRefusedError).issues[0].path).toBe('set.collateral:FOO')
    }
  })
})
