// Shorts opened into the crash (docs/CASCADE-NOTES.md "Shorts into the crash"). The generated crowd
// opened every position before the window, and prices only fall from their start, so no short
// could ever be liquidated; yet 10-15% of the published 10/10 liquidations were shorts: traders who
// sold the fall (momentum, and the deleveraged re-hedging of docs/CRASH-MECHANICS.md §8) and were squeezed
// by the rebound. The run opens them: at the end of every 10 s window, on each asset whose crowd
// longs were liquidated in it, new shorts worth SHORTS_INTO_CRASH_SHARE of that liquidated notional
// open at the market-wide (oracle) price, against the counterparty (their selling is part of the
// exogenous path), with
// new money. Four accounts per window and asset, at the 1/8, 3/8, 5/8 and 7/8 quantiles of the
// contract's own leverage distribution: no random draw, so no stream to seed.
import { crowdSpecOf, type CrowdSpec } from '../crowd'
import type { Scenario } from '../../model/scenario'
import type { Market } from '../market'
import type { RunStats } from './context'
import type { CrowdBook } from './crowd-book'
import type { Ledger } from './ledger'

export interface ShortsIntoCrashDeps {
  readonly scenario: Scenario
  readonly market: Market
  readonly ledger: Ledger
  readonly crowd: CrowdBook
  readonly stats: RunStats
}

/** Share of the window's liquidated long notional re-opened as shorts (calibrated on 2025-10-10). */
export const SHORTS_INTO_CRASH_SHARE = 2.2

/** Standard normal quantiles at 1/8, 3/8, 5/8, 7/8. */
const Z = [0.15731068461017067, 0.48877641111466941, 0.88714655901887607, 1.5341205443525463]

export class ShortsIntoCrash {
  private readonly byAsset: ({ leverages: number[]; mmr: number } | null)[]

  constructor(
    private readonly ctx: ShortsIntoCrashDeps,
    private readonly share = SHORTS_INTO_CRASH_SHARE,
    spec: CrowdSpec = crowdSpecOf(ctx.scenario),
  ) {
    this.byAsset = ctx.market.assets.map(() => null)
    for (const c of spec.contracts) {
      if (this.byAsset[c.asset]) continue
      const l = c.leverage
      const leverages = Z.map((z) => Math.min(l.max, Math.max(l.min, l.median * Math.exp(l.sigma * z))))
      this.byAsset[c.asset] = { leverages, mmr: c.maintenanceMarginRate }
    }
  }

  /** Opens the window's shorts and clears its tally. */
  open(): void {
    const ctx = this.ctx
    const w = ctx.stats.windowLongLiquidated
    for (let a = 0; a < w.length; a++) {
      const liquidated = w[a]
      w[a] = 0
      const c = this.byAsset[a]
      if (!c || !(liquidated > 0) || this.share <= 0) continue
      if (ctx.market.isHalted(a)) continue
      // Off the venue's book, at the market-wide price (the oracle): a flash dislocation of the
      // venue's mark is not where traders elsewhere sold.
      const price = ctx.market.oracle(a)
      const each = (this.share * liquidated) / c.leverages.length
      for (const lev of c.leverages) ctx.crowd.openRunShort(a, each / price, price, lev, c.mmr, ctx.ledger.inflow, ctx.ledger.counterparty)
    }
  }
}
