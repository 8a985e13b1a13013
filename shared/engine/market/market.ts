// The market of a run (docs/MODEL.md §3): per asset an oracle/index price (the exogenous path, what
// the rest of the world says), a book around it whose mid is the venue's mark (exogenous path
// plus endogenous impact), maker withdrawal scaling the book, pegged assets with their own thin
// books, and the collateral price a venue uses (its book or the oracle, a scenario switch).
//
// The run loop owns time: `advanceTo(t)` moves the exogenous paths and lets impact decay; orders
// in between walk the books. Assets are addressed by name or, in hot loops, by index
// (`assetIndex`), in the order of `assetUniverse` that the crowd shares.
import type { Scenario } from '../../model/scenario'
import type { MarkPriceRule } from '../../model/venue'
import { basisOf, type BasisAverage } from './mark-basis'
import { Book } from './book'
import { CircuitBreaker } from './circuit-breaker'
import { marketSpecOf, type AssetSpec, type CollateralRule, type MarketSpec } from './market-spec'
import { PiecewiseLinearPath } from './piecewise-path'

/** An asset by name (`"BTC"`) or by its index in `market.assets`. */
export type AssetRef = string | number

export type OrderSide = 'sell' | 'buy'

/** The outcome of one market order. */
export interface Fill {
  asset: number
  side: OrderSide
  /** Base units traded. */
  qty: number
  /** USD received (sell) or paid (buy). */
  usd: number
  /** usd / qty: the depth-weighted average price; the mid before when nothing traded. */
  avgPrice: number
  midBefore: number
  midAfter: number
  /** Relative distance of the average price from the mid before, >= 0. */
  slippage: number
  /** True when a circuit breaker halted matching: nothing traded. */
  halted: boolean
}

interface PegState {
  target: number
  ratio: number
  depeg: PiecewiseLinearPath | null
  global: boolean
}

export class Market {
  readonly assets: readonly string[]
  readonly collateralPricing: 'book' | 'oracle'
  private readonly index: Map<string, number>
  private readonly startPrice: Float64Array
  /** Exogenous price each book is anchored to (for pegs: after the exogenous depeg). */
  private readonly reference: Float64Array
  private readonly oraclePrice: Float64Array
  private readonly depthMultiplier: Float64Array
  private readonly books: (Book | null)[]
  private readonly shocks: (PiecewiseLinearPath | null)[]
  private readonly withdrawals: (PiecewiseLinearPath | null)[]
  private readonly pegs: (PegState | null)[]
  private readonly breakers: (CircuitBreaker | null)[]
  private readonly collateralRules: (CollateralRule | null)[]
  private readonly outages: readonly { from: number; to: number }[]
  private now = 0
  /** The venue's index-anchored mark (`MarkPriceRule`), or null: the mark is the book's mid. */
  private readonly basis: BasisAverage | null
  /**
   * Each asset's mark as last computed, valid while `markKnown` is 1: the run reads every mark
   * many times a step and a mark moves only with the clock (`advanceTo`) or a trade on its book,
   * which clear it. The same computation from the same inputs: the same number.
   */
  private readonly markValue: Float64Array
  private readonly markKnown: Uint8Array

  /** `markRule`: the venue's rule for its mark (the exchange profile's `markPrice`); absent: the book's mid. */
  static fromScenario(scenario: Scenario, markRule?: MarkPriceRule): Market {
    return new Market(marketSpecOf(scenario), markRule)
  }

