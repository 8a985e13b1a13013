// The product's reason to exist (docs/CRASH-MECHANICS.md §7, "the hedge that killed its owner"), replayed
// from the events: the example hedge book under the 2025-10-10 preset. The DOGE short's lights
// climb to 5, it is auto-deleveraged, then the unhedged BTC and ETH longs are liquidated, and the
// ADL is in the causal ancestry of those liquidations.
//
// SKIPPED since the crowd keeps to the venue's brackets and to `crowd.maxAccountShare` (branch
// fid-crowd): the story needed one DOGE long of 28.7% of DOGE open interest (358M USD at 1.6x,
// beyond Binance's largest DOGE bracket of 200M) going bankrupt and draining the fund. With a crowd
// inside the venue's rules no crowd DOGE long goes bankrupt at seed 42, the short keeps its hedge
// and the book survives; over seeds 1-40 (20,000 traders) and 1-40 (100,000) the ADL never happens
// (resources/examples/README.md, "Outcome frequencies"). The story tests are kept, skipped, for
// the decision on what the example should show; the outcome of seed 42 is held below.
import { beforeAll, describe, expect, it } from 'vitest'
import { runCascadeDetailed, type DetailedRun } from '../../../../shared/engine/cascade/run-cascade'
import { liquidationPath } from '../../../../shared/model/liquidation-path'
import type { CascadeEvent } from '../../../../shared/model/run'
import { exampleBook, preset, profile } from './support'

function ancestors(events: CascadeEvent[], id: number): Set<number> {
  const byId = new Map(events.map((e) => [e.id, e]))
  const out = new Set<number>()
  const stack = [...(byId.get(id)?.causes ?? [])]
  while (stack.length) {
    const c = stack.pop() as number
    if (out.has(c)) continue
    out.add(c)
    stack.push(...(byId.get(c)?.causes ?? []))
  }
  return out
}

describe('hedge book x 2025-10-10, seed 42, a crowd within the venue rules', () => {
  it('keeps its hedge and survives: no crowd DOGE long goes bankrupt, nothing is deleveraged', () => {
    const run = runCascadeDetailed({ portfolio: exampleBook('hedge-book'), venue: profile('binance'), lending: profile('aave-v3'), scenario: preset('2025-10-10') })
    const events = run.result.events
    expect(events.some((e) => e.kind === 'bankrupt' && e.account === 'crowd' && e.asset === 'DOGE')).toBe(false)
    expect(events.some((e) => e.account === 'user' && (e.kind === 'adl' || e.kind === 'liquidation'))).toBe(false)
    expect(run.result.summary.survived).toBe(true)
    expect(run.result.summary.finalEquity).toBe('1117533.62')
  }, 60_000)
})

