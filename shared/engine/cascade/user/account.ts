// The user's account during a run (account `user`), the first stage of its flow; the others are
// adl.ts (its positions in the ADL queues), margin.ts (margin calls and liquidations, with
// defi.ts for its DeFi positions) and causes.ts (what a user event cites). This stage owns:
// - holdings: the book as the exact engine builds it (account-book.ts `buildBook`: contracts,
//   derived bracket rows, collateral tiers, loops expanded by the loop builder) turned into
//   float64 state (positions, wallet, loans, DeFi legs), each asset's price reference (through the
//   profile's pegs), the cash movements every other stage goes through, and the user's part of
//   the ledger. Collateral is priced at `market.collateralPrice`, DeFi legs at the oracle (Aave
//   prices from its own feeds, not the venue's book: docs/VENUE-RULES.md §4.1);
// - valuation: one look at the account (`measure`: equity, MM, uniMMR, the normalised margin
//   ratio), in float64 mirrors of metrics-report.ts (tested against `computeMetrics` at the start);
// - the record: what happened to it (event ids and loss tallies the summary reads).
// docs/CASCADE-NOTES.md "The user's account" has the rules.
import type { Side } from '../../../model/portfolio'
import { USD, type LendingParams, type Peg } from '../../../model/venue'
import type { Book } from '../../account/account-book'
import { chooseEMode, reserveTerms } from '../../account/defi'
import type { Market } from '../../market'
import type { LedgerTotals, NamedAccount } from '../ledger'
import { adjustedValueF, floatBrackets, floatTiers, maintenanceMarginF, type FloatBracket, type FloatTierTable } from '../mirrors'
import { AccountAggregates } from './aggregates'
import { RiskOrder } from './risk-order'
import type { RunRules } from '../rules'

/** What the account reads of the run: prices and the venue's rules. */
export interface UserAccountDeps {
  readonly market: Market
  readonly rules: RunRules
}

/** The figures of one look at the account. */
export interface UserFigures {
  /** Exchange account: wallet at collateral prices (no haircut) - loans + uPnL. */
  exchangeEquity: number
  /** DeFi positions at the oracle: supplies - borrows. */
  defiEquity: number
  equity: number
  walletBalance: number
  unrealizedPnl: number
  maintenanceMargin: number
  /** 1 = the liquidation line (cross: MM / margin balance; portfolio: liquidationRatio / uniMMR; isolated: worst position). */
  marginRatio: number
  uniMMR: number
  grossNotional: number
  effectiveLeverage: number
}

/** How an asset is priced: `ratio x` the price of market asset `index`, or of USD when index < 0. */
export interface PriceRef {
  index: number
  ratio: number
}

export interface UserPosition {
  /** Index in the portfolio's positions. */
  index: number
  id: string
  symbol: string
  side: Side
  sign: 1 | -1
  /** Base asset's market index. */
  asset: number
  quote: string
  qty: number
  /** Q x EP of what is still open. */
  entryNotional: number
  rows: FloatBracket[]
  isolatedMargin: number | null
  open: boolean
  /** Lights at the last look (for the ADL event and the series). */
  lights: number
  /** Run time of that look. */
  lightsAt: number
}

export interface LendingLeg {
  asset: string
  ref: PriceRef
  units: number
  /** Liquidation threshold (supplies), from `reserveTerms` with the position's e-mode. */
  lt: number
}

export interface UserLending {
  id: string
  params: LendingParams
  supplies: LendingLeg[]
  borrows: LendingLeg[]
  calling: boolean
  callEvent: number
}

/** Follows pegs from an asset the market does not price to one it does (or to USD). */
export function priceRefOf(asset: string, market: Market, pegs: Record<string, Peg>): PriceRef | null {
  let ratio = 1
  let at = asset
  for (let depth = 0; depth < 16; depth++) {
    const i = market.assetIndex(at)
    if (i >= 0) return { index: i, ratio }
    const peg = pegs[at]
    if (!peg) return null
    ratio *= Number(peg.ratio)
    if (peg.to === USD) return { index: -1, ratio }
    at = peg.to
  }
  return null
}

const HALF_ULP = Number.EPSILON / 2