  constructor(spec: MarketSpec, markRule?: MarkPriceRule) {
    const n = spec.assets.length
    this.assets = spec.assets.map((a) => a.name)
    this.index = new Map(this.assets.map((name, i) => [name, i]))
    this.collateralPricing = spec.collateralPricing
    this.startPrice = Float64Array.from(spec.assets, (a) => a.startPrice)
    this.reference = new Float64Array(n)
    this.oraclePrice = new Float64Array(n)
    this.depthMultiplier = new Float64Array(n).fill(1)
    this.books = spec.assets.map((a) => (a.book ? new Book(a.book, a.halfLifeSeconds) : null))
    this.shocks = spec.assets.map((a) => (a.shock ? new PiecewiseLinearPath(a.shock) : null))
    this.withdrawals = spec.assets.map((a) => (a.withdrawal ? new PiecewiseLinearPath(a.withdrawal) : null))
    this.pegs = spec.assets.map((a, i) => pegState(a, i))
    const cb = spec.circuitBreaker
    this.breakers = spec.assets.map(() => (cb ? new CircuitBreaker(cb) : null))
    this.collateralRules = spec.collateralRules ?? spec.assets.map(() => null)
    this.outages = spec.outages ?? []
    this.basis = markRule ? basisOf(markRule, n) : null
    this.markValue = new Float64Array(n)
    this.markKnown = new Uint8Array(n)
    spec.assets.forEach((a) => {
      if (!a.peg && !(a.startPrice > 0)) throw new RangeError(`${a.name}: start price must be positive`)
    })
    this.refresh()
  }

  /** Seconds since the scenario start. */
  get time(): number {
    return this.now
  }

  /** Index of an asset in `assets`, or -1. */
  assetIndex(name: string): number {
    return this.index.get(name) ?? -1
  }

  private at(asset: AssetRef): number {
    const i = typeof asset === 'number' ? asset : (this.index.get(asset) ?? -1)
    if (!(i >= 0 && i < this.assets.length)) throw new RangeError(`unknown asset ${String(asset)}`)
    return i
  }

  /** Moves the clock forward: exogenous paths to `t`, impact decays, withdrawal updates. */
  advanceTo(t: number): void {
    if (!(t >= this.now)) throw new RangeError(`time must not go backwards: ${t} < ${this.now}`)
    const dt = t - this.now
    this.now = t
    if (dt > 0) for (const book of this.books) book?.decay(dt)
    this.refresh()
    if (dt > 0 && this.basis) {
      // One sample of the basis (mid - index) per asset with a book, after the step's decay (the
      // venues sample every few seconds: Hyperliquid at each oracle update, about 3 s; Binance every 5 s).
      for (let i = 0; i < this.assets.length; i++) if (this.books[i] !== null) this.basis.sample(i, t, dt, this.mid(i) - this.oraclePrice[i])
    }
    // A breaker watches the traded price (the mid), as `trade` reports it, not an index-anchored mark.
    for (let i = 0; i < this.breakers.length; i++) this.breakers[i]?.observe(t, this.mid(i))
    this.markKnown.fill(0)
  }

  private refresh(): void {
    const t = this.now
    for (let i = 0; i < this.assets.length; i++) {
      const peg = this.pegs[i]
      if (peg) {
        // docs/MODEL.md §1: a pegged asset is worth peg x (1 - depeg); the peg value follows the
        // target's oracle (redemption value), and assets come after their targets.
        const fair = (peg.target < 0 ? 1 : this.oraclePrice[peg.target]) * peg.ratio
        const depeg = peg.depeg ? peg.depeg.at(t) : 0
        this.reference[i] = fair * (1 - depeg)
        this.oraclePrice[i] = peg.global ? this.reference[i] : fair
      } else {
        const shock = this.shocks[i]
        this.reference[i] = this.startPrice[i] * (1 + (shock ? shock.at(t) : 0))
        this.oraclePrice[i] = this.reference[i]
      }
      const w = this.withdrawals[i]
      this.depthMultiplier[i] = w ? w.at(t) : 1
    }
  }

  /**
   * The venue's mark: the book's mid (exogenous path plus endogenous impact), or, under an
   * index-anchored rule (docs/VENUE-RULES.md §5.2), the median of the index plus the venue's
   * averaged basis (mid - index), the mid, and the index itself (Hyperliquid: the other venues'
   * mids; Binance: the index with its funding term, which is not modelled). The index is the
   * exogenous path here. So the mark follows this venue's book only as far as the average has
   * absorbed it: one step's forced sales move the book at once, the mark by a fraction of that.
   * Pegged assets keep the book's mid: a collateral's own market is what a venue prices it by.
   */
  mark(asset: AssetRef): number {
    const i = this.at(asset)
    if (this.markKnown[i] === 1) return this.markValue[i]
    const mid = this.mid(i)
    const b = this.basis
    const mark = b === null || this.books[i] === null || this.pegs[i] !== null ? mid : medianOfThree(this.oraclePrice[i] + b.value[i], mid, this.reference[i])
    this.markValue[i] = mark
    this.markKnown[i] = 1
    return mark
  }