describe.skip('hedge book x 2025-10-10 (the story of one seed; see the note at the top)', () => {
  let run: DetailedRun
  let events: CascadeEvent[]
  beforeAll(() => {
    run = runCascadeDetailed({ portfolio: exampleBook('hedge-book'), venue: profile('binance'), lending: profile('aave-v3'), scenario: preset('2025-10-10') })
    events = run.result.events
  })

  const userEvents = () => events.filter((e) => e.account === 'user')
  const adlOfDoge = () => events.find((e) => e.kind === 'adl' && e.account === 'user' && e.position === 'doge') as CascadeEvent
  const liquidationOf = (id: string) => events.find((e) => e.kind === 'liquidation' && e.account === 'user' && e.position === id) as CascadeEvent

  it('starts with the wallet covering the initial margin of the stated leverages', () => {
    // 5M / 3 + 0.5M / 15 + 1M / 5 = 1.9M of initial margin; 9M DOGE at 0.25 = 2.25M (collateral rate 1 up to 3M).
    expect(Number(run.result.summary.startEquity)).toBe(2_250_000)
    const book = exampleBook('hedge-book')
    const initialMargin = book.positions.reduce((sum, p) => sum + Number(p.notional) / Number(p.leverage), 0)
    expect(initialMargin).toBeCloseTo(1_900_000, 6)
    expect(Number(run.result.summary.startEquity)).toBeGreaterThan(initialMargin)
  })

  it('ADL closes the DOGE short before BTC and ETH are liquidated', () => {
    const adl = adlOfDoge()
    expect(adl).toBeDefined()
    const btc = liquidationOf('btc')
    const eth = liquidationOf('eth')
    expect(btc).toBeDefined()
    expect(eth).toBeDefined()
    expect(adl.id).toBeLessThan(btc.id)
    expect(adl.id).toBeLessThan(eth.id)
    expect(adl.t <= btc.t && adl.t <= eth.t).toBe(true)
    expect(run.result.summary.survived).toBe(false)
    expect(run.result.summary.userAdl.map((a) => a.position)).toEqual(['doge'])
  })

  it('the ADL is in the causal ancestry of both liquidations, through the margin call', () => {
    const adl = adlOfDoge()
    for (const id of ['btc', 'eth']) {
      const liq = liquidationOf(id)
      const up = ancestors(events, liq.id)
      expect(up.has(adl.id)).toBe(true)
      const call = events.find((e) => e.kind === 'margin-call' && e.account === 'user' && up.has(e.id))
      expect(call).toBeDefined()
      expect(ancestors(events, (call as CascadeEvent).id).has(adl.id)).toBe(true)
    }
  })

  it("the ADL answers a bankrupt crowd long the insurance fund could not take, back to the market's shocks", () => {
    const adl = adlOfDoge()
    const byId = new Map(events.map((e) => [e.id, e]))
    const causes = adl.causes.map((c) => byId.get(c) as CascadeEvent)
    expect(causes.some((e) => e.kind === 'bankrupt' && e.asset === 'DOGE' && e.side === 'long')).toBe(true)
    expect(causes.some((e) => e.kind === 'insurance')).toBe(true)
    const up = [...ancestors(events, adl.id)].map((c) => byId.get(c) as CascadeEvent)
    expect(up.some((e) => e.kind === 'shock' && e.asset === 'DOGE')).toBe(true)
    expect(up.some((e) => e.kind === 'liquidation' && e.account === 'crowd' && e.asset === 'DOGE')).toBe(true)
    // The liquidation path of the app keeps all of it.
    const path = new Set(liquidationPath(events).map((e) => e.id))
    for (const id of ancestors(events, liquidationOf('btc').id)) expect(path.has(id)).toBe(true)
  })

  it('the DOGE short shows 5 lights before it is deleveraged, climbing from fewer', () => {
    const adl = adlOfDoge()
    expect(adl.amounts?.lights).toBe('5')
    const s = run.result.series
    const lights = s.user.adlLights.doge
    const closedAt = s.t.findIndex((t, i) => t >= adl.t && lights[i] === 0 && i > 0 && lights[i - 1] === 5)
    expect(closedAt).toBeGreaterThan(0)
    const before = lights.slice(0, closedAt)
    expect(before.includes(5)).toBe(true)
    expect(before.some((l) => l > 0 && l < 5)).toBe(true)
  })

  it('ends at zero, with the loss broken down into parts that add up', () => {
    const s = run.result.summary
    expect(s.finalEquity).toBe('0')
    const l = s.loss
    const cents = (x: string) => Math.round(Number(x) * 100)
    expect(cents(l.price) + cents(l.slippage) + cents(l.fees) + cents(l.profitLostToAdl)).toBe(cents(l.total))
    expect(cents(l.total)).toBe(cents(s.startEquity) - cents(s.finalEquity))
    expect(Number(l.profitLostToAdl)).toBeGreaterThan(0)
    expect(s.firstMarginCall).not.toBeNull()
    expect(s.firstLiquidation! >= s.firstMarginCall!).toBe(true)
  })

  it('keeps the user events few and in order', () => {
    const u = userEvents()
    expect(u.map((e) => e.kind).slice(0, 3)).toEqual(['adl', 'margin-call', 'liquidation'])
    for (let i = 1; i < events.length; i++) {
      expect(events[i].id).toBe(i + 1)
      expect(events[i].t >= events[i - 1].t).toBe(true)
    }
  })
})
