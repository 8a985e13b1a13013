// The user's account kept incrementally (user/aggregates.ts) against the account recomputed from
// scratch: at every step of random big books, the aggregates' uPnL and maintenance margin are
// within their stated bound of the position-by-position sums (float64: the two sum in different
// orders) and of aggregates built afresh, the bound is float rounding (not a wide interval), and
// the margin ratio interval holds the exact ratio. Then the decisions: a run with the shortcuts
// (the interval, the batched ADL lights) is byte-identical to the run that measures the account
// whole at every round and ranks every position on its own.
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { bigBook, bigBookInput } from '../../../../bench/big-books'
import { runCascade } from '../../../../shared/engine/cascade'
import { AdlQueues } from '../../../../shared/engine/cascade/adl-queue'
import { maintenanceMarginF } from '../../../../shared/engine/cascade/mirrors'
import { createRun, runCascadeDetailed } from '../../../../shared/engine/cascade/run-cascade'
import { UserAccount } from '../../../../shared/engine/cascade/user/account'
import { AccountAggregates } from '../../../../shared/engine/cascade/user/aggregates'
import type { Portfolio } from '../../../../shared/model/portfolio'
import { bigRandomBook, miniScenario, profile } from './support'

const books = fc.record({
  positions: fc.integer({ min: 1, max: 80 }),
  mode: fc.constantFrom<Portfolio['marginMode']>('cross', 'portfolio', 'isolated'),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  usdt: fc.integer({ min: 100_000, max: 8_000_000 }),
  runSeed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
})

function input(b: { positions: number; mode: Portfolio['marginMode']; seed: number; usdt: number; runSeed: number }) {
  return { portfolio: bigRandomBook(b.positions, b.mode, b.seed, b.usdt), venue: profile('binance'), lending: profile('aave-v3'), scenario: miniScenario({ accounts: 600, insuranceFund: '300000' }), seed: b.runSeed }
}

const bytes = (r: ReturnType<typeof runCascade>) => JSON.stringify({ ...r, summary: { ...r.summary, elapsedMs: 0 } })

describe('the incremental account', () => {
  it('equals the account recomputed from scratch at every step, within float rounding', () => {
    fc.assert(
      fc.property(books, (b) => {
        let checked = 0
        runCascadeDetailed(input(b), {}, {
          onStep: (_step, _totals, ctx) => {
            const u = ctx.user
            const n = u.positions.length
            const markOf = (a: number) => ctx.market.mark(a)
            const s = u.aggregates.sums(markOf, n)
            const fresh = new AccountAggregates(u.positions).sums(markOf, n)
            // From scratch, position by position, as `measure` sums them.
            let upnl = 0
            let mm = 0
            let scale = 0
            for (const p of u.positions) {
              if (!p.open) continue
              const mark = markOf(p.asset)
              upnl += u.upnl(p, mark)
              mm += maintenanceMarginF(p.rows, p.qty * mark)
              scale += p.qty * mark + p.entryNotional
            }
            expect(upnl).toBe(u.measure().unrealizedPnl)
            // The held sums (kept at every close) agree to rounding too.
            expect(Math.abs(u.unrealizedPnl() - upnl)).toBeLessThanOrEqual(1e-12 * scale + 1e-9)
            expect(Math.abs(s.upnl - upnl)).toBeLessThanOrEqual(s.upnlError)
            expect(Math.abs(s.mm - mm)).toBeLessThanOrEqual(s.mmError)
            expect(Math.abs(s.upnl - fresh.upnl)).toBeLessThanOrEqual(s.upnlError + fresh.upnlError)
            expect(Math.abs(s.mm - fresh.mm)).toBeLessThanOrEqual(s.mmError + fresh.mmError)
            // The bounds are rounding, not slack.
            expect(s.upnlError).toBeLessThanOrEqual(1e-9 * scale + 1e-9)
            expect(s.mmError).toBeLessThanOrEqual(1e-9 * scale + 1e-9)
            expect(u.aggregates.open).toBe(u.positions.filter((p) => p.open).length)
            const bounds = u.marginRatioBounds()
            const ratio = u.measure().marginRatio
            if (bounds) {
              expect(bounds.lo).toBeLessThanOrEqual(ratio)
              expect(bounds.hi).toBeGreaterThanOrEqual(ratio)
              if (Number.isFinite(ratio) && ratio > 0) expect(bounds.hi - bounds.lo).toBeLessThanOrEqual(1e-6 * ratio)
              checked++
            } else if (u.mode !== 'isolated') {
              // It cannot tell only when what covers the margin is within rounding of zero.
              const cover = u.mode === 'portfolio' ? u.unifiedFigures().adjusted : u.measure().exchangeEquity
              expect(cover).toBeLessThanOrEqual(1e-6 * (scale + Math.abs(u.walletBalance())) + 1e-6)
            }
            if (u.mode !== 'isolated') {
              const e = u.exchangeEquityBounds()
              expect(e.lo).toBeLessThanOrEqual(u.measure().exchangeEquity)
              expect(e.hi).toBeGreaterThanOrEqual(u.measure().exchangeEquity)
            }
          },
        })
        expect(checked > 0 || b.mode === 'isolated').toBe(true)
      }),
      { numRuns: 12, seed: 20251010 },
    )
  }, 120_000)

  describe('a run with the shortcuts is the run without them, byte for byte', () => {
    const bounds = Object.getOwnPropertyDescriptor(UserAccount.prototype, 'marginRatioBounds') as PropertyDescriptor
    const equity = Object.getOwnPropertyDescriptor(UserAccount.prototype, 'exchangeEquityBounds') as PropertyDescriptor
    const many = Object.getOwnPropertyDescriptor(AdlQueues.prototype, 'lightsMany') as PropertyDescriptor
    afterEach(() => {
      Object.defineProperty(UserAccount.prototype, 'marginRatioBounds', bounds)
      Object.defineProperty(UserAccount.prototype, 'exchangeEquityBounds', equity)
      Object.defineProperty(AdlQueues.prototype, 'lightsMany', many)
    })
    /** The account measured whole at every round, every position's lights on its own (`lights`). */
    function withoutShortcuts<T>(f: () => T): T {
      Object.defineProperty(UserAccount.prototype, 'marginRatioBounds', { value: () => null, configurable: true, writable: true })
      Object.defineProperty(UserAccount.prototype, 'exchangeEquityBounds', { value: () => ({ lo: -Infinity, hi: Infinity }), configurable: true, writable: true })
      Object.defineProperty(AdlQueues.prototype, 'lightsMany', {
        value(this: AdlQueues, asset: number, side: number, scores: ArrayLike<number>, qtys: ArrayLike<number>, targets: number[], countOthers: boolean) {
          const members = Array.from(scores, (score, k) => ({ score, qty: qtys[k] }))
          return targets.map((j) => this.lights(asset, side, members[j].score, members[j].qty, countOthers ? members.filter((_, k) => k !== j) : []))
        },
        configurable: true,
        writable: true,
      })
      try {
        return f()
      } finally {
        Object.defineProperty(UserAccount.prototype, 'marginRatioBounds', bounds)
        Object.defineProperty(UserAccount.prototype, 'exchangeEquityBounds', equity)
        Object.defineProperty(AdlQueues.prototype, 'lightsMany', many)
      }
    }

    it('random big books in every margin mode', () => {
      fc.assert(
        fc.property(books, (b) => {
          const fast = bytes(runCascade(input(b)))
          const whole = withoutShortcuts(() => bytes(runCascade(input(b))))
          expect(fast).toBe(whole)
        }),
        { numRuns: 24, seed: 1010 },
      )
    }, 180_000)

    it('a cross book liquidated position by position down to a balance within rounding of zero', () => {
      // bench/big-books.ts's book: every position is liquidated in one burst, and after each the
      // margin balance is within rounding of zero, where the bounds answer from MM alone.
      const base = bigBookInput(bigBook(40))
      const run = () => runCascade({ ...base, scenario: { ...base.scenario, crowd: { ...base.scenario.crowd, accounts: 3000 } } })
      const fast = run()
      expect(fast.events.filter((e) => e.account === 'user' && e.kind === 'liquidation').length).toBe(40)
      expect(bytes(fast)).toBe(withoutShortcuts(() => bytes(run())))
    }, 120_000)
  })
})