export class UserAccount {
  readonly mode: Book['marginMode']
  readonly positions: UserPosition[]
  /** Gross units per asset (realised PnL lands in the contract's quote asset). */
  readonly wallet = new Map<string, number>()
  readonly loans = new Map<string, number>()
  readonly refs = new Map<string, PriceRef>()
  /** Assets counted as cash: quote stablecoins at 1 (docs/CASCADE-NOTES.md "Ledger"). */
  readonly cash = new Set<string>()
  readonly tables = new Map<string, FloatTierTable>()
  readonly lending: UserLending[]
  /** The positions' sums per asset, kept as marks move (aggregates.ts): what a round's check reads. */
  readonly aggregates: AccountAggregates
  private readonly riskOrder: RiskOrder<UserPosition>

  // The record: margin-call state and what happened to the account.
  calling = false
  liquidated = false
  bankrupt = false
  /** Event ids: margin calls, liquidations and ADL of the user, in order. */
  readonly callEvents: number[] = []
  readonly liquidationEvents: number[] = []
  readonly adlEvents: number[] = []
  /** Loss tallies (USD). */
  fees = 0
  slippage = 0
  profitLostToAdl = 0
  /** Insurance top-ups of a negative balance. */
  topUps = 0
  readonly adlRecords: { eventId: number; t: string; position: string; qty: number; price: number; profitLost: number }[] = []

  constructor(
    readonly ctx: UserAccountDeps,
    book: Book | null,
    pegs: Record<string, Peg>,
  ) {
    const market = ctx.market
    this.mode = book?.marginMode ?? 'cross'
    const quotes = new Set<string>()
    this.positions = (book?.perps ?? []).map((p) => {
      quotes.add(p.contract.quote)
      return {
        index: p.index,
        id: p.id,
        symbol: p.symbol,
        side: p.side,
        sign: p.sign,
        asset: market.assetIndex(p.contract.base),
        quote: p.contract.quote,
        qty: p.qty.toNumber(),
        entryNotional: p.entryNotional.toNumber(),
        rows: floatBrackets(p.rows),
        isolatedMargin: p.isolatedMargin === null ? null : p.isolatedMargin.toNumber(),
        open: true,
        lights: 0,
        lightsAt: -Infinity,
      }
    })
    this.aggregates = new AccountAggregates(this.positions)
    this.riskOrder = new RiskOrder(this.positions)
    const ref = (asset: string): PriceRef => {
      let r = this.refs.get(asset)
      if (!r) {
        r = priceRefOf(asset, market, pegs) ?? { index: -1, ratio: 1 }
        this.refs.set(asset, r)
        if (quotes.has(asset) || (r.index < 0 && r.ratio === 1)) this.cash.add(asset)
      }
      return r
    }
    for (const q of quotes) ref(q)
    for (const w of book?.wallet ?? []) {
      ref(w.asset)
      this.wallet.set(w.asset, (this.wallet.get(w.asset) ?? 0) + w.amount.toNumber())
    }
    for (const l of book?.loans ?? []) {
      ref(l.asset)
      this.loans.set(l.asset, (this.loans.get(l.asset) ?? 0) + l.amount.toNumber())
    }
    for (const q of quotes) if (!this.wallet.has(q)) this.wallet.set(q, 0)
    if (book) for (const [asset, table] of book.tables) this.tables.set(asset, floatTiers(table))
    this.lending = (book?.lending ?? []).map((l) => {
      const eMode = chooseEMode(l.params, l.position)
      return {
        id: l.id,
        params: l.params,
        supplies: l.position.supplies.map((s) => ({ asset: s.asset, ref: ref(s.asset), units: s.amount.toNumber(), lt: reserveTerms(l.params, s.asset, eMode).liquidationThreshold.toNumber() })),
        borrows: l.position.borrows.map((b) => ({ asset: b.asset, ref: ref(b.asset), units: b.amount.toNumber(), lt: 0 })),
        calling: false,
        callEvent: 0,
      }
    })
  }

  get hasAnything(): boolean {
    return this.positions.length > 0 || this.wallet.size > 0 || this.lending.length > 0
  }

  /** USD price of an asset as the venue values collateral (its book or the oracle). */
  price(asset: string): number {
    const r = this.refs.get(asset) as PriceRef
    return r.index < 0 ? r.ratio : r.ratio * this.ctx.market.collateralPrice(r.index)
  }

  /** USD price of an asset as a lending protocol's oracle sees it. */
  oraclePrice(asset: string): number {
    const r = this.refs.get(asset) as PriceRef
    return r.index < 0 ? r.ratio : r.ratio * this.ctx.market.oracle(r.index)
  }