  /** The book's mid: where an order starts walking (the mark unless the venue's mark is index-anchored). */
  bookMid(asset: AssetRef): number {
    return this.mid(this.at(asset))
  }

  private mid(i: number): number {
    const book = this.books[i]
    return book ? this.reference[i] * (1 + book.displacement) : this.reference[i]
  }

  /** The external reference (index/oracle): the exogenous path, untouched by this venue's flow. */
  oracle(asset: AssetRef): number {
    return this.oraclePrice[this.at(asset)]
  }

  /** The exogenous price the book is anchored to (differs from the oracle during a venue-local depeg). */
  referencePrice(asset: AssetRef): number {
    return this.reference[this.at(asset)]
  }

  /**
   * What the venue values collateral at: its own book (mark) or the oracle, per scenario; an asset
   * with a collateral rule at its peg value (`conversion`: WBETH at ETH's index x its conversion
   * rate) or never below `floor` x its peg value (docs/MODEL.md §3).
   */
  collateralPrice(asset: AssetRef): number {
    const i = this.at(asset)
    const price = this.collateralPricing === 'book' ? this.mark(i) : this.oraclePrice[i]
    const rule = this.collateralRules[i]
    const peg = this.pegs[i]
    if (!rule || !peg) return price
    const fair = (peg.target < 0 ? 1 : this.oraclePrice[peg.target]) * peg.ratio
    return rule.method === 'conversion' ? fair : Math.max(price, rule.floor * fair)
  }

  /** Depth multiplier from maker withdrawal now (1 = full depth). */
  withdrawal(asset: AssetRef): number {
    return this.depthMultiplier[this.at(asset)]
  }

  /** Mark relative to the exogenous reference, minus one (negative after sales). */
  impact(asset: AssetRef): number {
    return this.books[this.at(asset)]?.displacement ?? 0
  }

  /** For a pegged asset, how far the venue's mark sits below its peg value (0 when unpegged or at peg). */
  depeg(asset: AssetRef): number {
    const i = this.at(asset)
    const peg = this.pegs[i]
    if (!peg) return 0
    const fair = (peg.target < 0 ? 1 : this.oraclePrice[peg.target]) * peg.ratio
    return 1 - this.mark(i) / fair
  }

  hasBook(asset: AssetRef): boolean {
    return this.books[this.at(asset)] !== null
  }

  /** Matching is halted on the asset: its circuit breaker tripped, or the venue is in an outage. */
  isHalted(asset: AssetRef): boolean {
    return this.inOutage() || (this.breakers[this.at(asset)]?.isHalted(this.now) ?? false)
  }

  /** The venue matches nothing now (a scenario `outages` window). */
  inOutage(): boolean {
    for (const o of this.outages) if (this.now >= o.from && this.now < o.to) return true
    return false
  }

  /** Times (seconds) at which the asset's circuit breaker tripped. */
  haltTimes(asset: AssetRef): readonly number[] {
    return this.breakers[this.at(asset)]?.trips ?? []
  }

  /** USD resting on one side within relative distance x of the current mid, after withdrawal. */
  depthAt(asset: AssetRef, x: number, side: 'bid' | 'ask' = 'bid'): number {
    const i = this.at(asset)
    const book = this.books[i]
    return book ? book.depthWithin(x, side, this.depthMultiplier[i]) : Infinity
  }

  /** Sells base worth `usd` at the current mid into the bids. */
  sell(asset: AssetRef, usd: number): Fill {
    const i = this.at(asset)
    return this.trade(i, 'sell', checkedAmount(usd) / this.mid(i))
  }

  /** Buys base worth `usd` at the current mid from the asks. */
  buy(asset: AssetRef, usd: number): Fill {
    const i = this.at(asset)
    return this.trade(i, 'buy', checkedAmount(usd) / this.mid(i))
  }

  /** Sells `qty` base units (what a liquidation does). */
  sellQty(asset: AssetRef, qty: number): Fill {
    return this.trade(this.at(asset), 'sell', checkedAmount(qty))
  }

