// The run's insurance funds together (insurance.ts is one fund; docs/CASCADE-NOTES.md "Insurance funds"):
// which fund serves which asset, how much of a bankrupt position a fund may take over (its equity
// at mark and the profile's `takeoverLimit`), the gradual sale of what it took over into the book
// (`offload`), and, under the `maintenance` limit, the positions a fund must give up when its
// equity no longer covers their maintenance margin (Hyperliquid's liquidator vault; the waterfall
// deleverages them).
import { crowdBracketsOf, crowdSpecOf, type CrowdBracket } from '../crowd'
import type { Market } from '../market'
import type { Scenario } from '../../model/scenario'
import type { VenueProfile } from '../../model/venue'
import type { RunState } from './context'
import { bracketMaintenance, InsuranceFund, type FundsSetup } from './insurance'
import type { Ledger } from './ledger'
import type { RunRules } from './rules'

export interface InsuranceFundsDeps {
  readonly market: Market
  readonly ledger: Ledger
  readonly rules: RunRules
  readonly state: RunState
  readonly venue: VenueProfile
  readonly scenario: Scenario
}

/** The answers of `observe` and `overLimit` when there is nothing to say (shared: never written to). */
const NO_CHANGES: readonly { fund: InsuranceFund; change: 'started' | 'stopped' }[] = Object.freeze([])
const NOTHING_OVER: readonly { asset: number; qty: number }[] = Object.freeze([])

/** A fund's inventory of one asset, sold into the book over time. */
interface Offload {
  fund: InsuranceFund
  asset: number
  /** Run time of its last sale. */
  last: number
  /** The book's mid at its last sale (a passive exit sells as the price moves away from it). */
  mid: number
}

export class InsuranceFunds {
  readonly all: InsuranceFund[]
  /** The fund of the profile's `insuranceFund`: every contract no other fund lists, and account-level top-ups. */
  readonly default: InsuranceFund
  readonly source: FundsSetup['source']
  private readonly byAsset: InsuranceFund[]
  /** Per asset: the venue contract's brackets (maintenance of what a fund holds), or null. */
  private readonly brackets: (CrowdBracket[] | null)[]
  /** Per asset with no venue contract: the flat rate the crowd's contract on it uses (the scenario's). */
  private readonly flatMmr: Float64Array
  private readonly offloads: Offload[] = []
  /** Quantity sold by the funds' offloading, per asset (events and summary). */
  readonly offloaded: Float64Array

  constructor(
    private readonly ctx: InsuranceFundsDeps,
    setup: FundsSetup,
    stepSeconds: number,
  ) {
    const m = ctx.market
    const n = m.assets.length
    this.source = setup.source
    this.all = setup.funds.map((f) => {
      const account = ctx.ledger.addFund(f.id)
      account.cash = f.balance
      return new InsuranceFund(f.id, account, m, ctx.rules.trigger, stepSeconds)
    })
    this.default = this.all[0]
    // Each asset is served by the fund listing a contract on it (the first such contract in the
    // profile's order), else by the default fund.
    const venue = ctx.venue
    const symbolsOf = (asset: string): string[] => (venue.kind === 'exchange' ? Object.keys(venue.contracts).filter((s) => venue.contracts[s].base === asset) : [])
    this.byAsset = m.assets.map((asset) => {
      for (const sym of symbolsOf(asset)) {
        const i = setup.funds.findIndex((f) => f.contracts.includes(sym))
        if (i >= 0) return this.all[i]
      }
      return this.default
    })
    this.byAsset.forEach((f, a) => f.assets.push(a))
    // An asset the venue lists no contract on (a basket) is held under the table the crowd's
    // contract on it names (`venueContract`), as the crowd's own positions are.
    const namedBy = (asset: string): string | undefined => Object.values(ctx.scenario.crowd.contracts).find((k) => k.base === asset && k.venueContract)?.venueContract
    this.brackets = m.assets.map((asset) => {
      const syms = symbolsOf(asset)
      const sym = syms.find((s) => s === `${asset}USDT`) ?? syms[0] ?? namedBy(asset)
      return sym ? crowdBracketsOf(venue, sym) : null
    })
    this.flatMmr = new Float64Array(n).fill(Number(ctx.scenario.crowd.maintenanceMarginRate))
    for (const c of crowdSpecOf(ctx.scenario).contracts) this.flatMmr[c.asset] = c.maintenanceMarginRate
    this.offloaded = new Float64Array(n)
  }