  markOf(p: UserPosition): number {
    return this.ctx.market.mark(p.asset)
  }

  upnl(p: UserPosition, mark = this.markOf(p)): number {
    return p.sign * (p.qty * mark - p.entryNotional)
  }

  mm(p: UserPosition, mark = this.markOf(p)): number {
    return p.open ? maintenanceMarginF(p.rows, p.qty * mark) : 0
  }

  /** Wallet at collateral prices less loans, no haircut (metrics-report.ts `accountSums`). */
  walletBalance(): number {
    let wb = 0
    for (const [asset, units] of this.wallet) wb += units * this.price(asset)
    for (const [asset, units] of this.loans) wb -= units * this.price(asset)
    return wb
  }

  /** Closes q of a position at p against `counter`: realised PnL to the quote asset. */
  closePosition(p: UserPosition, q: number, price: number, counter: NamedAccount): void {
    // Whether it closes whole is decided below as it was before the aggregates (same arithmetic).
    const left = p.qty - q
    this.aggregates.closing(p, !(left > 1e-12 * (left + q)))
    const qtyBefore = p.qty
    const entryBefore = p.entryNotional
    const ep = p.entryNotional / p.qty
    const realised = p.sign * q * (price - ep)
    this.wallet.set(p.quote, (this.wallet.get(p.quote) ?? 0) + realised)
    p.entryNotional -= q * ep
    p.qty -= q
    counter.takePerp(p.asset, p.sign * q, price)
    if (!(p.qty > 1e-12 * (p.qty + q))) {
      p.qty = 0
      p.entryNotional = 0
      p.open = false
      p.lights = 0
    }
    this.aggregates.closed(p, qtyBefore - p.qty, entryBefore - p.entryNotional)
    this.riskOrder.closed(p)
  }

  /** Cash paid to the user (a deficit covered at mark, an insurance top-up). */
  receiveCash(amount: number): void {
    const quote = this.cashAsset()
    this.wallet.set(quote, (this.wallet.get(quote) ?? 0) + amount)
  }

  /** Cash paid by the user (fees, a surplus to the fund). */
  payFromWallet(amount: number, to: NamedAccount): void {
    if (amount === 0) return
    const q = this.cashAsset()
    this.wallet.set(q, (this.wallet.get(q) ?? 0) - amount)
    to.cash += amount
  }

  /** The asset the account pays and is paid in: its first contract's quote, else its first cash asset. */
  cashAsset(): string {
    if (this.positions.length) return this.positions[0].quote
    for (const a of this.cash) return a
    return 'USDT'
  }

  /**
   * The open positions' uPnL from the aggregates' held sums: `measure().unrealizedPnl` to within
   * rounding, without a pass over the positions, and a function of the run's closes alone. A
   * liquidation's bankruptcy price needs it for every position it closes; summed one by one that
   * was O(n^2) for a book liquidated position by position.
   */
  unrealizedPnl(): number {
    return this.aggregates.heldUpnl(this.markAt)
  }

  /** The open position of largest maintenance margin, the first of equals: what a cross liquidation closes next (risk-order.ts). */
  riskiest(): UserPosition | undefined {
    return this.riskOrder.riskiest(this.markAt)
  }

  /** One look at the account at the market's current prices. */
  measure(): UserFigures {
    let upnl = 0
    let mm = 0
    let gross = 0
    let worstIsolated = 0
    for (const p of this.positions) {
      if (!p.open) continue
      const mark = this.markOf(p)
      const u = this.upnl(p, mark)
      const m = maintenanceMarginF(p.rows, p.qty * mark)
      upnl += u
      mm += m
      gross += p.qty * mark
      if (p.isolatedMargin !== null) {
        const eq = p.isolatedMargin + u
        worstIsolated = Math.max(worstIsolated, eq > 0 ? m / eq : Infinity)
      }
    }
    const wb = this.walletBalance()
    const marginBalance = wb + upnl
    let defi = 0
    for (const l of this.lending) {
      for (const s of l.supplies) defi += s.units * this.oraclePrice(s.asset)
      for (const b of l.borrows) defi -= b.units * this.oraclePrice(b.asset)
    }
    let uniMMR = Infinity
    let ratio: number
    const unified = this.ctx.rules.unified
    if (this.mode === 'portfolio' && unified) {
      const u = this.unifiedFigures()
      uniMMR = u.uniMMR
      mm = u.mm
      ratio = u.adjusted > 0 ? (unified.liquidationRatio * u.mm) / u.adjusted : u.mm > 0 ? Infinity : 0
    } else if (this.mode === 'isolated') ratio = worstIsolated
    else ratio = mm === 0 ? 0 : marginBalance > 0 ? mm / marginBalance : Infinity
    return {
      exchangeEquity: marginBalance,
      defiEquity: defi,
      equity: marginBalance + defi,
      walletBalance: wb,
      unrealizedPnl: upnl,
      maintenanceMargin: mm,
      marginRatio: ratio,
      uniMMR,
      grossNotional: gross,
      effectiveLeverage: marginBalance > 0 ? gross / marginBalance : gross > 0 ? Infinity : 0,
    }
  }

