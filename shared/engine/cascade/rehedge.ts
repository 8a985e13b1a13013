// Deleveraged traders re-hedge (docs/CRASH-MECHANICS.md §8: "ADL closes profitable positions ->
// deleveraged traders re-hedge and sell -> more liquidations"; docs/CASCADE-NOTES.md "Re-hedging").
// A profitable position ADL closes was, for most of the traders holding it, a hedge (a short against
// spot or a long elsewhere), so the trader puts it back: at the end of the 10 s window in which ADL
// closed it, it re-opens the quantity ADL took, on the same side, with a market order into the
// venue's book (the "sell" of the feedback loop), at its own leverage, with the margin its account
// now holds (what the ADL paid it). A position re-opened near the trough is what the rebound then
// squeezes: the shorts of the published liquidation split emerge from it, with no share set.
// The unmodelled counterparty (basis traders and hedged issuers, docs/SIMULATION-NOTES.md §3.2) re-
// hedges its deleveraged quantity the same way; it has no margin to lose, so only its order's impact
// counts. The user's book is the user's: it is never re-opened.
//
// Choices (assumptions, docs/CASCADE-NOTES.md): the delay is the window (at most 10 s); the size is
// the quantity ADL closed, scaled down to what the account's free cash margins at the trader's own
// leverage (clamped to the venue's bracket for the new notional of one real account it stands for);
// a position ADL closed in part releases the closed part's margin and profit to free cash and keeps
// its margin per contract on the rest (crowd-book.ts `deleveragePart`); only free cash re-hedges.
import { bracketIndex, crowdSpecOf, type CrowdBracket } from '../crowd'
import type { Market } from '../market'
import type { Scenario } from '../../model/scenario'
import type { VenueProfile } from '../../model/venue'
import type { RunState, RunStats } from './context'
import type { CrowdBook } from './crowd-book'
import type { Ledger } from './ledger'

export interface RehedgesDeps {
  readonly scenario: Scenario
  readonly venue: VenueProfile
  readonly market: Market
  readonly ledger: Ledger
  readonly crowd: CrowdBook
  readonly stats: RunStats
  readonly state: RunState
}

interface Pending {
  account: number
  asset: number
  side: 1 | -1
  qty: number
  leverage: number
}

export class Rehedges {
  private pending: Pending[] = []
  /** The counterparty's deleveraged quantity per asset, signed by the side it held. */
  private readonly counterparty: Float64Array
  private readonly byAsset: ({ brackets: CrowdBracket[] | null; mmr: number; maxLeverage: number } | null)[]

  constructor(private readonly ctx: RehedgesDeps) {
    const spec = crowdSpecOf(ctx.scenario, { venue: ctx.venue })
    this.byAsset = ctx.market.assets.map(() => null)
    for (const c of spec.contracts) {
      if (this.byAsset[c.asset]) continue
      this.byAsset[c.asset] = { brackets: c.brackets, mmr: c.maintenanceMarginRate, maxLeverage: c.leverage.max }
    }
    this.counterparty = new Float64Array(ctx.market.assets.length)
  }

  /** ADL is about to close `qty` of a crowd slot (the waterfall calls this before closing it). */
  deleveraged(slot: number, qty: number): void {
    const cb = this.ctx.crowd
    const margin = cb.margin[slot]
    const notional = cb.qty[slot] * cb.entry[slot]
    if (!(margin > 0) || !(notional > 0)) return
    this.pending.push({ account: cb.account[slot], asset: cb.asset[slot], side: cb.side[slot] as 1 | -1, qty, leverage: notional / margin })
  }

  /** ADL closed `qty` of the counterparty's position on `side`. */
  counterpartyDeleveraged(asset: number, side: number, qty: number): void {
    this.counterparty[asset] += side * qty
  }

  /** Re-hedges of the closing window, into the book; those on a halted book wait for the next one. */
  open(): void {
    const ctx = this.ctx
    const m = ctx.market
    const cb = ctx.crowd
    const book = ctx.ledger.book
    const waiting: Pending[] = []
    for (const p of this.pending) {
      if (m.isHalted(p.asset)) {
        waiting.push(p)
        continue
      }
      const spec = this.byAsset[p.asset]
      const cash = cb.cash[p.account]
      const mark = m.mark(p.asset)
      if (!spec || !(cash > 0) || !(mark > 0)) continue
      // At the trader's leverage, within the bracket of the notional; as much as its cash margins.
      let leverage = Math.min(p.leverage, spec.maxLeverage)
      let qty = Math.min(p.qty, (cash * leverage) / mark)
      let mmr = spec.mmr
      let cum = 0
      if (spec.brackets) {
        // Brackets are per account of the venue: looked up at one real account's notional; a body
        // account standing for w of them holds w times its cum (as the crowd's own positions,
        // shared/engine/crowd/perp-traders.ts).
        const w = cb.crowd.weightOf(p.account)
        const row = spec.brackets[bracketIndex(spec.brackets, (qty * mark) / w)]
        leverage = Math.min(leverage, row.maxLeverage)
        qty = Math.min(qty, (cash * leverage) / mark)
        mmr = row.mmr
        cum = row.cum * w
      }
      if (!(qty > 0)) continue
      const fill = p.side > 0 ? m.buyQty(p.asset, qty) : m.sellQty(p.asset, qty)
      if (fill.halted) {
        waiting.push(p)
        continue
      }
      const notional = qty * fill.avgPrice
      const margin = Math.min(cash, notional / leverage)
      // One rate per position (crowd-book.ts): the bracket's MM at the opening notional as a rate.
      const rate = Math.max(0, mmr - cum / notional)
      cb.openRunPosition(p.account, p.asset, p.side, qty, fill.avgPrice, margin, rate, book)
      ctx.stats.rehedges++
      ctx.state.activity++
    }
    this.pending = waiting
    const cp = ctx.ledger.counterparty
    for (let a = 0; a < this.counterparty.length; a++) {
      const signed = this.counterparty[a]
      if (signed === 0 || m.isHalted(a)) continue
      const q = Math.abs(signed)
      const fill = signed > 0 ? m.buyQty(a, q) : m.sellQty(a, q)
      if (fill.halted) continue
      cp.takePerp(a, signed, fill.avgPrice)
      book.takePerp(a, -signed, fill.avgPrice)
      this.counterparty[a] = 0
      ctx.stats.rehedges++
      ctx.state.activity++
    }
  }
}
