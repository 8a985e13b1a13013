// What the user's account holds during a run, and how each holding is priced and booked: the book
// as the exact engine builds it (account-book.ts `buildBook`: contracts, derived bracket rows,
// collateral tiers, loops expanded by the loop builder) turned into float64 state (positions,
// wallet, loans, DeFi legs), each asset's price reference (through the profile's pegs), the cash
// movements every other user module goes through, and the user's part of the ledger.
// Collateral is priced at `market.collateralPrice`, DeFi legs at the oracle (Aave prices from its
// own feeds, not the venue's book: VENUES.md §4.1).
import type { Side } from '../../model/portfolio'
import { USD, type LendingParams, type Peg } from '../../model/venue'
import type { Book } from '../account/account-book'
import { chooseEMode, reserveTerms } from '../account/defi'
import type { Market } from '../market'
import type { RunContext } from './context'
import type { LedgerTotals, NamedAccount } from './ledger'
import { floatBrackets, floatTiers, maintenanceMarginF, type FloatBracket, type FloatTierTable } from './mirrors'

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

export class UserHoldings {
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

  constructor(
    readonly ctx: RunContext,
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