  /**
   * An interval sure to hold `measure().marginRatio`, from the aggregates (no pass over the
   * positions): what `UserMargin.check` decides on when the interval is clear of its lines. Null
   * when it cannot say: isolated margin (each position has its own ratio), or a margin balance
   * (adjusted equity) that rounding could put at or below zero.
   */
  marginRatioBounds(): { lo: number; hi: number } | null {
    if (this.mode === 'isolated') return null
    const n = this.positions.length
    // Portfolio margin's rules, or null: cross margin.
    const unified = this.mode === 'portfolio' ? this.ctx.rules.unified : null
    const s = this.aggregates.sums(this.markAt, n, unified !== null)
    const k = 4 * (n + 8) * HALF_ULP
    if (unified) {
      // unifiedFigures, with each quote asset's uPnL from the aggregates: the adjusted value moves
      // by at most price x max(1, collateral ratio) per unit, plus its own rounding.
      let adjusted = 0
      let adjustedError = 0
      let loanValue = 0
      for (const [asset, gross] of this.wallet) {
        const loan = this.loans.get(asset) ?? 0
        const base = gross - loan
        const q = s.upnlByQuote?.get(asset)
        const units = q ? base + q.upnl : base
        const e = q ? q.error + k * Math.abs(base) : 0
        const price = this.price(asset)
        const value = this.adjustedValue(asset, units)
        adjusted += value
        adjustedError += price * this.steepest(asset) * e + 16 * HALF_ULP * (Math.abs(units) + e) * price * 8 + k * Math.abs(value)
        loanValue += (loan + Math.max(0, -gross)) * price
      }
      for (const [asset, loan] of this.loans) {
        if (this.wallet.has(asset)) continue
        const value = this.adjustedValue(asset, -loan)
        adjusted += value
        adjustedError += k * Math.abs(value)
        loanValue += loan * this.price(asset)
      }
      const mm = s.mm + loanValue * unified.loanMmr
      const mmError = s.mmError + k * Math.abs(mm)
      // Nothing left to cover a margin that is surely there: the ratio is Infinity.
      if (adjusted + adjustedError <= 0 && mm - mmError > 0) return { lo: Infinity, hi: Infinity }
      if (!(adjusted - adjustedError > 0)) return null
      const lr = unified.liquidationRatio
      return {
        lo: ((lr * Math.max(0, mm - mmError)) / (adjusted + adjustedError)) * (1 - 16 * HALF_ULP),
        hi: ((lr * (mm + mmError)) / (adjusted - adjustedError)) * (1 + 16 * HALF_ULP),
      }
    }
    const wb = this.walletBalance()
    const mb = wb + s.upnl
    const mbError = s.upnlError + k * (Math.abs(wb) + Math.abs(mb))
    if (mb + mbError < 0 && s.mm - s.mmError > 0) return { lo: Infinity, hi: Infinity }
    if (!(mb - mbError > 0)) {
      // A margin balance within rounding of zero (an account drained to its bankruptcy, as one
      // whose positions are liquidated one by one is after each): the ratio is MM / mb when mb > 0,
      // else Infinity, so with MM surely positive it is at least MM's low over mb's high either way.
      // Without this, liquidating such an account measured it whole after every position.
      if (s.mm - s.mmError > 0 && mb + mbError > 0) return { lo: ((s.mm - s.mmError) / (mb + mbError)) * (1 - 16 * HALF_ULP), hi: Infinity }
      return null
    }
    return {
      lo: (Math.max(0, s.mm - s.mmError) / (mb + mbError)) * (1 - 16 * HALF_ULP),
      hi: ((s.mm + s.mmError) / (mb - mbError)) * (1 + 16 * HALF_ULP),
    }
  }