  /** Lowest equity of the funds together, at the end of a step. */
  min = Infinity

  /** Each fund's end-of-step equity and trigger; returns the trigger changes. */
  observe(t: number): readonly { fund: InsuranceFund; change: 'started' | 'stopped' }[] {
    // Called every step and nearly always empty: an array is made only for a change.
    let out: { fund: InsuranceFund; change: 'started' | 'stopped' }[] | null = null
    // The total is `balance` from each fund's equity as it observed it: nothing moves in between.
    let total = 0
    for (const f of this.all) {
      const change = f.observe(t)
      total += f.observed
      if (change) (out ??= []).push({ fund: f, change })
    }
    if (total < this.min) this.min = total
    return out ?? NO_CHANGES
  }

  forAsset(asset: number): InsuranceFund {
    return this.byAsset[asset]
  }

  /** Sum of the funds' equity. */
  get balance(): number {
    let s = 0
    for (const f of this.all) s += f.balance
    return s
  }

  get start(): number {
    let s = 0
    for (const f of this.all) s += f.start
    return s
  }

  /** Maintenance margin of what `fund` holds, with `extra` more contracts of `asset` (docs/VENUE-RULES.md §1.2). */
  heldMaintenance(fund: InsuranceFund, asset = -1, extra = 0): number {
    const m = this.ctx.market
    let mm = 0
    for (const a of fund.assets) {
      const q = Math.abs(fund.account.perp[a] + (a === asset ? extra : 0))
      if (q > 0) mm += bracketMaintenance(this.brackets[a], this.flatMmr[a], q * m.mark(a))
    }
    return mm
  }

  /** Net notional at mark of what `fund` holds, with `extra` more contracts of `asset`. */
  private heldNotional(fund: InsuranceFund, asset: number, extra: number): number {
    const m = this.ctx.market
    let n = 0
    for (const a of fund.assets) n += Math.abs(fund.account.perp[a] + (a === asset ? extra : 0)) * m.mark(a)
    return n
  }

  /**
   * The largest q <= rem of a bankrupt position (side `side`, bankruptcy price `bp`) the asset's fund
   * may take over now: its equity after the takeover (less the loss at mark side x q x (bp - mark),
   * or plus the gain when the trader still had equity: Hyperliquid's backstop keeps the maintenance
   * margin) not negative, and within the profile's takeover limit. The limits grow with q faster
   * than any gain, so feasibility shrinks as q grows and bisection finds the edge.
   */
  takeable(asset: number, side: number, rem: number, bp: number): number {
    const fund = this.byAsset[asset]
    const equity = fund.balance
    if (!(equity > 0)) return 0
    const mark = this.ctx.market.mark(asset)
    const limit = this.ctx.rules.takeoverLimit
    const ok = (q: number): boolean => {
      const after = equity - side * q * (bp - mark)
      if (after < 0) return false
      if (!limit) return true
      if (limit.kind === 'net-notional') return this.heldNotional(fund, asset, side * q) <= limit.share * after
      return this.heldMaintenance(fund, asset, side * q) <= after
    }
    if (ok(rem)) return rem
    let lo = 0
    let hi = rem
    for (let k = 0; k < 50 && hi - lo > rem * 1e-9; k++) {
      const mid = (lo + hi) / 2
      if (ok(mid)) lo = mid
      else hi = mid
    }
    return lo
  }

  /** The fund now holds contracts of `asset`: it will sell them into the book over time. */
  holding(fund: InsuranceFund, asset: number): void {
    if (!this.offloads.some((o) => o.fund === fund && o.asset === asset)) this.offloads.push({ fund, asset, last: this.ctx.state.t, mid: this.ctx.market.bookMid(asset) })
  }

