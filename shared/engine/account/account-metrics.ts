// Account-level sums of `cascade metrics` (docs/MODEL.md §2): wallet balance (wallet - loans at
// prices), unrealized PnL, margin balance, maintenance margin, gross notional, and for portfolio
// mode the unified account whose uniMMR and liquidation prices unified.ts computes.
import type { Book } from './account-book'
import { USD } from '../../model/venue'
import { approxNumber, compare, dec, ONE, ZERO, type Dec } from '../../decimal'
import { uniMmr, type UnifiedAccount, type UnifiedAsset, type UniMmrFigures } from './unified'
import { add, mul, sub } from './exact-ops'

export interface AccountSums {
  walletBalance: Dec
  unrealizedPnl: Dec
  marginBalance: Dec
  positionMm: Dec
  maintenanceMargin: Dec
  grossNotional: Dec
  unified: { account: UnifiedAccount; figures: UniMmrFigures } | null
  /**
   * Portfolio mode: liquidation and bankruptcy price per base asset (shared by its positions), in
   * USD and in each quote they are shown in.
   */
  byBase: Map<string, { lp: Dec | null; bp: Dec | null; direction: string | null; inQuote: Map<Dec, { liquidationPrice: Dec | null; bankruptcyPrice: Dec | null }> }>
  /**
   * Account figures in one quote currency, computed once per quote price (usually just 1). Keyed
   * by the price's Decimal: the book holds one per asset, shared by every contract quoted in it.
   */
  perQuote: Map<Dec, QuoteView>
}

/** Account figures expressed in a contract's quote units: shared by every position quoted in it. */
export interface QuoteView {
  walletBalance: Dec
  marginBalance: Dec
  maintenanceMargin: Dec
  positionMm: Dec
  unrealizedPnl: Dec
  /** WB - MM + UPNL: a position's `WB - TMM1 + UPNL1` is this + its MM - its uPnL. */
  liquidationBase: Dec
  /** `liquidationBase` as an `approxNumber`, for sign tests that skip exact work (metrics-report.ts). */
  liquidationBaseFloat: number
  /** `marginBalance` as an `approxNumber` (the bankruptcy price's sign test, metrics-report.ts). */
  marginBalanceFloat: number
}

/** USD -> quote units; a quote worth exactly 1 USD (the usual case) costs nothing. */
export function inQuote(sums: AccountSums, q: Dec): QuoteView {
  let v = sums.perQuote.get(q)
  if (!v) {
    const conv = (x: Dec) => (q.eq(ONE) ? x : x.div(q))
    const walletBalance = conv(sums.walletBalance)
    const positionMm = conv(sums.positionMm)
    const marginBalance = conv(sums.marginBalance)
    const liquidationBase = sub(marginBalance, positionMm)
    v = {
      walletBalance,
      marginBalance,
      maintenanceMargin: conv(sums.maintenanceMargin),
      positionMm,
      unrealizedPnl: conv(sums.unrealizedPnl),
      liquidationBase,
      liquidationBaseFloat: approxNumber(liquidationBase),
      marginBalanceFloat: approxNumber(marginBalance),
    }
    sums.perQuote.set(q, v)
  }
  return v
}

export const usd = (x: Dec, q: Dec): Dec => (compare(q, ONE) === 0 ? x : x.mul(q))

export function accountSums(book: Book): AccountSums {
  let wb = ZERO
  for (const w of book.wallet) wb = add(wb, mul(w.amount, w.price))
  for (const l of book.loans) wb = sub(wb, mul(l.amount, l.price))
  let upnl = ZERO
  let mm = ZERO
  let gross = ZERO
  for (const p of book.perps) {
    const q = p.quotePrice
    const inUsd = compare(q, ONE) !== 0
    // exact-ops.ts: decimal.js's own sums and products, without its copy of the operand.
    upnl = add(upnl, inUsd ? mul(p.at.unrealizedPnl, q) : p.at.unrealizedPnl)
    mm = add(mm, inUsd ? mul(p.at.maintenanceMargin, q) : p.at.maintenanceMargin)
    gross = add(gross, inUsd ? mul(p.at.notional, q) : p.at.notional)
  }
  const unified = book.marginMode === 'portfolio' ? unifiedAccount(book) : null
  const figures = unified ? uniMmr(unified) : null
  const sums: AccountSums = {
    walletBalance: wb,
    unrealizedPnl: upnl,
    marginBalance: add(wb, upnl),
    positionMm: mm,
    maintenanceMargin: figures ? figures.maintenanceMargin : mm,
    grossNotional: gross,
    unified: unified && figures ? { account: unified, figures } : null,
    byBase: new Map(),
    perQuote: new Map(),
  }
  return sums
}

/** Each asset pegged to a priced asset (not USD), with the asset at the end of its peg chain. */
function peggedTo(pegs: Book['venue']['pegs']): Map<string, string> {
  const out = new Map<string, string>()
  for (const asset of Object.keys(pegs)) {
    let at = asset
    // A chain is short (a staking token on its asset); the bound only guards against a loop.
    for (let i = 0; i < 16 && pegs[at] && pegs[at].to !== USD; i++) at = pegs[at].to
    if (at !== asset && !pegs[at]) out.set(asset, at)
  }
  return out
}

/** Binance PM: each asset's equity = wallet - loan + futures uPnL (in its quote asset), haircut if positive. */
function unifiedAccount(book: Book): UnifiedAccount {
  const assets = new Map<string, UnifiedAsset>()
  const add = (asset: string, units: Dec, price: Dec) => {
    const a = assets.get(asset)
    if (a) a.units = a.units.add(units)
    else assets.set(asset, { units, price, table: book.tables.get(asset) as UnifiedAsset['table'] })
  }
  for (const w of book.wallet) add(w.asset, w.amount, w.price)
  const loans = new Map<string, Dec>()
  for (const l of book.loans) {
    add(l.asset, l.amount.neg(), l.price)
    loans.set(l.asset, (loans.get(l.asset) ?? ZERO).add(l.amount))
  }
  const basePrices = new Map<string, Dec>()
  for (const p of book.perps) {
    add(p.contract.quote, p.at.unrealizedPnl, p.quotePrice)
    basePrices.set(p.contract.base, p.basePrice)
  }
  const loanMmr = book.venue.unified?.loanMmr !== undefined ? dec(book.venue.unified.loanMmr) : ZERO
  // MM now: each position's (already computed) plus the loans'.
  let maintenanceMargin = ZERO
  for (const p of book.perps) maintenanceMargin = maintenanceMargin.add(usd(p.at.maintenanceMargin, p.quotePrice))
  for (const [asset, units] of loans) maintenanceMargin = maintenanceMargin.add(units.mul(loanMmr).mul((assets.get(asset) as UnifiedAsset).price))
  return {
    assets,
    loans,
    loanMmr,
    basePrices,
    maintenanceMargin,
    movesWith: peggedTo(book.venue.pegs),
    positions: book.perps.map((p) => ({
      base: p.contract.base,
      quote: p.contract.quote,
      sign: p.sign,
      qty: p.qty,
      rows: p.rows,
      quotePrice: p.quotePrice,
      inverseQty: p.inverseQty,
      mmNow: usd(p.at.maintenanceMargin, p.quotePrice),
    })),
  }
}