  /** Buys `qty` base units (a short's liquidation). */
  buyQty(asset: AssetRef, qty: number): Fill {
    return this.trade(this.at(asset), 'buy', checkedAmount(qty))
  }

  /**
   * Walks the book as `sellQty` / `buyQty` of `qty` would and keeps the walk only if `accept`
   * takes its average price: the crowd's liquidation batch checks its fund at that price first
   * (docs/CASCADE-NOTES.md "Fast path"), in one walk. Null: refused, the book, the mark and the
   * circuit breaker are as they were. A halted market trades nothing and says so, as a trade does.
   */
  tradeIf(asset: AssetRef, side: OrderSide, qty: number, accept: (avgPrice: number) => boolean): Fill | null {
    const i = this.at(asset)
    const book = this.books[i]
    const saved = book ? book.displacement : 0
    const fill = this.trade(i, side, checkedAmount(qty), false)
    if (fill.halted) return fill
    if (!accept(fill.avgPrice)) {
      book?.restore(saved)
      this.markKnown[i] = 0
      return null
    }
    if (fill.qty > 0 && book) this.breakers[i]?.observe(this.now, fill.midAfter)
    return fill
  }

  /**
   * Base units that can be traded on `side` before the mid reaches `limitPrice`: the size of an
   * IOC order limited at that price (a liquidation order limited at the bankruptcy price, docs/VENUE-RULES.md
   * §1.4). 0 when the mid is already at or beyond the limit, or matching is halted; Infinity when
   * the asset has no book (it trades at its reference) or a sale is limited at a price <= 0.
   */
  qtyToPrice(asset: AssetRef, side: OrderSide, limitPrice: number): number {
    const i = this.at(asset)
    if (this.isHalted(i)) return 0
    const book = this.books[i]
    if (!book) return Infinity
    const mid = this.mid(i)
    if (side === 'sell') {
      if (!(limitPrice > 0)) return Infinity
      if (limitPrice >= mid) return 0
      return book.depthWithin(1 - limitPrice / mid, 'bid', this.depthMultiplier[i]) / this.reference[i]
    }
    if (limitPrice <= mid) return 0
    if (limitPrice === Infinity) return Infinity
    return book.depthWithin(limitPrice / mid - 1, 'ask', this.depthMultiplier[i]) / this.reference[i]
  }

  private trade(i: number, side: OrderSide, qty: number, commit = true): Fill {
    const midBefore = this.mid(i)
    const halted = this.isHalted(i)
    const book = this.books[i]
    if (qty === 0 || halted) {
      return { asset: i, side, qty: 0, usd: 0, avgPrice: midBefore, midBefore, midAfter: midBefore, slippage: 0, halted }
    }
    if (!book) {
      return { asset: i, side, qty, usd: qty * midBefore, avgPrice: midBefore, midBefore, midAfter: midBefore, slippage: 0, halted }
    }
    const reference = this.reference[i]
    const walk = side === 'sell' ? book.sell(qty * reference, reference, this.depthMultiplier[i]) : book.buy(qty * reference, reference, this.depthMultiplier[i])
    this.markKnown[i] = 0
    const midAfter = this.mid(i)
    // An average over the walk lies between its ends; clamping only absorbs rounding on dust orders.
    const avgPrice = Math.min(Math.max(walk.usd / qty, Math.min(midBefore, midAfter)), Math.max(midBefore, midAfter))
    if (commit) this.breakers[i]?.observe(this.now, midAfter)
    return { asset: i, side, qty, usd: walk.usd, avgPrice, midBefore, midAfter, slippage: Math.abs(avgPrice / midBefore - 1), halted }
  }
}

function pegState(a: AssetSpec, i: number): PegState | null {
  if (!a.peg) return null
  if (a.peg.target >= i) throw new RangeError(`${a.name}: a peg's target must come before it in the asset list`)
  return {
    target: a.peg.target,
    ratio: a.peg.ratio,
    depeg: a.peg.depeg ? new PiecewiseLinearPath(a.peg.depeg) : null,
    global: a.peg.scope === 'global',
  }
}

function medianOfThree(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c))
}

function checkedAmount(v: number): number {
  if (!(v >= 0) || v === Infinity) throw new RangeError(`order size must be a finite number >= 0, got ${v}`)
  return v
}