  /**
   * Sells what the funds hold, per fund and asset every `intervalSeconds` (an asset with no book: all
   * of it). A taker exit hits the book for at most `depthShare` of the depth within 1% of mid on the
   * side it hits. A passive exit quotes at the touch: it sells only when the mid has moved its way
   * since its last sale (up for a long it holds), `depthShare` of the depth that move crossed, at the
   * move's midpoint, and moves no price. Returns the number of sales.
   */
  offload(): number {
    const rule = this.ctx.rules.offload
    const m = this.ctx.market
    const t = this.ctx.state.t
    const book = this.ctx.ledger.book
    let sales = 0
    for (let k = 0; k < this.offloads.length; k++) {
      const o = this.offloads[k]
      const held = o.fund.account.perp[o.asset]
      if (held === 0) {
        this.offloads.splice(k--, 1)
        continue
      }
      if (t - o.last < rule.intervalSeconds || m.isHalted(o.asset)) continue
      o.last = t
      const sale = rule.passive ? this.passiveSale(o, held) : this.takerSale(o, held)
      if (sale === null) continue
      const { q, price } = sale
      const dq = held > 0 ? -q : q
      o.fund.account.takePerp(o.asset, dq, price)
      book.takePerp(o.asset, -dq, price)
      if (Math.abs(o.fund.account.perp[o.asset]) < Math.abs(held) * 1e-12) {
        // Dust left by rounding: closed at the fill.
        const rest = o.fund.account.perp[o.asset]
        o.fund.account.takePerp(o.asset, -rest, price)
        book.takePerp(o.asset, rest, price)
      }
      this.offloaded[o.asset] += q
      this.ctx.state.activity++
      sales++
    }
    return sales
  }

  private takerSale(o: Offload, held: number): { q: number; price: number } | null {
    const m = this.ctx.market
    const depth = m.depthAt(o.asset, 0.01, held > 0 ? 'bid' : 'ask')
    const q = this.saleQty(held, depth, m.mark(o.asset))
    if (!(q > 0)) return null
    const fill = held > 0 ? m.sellQty(o.asset, q) : m.buyQty(o.asset, q)
    return fill.halted ? null : { q, price: fill.avgPrice }
  }

  private passiveSale(o: Offload, held: number): { q: number; price: number } | null {
    const m = this.ctx.market
    const from = o.mid
    const mid = m.bookMid(o.asset)
    // It re-quotes at the touch: a move against it only moves its quotes.
    o.mid = mid
    const moved = held > 0 ? mid - from : from - mid
    if (!(moved > 0)) return null
    const depth = m.depthAt(o.asset, moved / mid, held > 0 ? 'ask' : 'bid')
    const q = this.saleQty(held, depth, mid)
    return q > 0 ? { q, price: (from + mid) / 2 } : null
  }

  /** The rule's share of `depth` (USD) in contracts at `price`, at most what is held; all of it with no book. */
  private saleQty(held: number, depth: number, price: number): number {
    return Math.min(Math.abs(held), Number.isFinite(depth) ? (this.ctx.rules.offload.depthShare * depth) / price : Infinity)
  }

  /**
   * Under the `maintenance` limit: the assets a fund must give up now (its equity below the
   * maintenance margin of what it holds), largest maintenance first, with the quantity that brings
   * it back within; empty otherwise.
   */
  overLimit(fund: InsuranceFund): readonly { asset: number; qty: number }[] {
    // Asked every round; nearly always within its limit, which makes no array.
    if (this.ctx.rules.takeoverLimit?.kind !== 'maintenance') return NOTHING_OVER
    const equity = fund.balance
    const m = this.ctx.market
    let mm = this.heldMaintenance(fund)
    if (mm <= equity) return NOTHING_OVER
    const held = fund.assets
      .filter((a) => fund.account.perp[a] !== 0)
      .map((a) => ({ a, mm: bracketMaintenance(this.brackets[a], this.flatMmr[a], Math.abs(fund.account.perp[a]) * m.mark(a)) }))
      .sort((x, y) => y.mm - x.mm || x.a - y.a)
    const out: { asset: number; qty: number }[] = []
    for (const h of held) {
      if (mm <= equity) break
      const q = Math.abs(fund.account.perp[h.a])
      const mark = m.mark(h.a)
      // Keep the largest part whose maintenance, with the others', fits the equity.
      const others = mm - h.mm
      let lo = 0
      let hi = q
      if (equity - others <= 0) lo = 0
      else {
        for (let k = 0; k < 50 && hi - lo > q * 1e-9; k++) {
          const mid = (lo + hi) / 2
          if (bracketMaintenance(this.brackets[h.a], this.flatMmr[h.a], mid * mark) <= equity - others) lo = mid
          else hi = mid
        }
      }
      out.push({ asset: h.a, qty: q - lo })
      mm = others + bracketMaintenance(this.brackets[h.a], this.flatMmr[h.a], lo * mark)
    }
    return out
  }
}