describe('AdlQueues.lightsMany', () => {
  /** A run at its start, the crowd moved by a few steps so scores differ. */
  function queues() {
    const run = createRun({ portfolio: bigRandomBook(4, 'cross', 1, 1_000_000), venue: profile('binance'), scenario: miniScenario({ accounts: 1500 }) })
    run.ctx.market.advanceTo(60 * 18)
    run.ctx.state.t = 60 * 18
    return run.ctx.adl
  }

  const member = fc.record({ score: fc.oneof(fc.double({ min: -1, max: 50, noNaN: true }), fc.constantFrom(0, Number.NaN, 1e-3, Infinity)), qty: fc.double({ min: 1e-6, max: 1e4, noNaN: true }) })

  it('gives lights() of each target, with and without others, with a fresh ranking or a pass over the queue', () => {
    const adl = queues()
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.constantFrom(1, -1), fc.oneof(fc.array(member, { minLength: 1, maxLength: 40 }), fc.array(member, { minLength: 64, maxLength: 160 })), fc.boolean(), fc.boolean(), (asset, side, members, countOthers, fresh) => {
        if (fresh) adl.ranking(asset, side, true)
        else (adl as unknown as { rankings: Map<number, unknown> }).rankings.clear()
        const targets = members.map((_, j) => j).filter((j) => j % 3 !== 1)
        const got = adl.lightsMany(asset, side, members.map((m) => m.score), members.map((m) => m.qty), targets, countOthers)
        const want = targets.map((j) => adl.lights(asset, side, members[j].score, members[j].qty, countOthers ? members.filter((_, k) => k !== j) : []))
        expect(got).toEqual(want)
      }),
      { numRuns: 300, seed: 7 },
    )
  })

  it('on a bucket edge (5 x above / total an integer) it answers as lights() does', () => {
    const adl = queues()
    ;(adl as unknown as { rankings: Map<number, unknown> }).rankings.clear()
    // Five members so large the crowd is below their rounding (2^100 each, summed exactly): the k-th
    // highest sits at k/5 exactly, on an edge.
    const members = [5, 4, 3, 2, 1].map((score) => ({ score: 1e6 + score, qty: 2 ** 100 }))
    const got = adl.lightsMany(0, 1, members.map((m) => m.score), members.map((m) => m.qty), [0, 1, 2, 3, 4], true)
    const want = members.map((m, j) => adl.lights(0, 1, m.score, m.qty, members.filter((_, k) => k !== j)))
    expect(got).toEqual(want)
    expect(got).toEqual([5, 4, 3, 2, 1])
  })
})