  /** An interval sure to hold `measure().exchangeEquity`, from the aggregates (no pass over the positions). */
  exchangeEquityBounds(): { lo: number; hi: number } {
    const n = this.positions.length
    const s = this.aggregates.sums(this.markAt, n)
    const wb = this.walletBalance()
    const mb = wb + s.upnl
    const error = s.upnlError + 4 * (n + 8) * HALF_ULP * (Math.abs(wb) + Math.abs(mb))
    return { lo: mb - error, hi: mb + error }
  }

  /** The largest rate at which an asset's adjusted value grows with its units, per unit of price. */
  private steepest(asset: string): number {
    let s = this.steepestOf.get(asset)
    if (s === undefined) {
      const table = this.tables.get(asset)
      s = table ? Math.max(1, ...table.ratios) : 1
      this.steepestOf.set(asset, s)
    }
    return s
  }

  /** `steepest` per asset (the tables do not change during a run). */
  private readonly steepestOf = new Map<string, number>()
  /** The market's mark by asset index, for the aggregates (one function for the run, not one per look). */
  private readonly markAt = (a: number): number => this.ctx.market.mark(a)

  /**
   * Mirrors metrics-report.ts `unifiedAccount` + unified.ts `uniMmr`: each asset's units are wallet
   * - loans (+ uPnL for the quote asset), adjusted by its tiers; MM = positions' MM + loanMmr x
   * loans. A negative gross balance (realised losses) is a loan too: Binance PM borrows it.
   */
  unifiedFigures(): { adjusted: number; mm: number; uniMMR: number } {
    const u = this.ctx.rules.unified
    let adjusted = 0
    let loanValue = 0
    let mm = 0
    // Futures uPnL is part of its quote asset's equity (Binance PM): each wallet asset's units
    // start at wallet - loans and take its positions' uPnL in position order (one pass for all).
    const units = new Map<string, number>()
    for (const [asset, gross] of this.wallet) units.set(asset, gross - (this.loans.get(asset) ?? 0))
    for (const p of this.positions) {
      if (!p.open) continue
      const v = units.get(p.quote)
      if (v !== undefined) units.set(p.quote, v + this.upnl(p))
    }
    for (const [asset, gross] of this.wallet) {
      const loan = this.loans.get(asset) ?? 0
      adjusted += this.adjustedValue(asset, units.get(asset) as number)
      loanValue += (loan + Math.max(0, -gross)) * this.price(asset)
    }
    for (const [asset, loan] of this.loans) {
      if (this.wallet.has(asset)) continue
      adjusted += this.adjustedValue(asset, -loan)
      loanValue += loan * this.price(asset)
    }
    for (const p of this.positions) if (p.open) mm += maintenanceMarginF(p.rows, p.qty * this.markOf(p))
    mm += loanValue * (u?.loanMmr ?? 0)
    return { adjusted, mm, uniMMR: mm === 0 ? Infinity : adjusted / mm }
  }

  /** Adjusted value of `units` of an asset (buildBook gives every asset of a portfolio-margin book a table, or refuses it). */
  private adjustedValue(asset: string, units: number): number {
    const table = this.tables.get(asset)
    const price = this.price(asset)
    return table ? adjustedValueF(table, units, price) : units <= 0 ? units * price : 0
  }

  /** The user's part of the ledger (conservation test). */
  addTotals(t: LedgerTotals): void {
    const add = (asset: string, units: number) => {
      if (this.cash.has(asset)) {
        t.cash += units
        return
      }
      const i = this.ctx.market.assetIndex(asset)
      if (i >= 0) t.assets[i] += units
      else t.extra.set(asset, (t.extra.get(asset) ?? 0) + units)
    }
    for (const [asset, units] of this.wallet) add(asset, units)
    for (const [asset, units] of this.loans) add(asset, -units)
    for (const p of this.positions) {
      t.perp[p.asset] += p.sign * p.qty
      t.perpGross[p.asset] += p.qty
      t.cash -= p.sign * p.entryNotional
      t.scale = Math.max(t.scale, p.entryNotional)
    }
    for (const l of this.lending) {
      for (const s of l.supplies) add(s.asset, s.units)
      for (const b of l.borrows) add(b.asset, -b.units)
    }
  }
}
