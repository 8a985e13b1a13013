// The user's account during a run (account `user`): the book as the exact engine builds it
// (book.ts `buildBook`: contracts, derived bracket rows, collateral tiers, loops expanded by the
// loop builder), then valued every round in float64 mirrors at the market's marks, collateral at
// `market.collateralPrice`, DeFi positions at the oracle (Aave prices from its own feeds, not the
// venue's book: VENUES.md §4.1).
//
// Margin modes (docs/CASCADE-NOTES.md "The user's account"):
// - cross: margin ratio = MM / (WB + uPnL); margin call at 80%, liquidation at 100%. Positions are
//   closed one at a time, largest maintenance margin first, until the ratio is under 100% again
//   (Binance: "If the user is margin compliant after ... the liquidation will stop");
// - isolated: the same per position on its isolated margin; a liquidated position's margin is gone
//   (its surplus over bankruptcy goes to the fund, like the crowd's);
// - portfolio: uniMMR = adjusted equity / MM (VENUES.md §3.1); margin call at the reduce-only
//   ratio (1.20), liquidation at the liquidation ratio (1.05), of the whole account (ENGINE.md
//   §5.4): every position closed (largest MM first), then loans and negative balances repaid by
//   selling collateral in the profile's order, each sale through its book.
// The series' margin ratio is normalised so that 1 is the liquidation line in every mode
// (portfolio: liquidationRatio / uniMMR).
import type { Side } from '../../model/portfolio'
import { USD, type Peg } from '../../model/venue'
import { liquidateAaveStep } from '../aave-liquidation'
import type { Book } from '../account-book'
import { dec, type Dec } from '../decimal'
import { chooseEMode, reserveTerms } from '../defi'
import type { Market } from '../market'
import type { LendingParams } from '../../model/venue'
import { LIGHTS_SECONDS, type AdlMatch, type SpecialMember } from './adl-queue'
import { liquidationKey, type RunContext } from './context'
import { plain, price as fmtPrice, qty as fmtQty, ratio as fmtRatio, usd } from './format'
import type { LedgerTotals, NamedAccount } from './ledger'
import { adjustedValueF, adlScoreF, bankruptcyPriceF, floatBrackets, floatTiers, healthFactorF, maintenanceMarginF, type FloatBracket, type FloatTierTable } from './mirrors'
import type { OrderResult } from './waterfall'

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

interface LendingLeg {
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

export const MARGIN_CALL_RATIO = 0.8
/** A margin call ends when the ratio is back under this share of its threshold (hysteresis). */
const CALL_RESET = 0.9
/** Aave health factor at which the user's DeFi position gets a margin call. */
export const DEFI_CALL_HF = 1.05

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
  private readonly callRatio: number
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
    private readonly ctx: RunContext,
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
    const u = ctx.rules.unified
    this.callRatio = this.mode === 'portfolio' && u ? u.liquidationRatio / u.callRatio : MARGIN_CALL_RATIO
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
    if (this.mode === 'portfolio' && this.ctx.rules.unified) {
      const u = this.unifiedFigures()
      uniMMR = u.uniMMR
      mm = u.mm
      ratio = u.adjusted > 0 ? (this.ctx.rules.unified.liquidationRatio * u.mm) / u.adjusted : u.mm > 0 ? Infinity : 0
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
   * Mirrors metrics-report.ts `unifiedAccount` + unified.ts `uniMmr`: each asset's units are wallet
   * - loans (+ uPnL for the quote asset), adjusted by its tiers; MM = positions' MM + loanMmr x
   * loans. A negative gross balance (realised losses) is a loan too: Binance PM borrows it.
   */
  unifiedFigures(): { adjusted: number; mm: number; uniMMR: number } {
    const u = this.ctx.rules.unified
    let adjusted = 0
    let loanValue = 0
    let mm = 0
    for (const [asset, gross] of this.wallet) {
      const loan = this.loans.get(asset) ?? 0
      // Futures uPnL is part of its quote asset's equity (Binance PM).
      let units = gross - loan
      for (const p of this.positions) if (p.open && p.quote === asset) units += this.upnl(p)
      adjusted += this.adjusted(asset, units)
      loanValue += (loan + Math.max(0, -gross)) * this.price(asset)
    }
    for (const [asset, loan] of this.loans) {
      if (this.wallet.has(asset)) continue
      adjusted += this.adjusted(asset, -loan)
      loanValue += loan * this.price(asset)
    }
    for (const p of this.positions) if (p.open) mm += maintenanceMarginF(p.rows, p.qty * this.markOf(p))
    mm += loanValue * (u?.loanMmr ?? 0)
    return { adjusted, mm, uniMMR: mm === 0 ? Infinity : adjusted / mm }
  }

  /** Adjusted value of `units` of an asset (buildBook gives every asset of a portfolio-margin book a table, or refuses it). */
  private adjusted(asset: string, units: number): number {
    const table = this.tables.get(asset)
    const price = this.price(asset)
    return table ? adjustedValueF(table, units, price) : units <= 0 ? units * price : 0
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

  private cashAsset(): string {
    if (this.positions.length) return this.positions[0].quote
    for (const a of this.cash) return a
    return 'USDT'
  }

  /** The method's score of a user position (metrics-report.ts `rankAdl` inputs, float). */
  adlScore(p: UserPosition, fig?: { wb: number; marginBalance: number; mm: number }): number {
    if (!p.open) return Number.NaN
    const mark = this.markOf(p)
    const u = this.upnl(p, mark)
    if (p.isolatedMargin !== null) {
      const m = maintenanceMarginF(p.rows, p.qty * mark)
      return adlScoreF(this.ctx.rules.adlMethod, p.sign, p.qty, p.entryNotional / p.qty, mark, u, p.isolatedMargin, p.isolatedMargin + u, m)
    }
    const f = fig ?? this.scoreInputs()
    return adlScoreF(this.ctx.rules.adlMethod, p.sign, p.qty, p.entryNotional / p.qty, mark, u, f.wb, f.marginBalance, f.mm)
  }

  private scoreInputs(): { wb: number; marginBalance: number; mm: number } {
    const f = this.measure()
    return { wb: f.walletBalance, marginBalance: f.exchangeEquity, mm: f.maintenanceMargin }
  }

  /** Open user positions on (asset, side) in profit: members of that ADL queue. */
  adlMembers(asset: number, side: number): SpecialMember[] {
    const out: SpecialMember[] = []
    let inputs: { wb: number; marginBalance: number; mm: number } | null = null
    this.positions.forEach((p, k) => {
      if (!p.open || p.asset !== asset || p.sign !== side) return
      if (!(this.upnl(p) > 0)) return
      inputs ??= this.scoreInputs()
      const score = this.adlScore(p, inputs)
      if (Number.isNaN(score)) return
      // The lights the position shows as ADL reaches it: its percentile now, not at the last refresh;
      // the series keeps that state (a sample just before the user's first event of the step).
      if (p.lightsAt !== this.ctx.t) {
        p.lights = this.ctx.adl.lights(p.asset, p.sign, score, p.qty, [])
        p.lightsAt = this.ctx.t
      }
      this.ctx.beforeUserEvent()
      out.push({ kind: 'user', position: k, score, qty: p.qty, lights: p.lights })
    })
    return out
  }

  /**
   * Lights of every open position in its queue (series, ADL events), refreshed every 10 s of run
   * time with the series (Binance publishes `adlQuantile` every 30 s); 0 for a position that is
   * closed or not in profit.
   */
  updateLights(): void {
    if (this.positions.length === 0) return
    const t = this.ctx.t
    if (this.positions.every((p) => !p.open || t - p.lightsAt < LIGHTS_SECONDS)) return
    const inputs = this.scoreInputs()
    const scored = this.positions.map((p) => ({ p, score: p.open ? this.adlScore(p, inputs) : Number.NaN }))
    for (const { p, score } of scored) {
      if (p.open && t - p.lightsAt < LIGHTS_SECONDS) continue
      p.lightsAt = t
      if (!p.open || !(this.upnl(p) > 0) || Number.isNaN(score)) {
        p.lights = 0
        continue
      }
      const others = scored.filter((o) => o.p !== p && o.p.open && o.p.asset === p.asset && o.p.sign === p.sign).map((o) => ({ score: o.score, qty: o.p.qty }))
      p.lights = this.ctx.adl.lights(p.asset, p.sign, score, p.qty, others)
    }
  }

  /** The ADL event of a user position (the match is already booked by the waterfall). */
  recordAdl(mt: AdlMatch, price: number, mark: number, causes: number[]): number {
    const p = this.positions[(mt.special as SpecialMember).position]
    const lost = p.sign * mt.qty * (mark - price)
    this.profitLostToAdl += lost
    const lightsBefore = (mt.special as SpecialMember).lights
    const id = this.ctx.log.emit(
      'adl',
      'user',
      {
        position: p.id,
        symbol: p.symbol,
        asset: this.ctx.market.assets[p.asset],
        side: p.side,
        qty: fmtQty(mt.qty),
        price: fmtPrice(price),
        slippage: plain(Math.abs(price / mark - 1), 6),
        amounts: { profitLost: usd(lost), mark: fmtPrice(mark), lights: String(lightsBefore), score: plain((mt.special as SpecialMember).score, 8) },
        note: `${p.id} closed by auto-deleveraging against a bankrupt ${p.sign > 0 ? 'short' : 'long'}`,
      },
      causes,
    )
    this.adlEvents.push(id)
    this.adlRecords.push({ eventId: id, t: this.ctx.log.t, position: p.id, qty: mt.qty, price, profitLost: lost })
    return id
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

  /** Cause ids for a user event about exposure to `assets`: the ADL that hit the user, drivers, crowd impact. */
  private exposureCauses(assets: number[], first: number[]): number[] {
    const out = [...first]
    if (this.adlEvents.length) out.push(this.adlEvents[this.adlEvents.length - 1])
    for (const a of assets) {
      for (const side of [1, -1]) {
        if (this.ctx.log.hasPending(liquidationKey(a, side))) out.push(this.ctx.log.flush(liquidationKey(a, side)) ?? 0)
      }
      out.push(...this.ctx.drivers.drivers(a))
    }
    return out
  }

  /** Market assets the exchange account is exposed to: positions' bases and non-cash wallet assets. */
  private exposure(): number[] {
    const out: number[] = []
    for (const p of this.positions) if (p.open && !out.includes(p.asset)) out.push(p.asset)
    for (const [asset, units] of this.wallet) {
      if (this.cash.has(asset) || units === 0) continue
      const r = this.refs.get(asset) as PriceRef
      if (r.index >= 0 && !out.includes(r.index)) out.push(r.index)
    }
    return out
  }

  /**
   * One look at the account in a round: margin call and liquidation of the exchange account, then
   * the DeFi positions. Returns true when it traded (the round must repeat).
   */
  check(): boolean {
    if (!this.hasAnything) return false
    let acted = false
    if (this.positions.some((p) => p.open) || this.loans.size > 0) acted = this.checkExchange() || acted
    for (const l of this.lending) acted = this.checkLending(l) || acted
    return acted
  }

  private checkExchange(): boolean {
    const f = this.measure()
    if (!this.calling && f.marginRatio >= this.callRatio) {
      this.calling = true
      this.ctx.beforeUserEvent()
      const id = this.ctx.log.emit(
        'margin-call',
        'user',
        {
          amounts: {
            marginRatio: fmtRatio(f.marginRatio),
            ...(Number.isFinite(f.uniMMR) ? { uniMMR: fmtRatio(f.uniMMR) } : {}),
            equity: usd(f.exchangeEquity),
            maintenanceMargin: usd(f.maintenanceMargin),
          },
          note: this.mode === 'portfolio' ? `uniMMR ${plain(f.uniMMR, 4)} at or below the reduce-only line` : `margin ratio ${plain(f.marginRatio * 100, 4)}% at or above ${plain(this.callRatio * 100, 3)}%`,
        },
        this.exposureCauses(this.exposure(), this.callEvents.length ? [this.callEvents[this.callEvents.length - 1]] : []),
      )
      this.callEvents.push(id)
    } else if (this.calling && f.marginRatio < this.callRatio * CALL_RESET) this.calling = false
    if (this.mode === 'isolated') return this.liquidateIsolated()
    if (f.marginRatio < 1) return false
    return this.mode === 'portfolio' ? this.liquidateWhole() : this.liquidateCross()
  }

  /** The order of closing: largest maintenance margin first, ties by position order. */
  private byRisk(): UserPosition[] {
    return this.positions.filter((p) => p.open).sort((a, b) => this.mm(b) - this.mm(a) || a.index - b.index)
  }

  private liquidateCross(): boolean {
    let acted = false
    for (let guard = 0; guard < this.positions.length; guard++) {
      const f = this.measure()
      if (f.marginRatio < 1) break
      const p = this.byRisk()[0]
      if (!p) break
      const r = this.liquidatePosition(p, false)
      if (r.halted) break
      acted = true
    }
    this.afterLiquidation()
    return acted
  }

  private liquidateIsolated(): boolean {
    let acted = false
    for (const p of this.byRisk()) {
      const mark = this.markOf(p)
      const eq = (p.isolatedMargin as number) + this.upnl(p, mark)
      if (eq > this.mm(p, mark)) continue
      const r = this.liquidatePosition(p, true)
      acted = acted || !r.halted
    }
    if (acted) this.afterLiquidation()
    return acted
  }

  private liquidateWhole(): boolean {
    let acted = false
    for (const p of this.byRisk()) {
      const r = this.liquidatePosition(p, false)
      acted = acted || !r.halted
    }
    acted = this.repayBySellingCollateral() || acted
    this.afterLiquidation()
    return acted
  }

  /** One position through the waterfall, with its `liquidation` event. */
  private liquidatePosition(p: UserPosition, isolated: boolean): OrderResult {
    const ctx = this.ctx
    ctx.beforeUserEvent()
    const mark = this.markOf(p)
    const figures = this.measure()
    // Bankruptcy price with everything else held (VENUES.md §1.3): cross/portfolio on the account's
    // wallet and the other positions' uPnL; isolated on its own margin.
    const balance = isolated ? (p.isolatedMargin as number) : figures.walletBalance + figures.unrealizedPnl - this.upnl(p, mark)
    const bp = bankruptcyPriceF(p.sign, p.qty, p.entryNotional, balance)
    const qty = p.qty
    const entry = p.entryNotional / p.qty
    const walletBefore = this.wallet.get(p.quote) ?? 0
    const res = ctx.waterfall.liquidateOrder({ owner: { kind: 'user', pos: p }, asset: p.asset, side: p.sign, qty, bp: bp > 0 ? bp : 0, skipBook: false, adlNow: false })
    if (res.halted) return res
    const realised = (this.wallet.get(p.quote) ?? 0) - walletBefore
    const slip = res.bookQty > 0 ? p.sign * (res.bookQty * res.markBefore) - p.sign * res.bookUsd : 0
    this.slippage += slip
    // Fee on the amount liquidated (Binance: "on the amount being liquidated"), never more than
    // what the account (or the isolated margin) still has.
    const liquidatedNotional = res.bookUsd + res.fundQty * (bp > 0 ? bp : 0) + res.adlQty * res.adlPrice
    let fee = ctx.rules.feeRate * liquidatedNotional
    let toFund = 0
    if (isolated) {
      const e = (p.isolatedMargin as number) + realised
      fee = Math.min(fee, Math.max(0, e))
      toFund = e - fee
      // The isolated margin is gone: the surplus goes to the fund, a deficit is drawn from it.
      this.payFromWallet(fee, ctx.ledger.venue)
      this.settleWithFund(toFund)
    } else {
      fee = Math.min(fee, Math.max(0, this.measure().exchangeEquity))
      this.payFromWallet(fee, ctx.ledger.venue)
    }
    this.fees += fee
    const avg = res.bookQty > 0 ? res.bookUsd / res.bookQty : bp
    const id = ctx.log.emit(
      'liquidation',
      'user',
      {
        position: p.id,
        symbol: p.symbol,
        asset: ctx.market.assets[p.asset],
        side: p.side,
        qty: fmtQty(res.closed),
        price: fmtPrice(avg),
        slippage: plain(Math.abs(avg / res.markBefore - 1), 6),
        amounts: {
          notional: usd(liquidatedNotional),
          realizedPnl: usd(realised),
          fee: usd(fee),
          bankruptcyPrice: fmtPrice(bp),
          entryPrice: fmtPrice(entry),
          bookQty: fmtQty(res.bookQty),
          ...(res.fundQty > 0 ? { insuranceTakeover: fmtQty(res.fundQty), shortfall: usd(res.shortfall) } : {}),
          ...(res.adlQty > 0 ? { adlQty: fmtQty(res.adlQty), adlPrice: fmtPrice(res.adlPrice) } : {}),
          ...(isolated ? { toInsuranceFund: usd(toFund) } : {}),
        },
        note: `${p.id} liquidated${res.fundQty > 0 ? ' (partly taken over by the insurance fund)' : ''}`,
      },
      this.exposureCauses([p.asset], this.callEvents.length ? [this.callEvents[this.callEvents.length - 1]] : []),
    )
    this.liquidationEvents.push(id)
    this.liquidated = true
    return res
  }

  private payFromWallet(amount: number, to: NamedAccount): void {
    if (amount === 0) return
    const q = this.cashAsset()
    this.wallet.set(q, (this.wallet.get(q) ?? 0) - amount)
    to.cash += amount
  }

  /** Positive: to the fund; negative: drawn from it (or unrecovered when it cannot). */
  private settleWithFund(amount: number): void {
    const fund = this.ctx.ledger.insuranceFund
    if (amount >= 0) {
      this.payFromWallet(amount, fund)
      return
    }
    const need = -amount
    const fromFund = this.ctx.fund.mayCover ? Math.min(need, Math.max(0, fund.cash)) : 0
    fund.cash -= fromFund
    this.ctx.ledger.unrecovered.cash -= need - fromFund
    this.receiveCash(need)
    this.topUps += need
  }

  /**
   * Portfolio margin, after the positions: loans and negative balances repaid by selling collateral
   * in the profile's order (most liquid first), each sale through its book (ENGINE.md §5.4).
   */
  private repayBySellingCollateral(): boolean {
    const ctx = this.ctx
    let acted = false
    const owed = () => {
      let v = 0
      for (const [asset, gross] of this.wallet) v += Math.max(0, (this.loans.get(asset) ?? 0) - gross) * this.price(asset)
      for (const [asset, loan] of this.loans) if (!this.wallet.has(asset)) v += loan * this.price(asset)
      return v
    }
    const order = [...ctx.rules.collateralOrder.filter((a) => this.wallet.has(a)), ...[...this.wallet.keys()].filter((a) => !ctx.rules.collateralOrder.includes(a)).sort()]
    // Cash first: it repays loans at par.
    this.repayFromCash()
    for (const asset of order) {
      if (this.cash.has(asset)) continue
      const need = owed()
      if (need <= 0) break
      const held = this.wallet.get(asset) ?? 0
      if (held <= 0) continue
      const px = this.price(asset)
      // Sell what covers the need at the current price plus a margin for slippage, at most all.
      const units = Math.min(held, (need * 1.02) / px)
      const sold = this.sellAsset(asset, units)
      if (sold.halted) continue
      acted = true
      this.repayFromCash()
    }
    return acted
  }

  /** Cash balances repay loans of cash assets at par. */
  private repayFromCash(): void {
    for (const [asset, loan] of [...this.loans]) {
      if (!this.cash.has(asset)) continue
      const q = this.cashAsset()
      const have = this.wallet.get(q) ?? 0
      const pay = Math.min(loan, Math.max(0, have))
      if (pay <= 0) continue
      this.wallet.set(q, have - pay)
      // The loan's receivable is the lenders'; repaying it is a transfer between the user's own
      // wallet and loan rows (both cash), so the ledger is unchanged.
      if (loan - pay > 0) this.loans.set(asset, loan - pay)
      else this.loans.delete(asset)
    }
  }

  /** Sells wallet units of `asset` through its book (the collateral liquidation), with an event. */
  private sellAsset(asset: string, units: number): { halted: boolean; usd: number } {
    const ctx = this.ctx
    const r = this.refs.get(asset) as PriceRef
    let usdOut: number
    let avg: number
    let before: number
    if (r.index >= 0) {
      const fill = ctx.market.sellQty(r.index, units * r.ratio)
      if (fill.halted) return { halted: true, usd: 0 }
      usdOut = fill.usd
      avg = fill.usd / units
      before = fill.midBefore * r.ratio
      if (r.ratio === 1) ctx.ledger.book.takeAsset(r.index, units, fill.usd)
      else {
        ctx.ledger.book.extra.set(asset, (ctx.ledger.book.extra.get(asset) ?? 0) + units)
        ctx.ledger.book.cash -= fill.usd
      }
    } else {
      usdOut = units * r.ratio
      avg = r.ratio
      before = r.ratio
      ctx.ledger.book.extra.set(asset, (ctx.ledger.book.extra.get(asset) ?? 0) + units)
      ctx.ledger.book.cash -= usdOut
    }
    ctx.activity++
    this.wallet.set(asset, (this.wallet.get(asset) ?? 0) - units)
    this.receiveCash(usdOut)
    const slip = units * before - usdOut
    this.slippage += slip
    const fee = Math.min(ctx.rules.feeRate * usdOut, Math.max(0, this.measure().exchangeEquity))
    this.payFromWallet(fee, ctx.ledger.venue)
    this.fees += fee
    const id = ctx.log.emit(
      'liquidation',
      'user',
      {
        asset,
        side: 'long',
        qty: fmtQty(units),
        price: fmtPrice(avg),
        slippage: plain(before > 0 ? Math.abs(avg / before - 1) : 0, 6),
        amounts: { proceeds: usd(usdOut), fee: usd(fee) },
        note: `collateral ${asset} sold to repay the account's loans`,
      },
      this.exposureCauses(r.index >= 0 ? [r.index] : [], this.liquidationEvents.length ? [this.liquidationEvents[this.liquidationEvents.length - 1]] : []),
    )
    this.liquidationEvents.push(id)
    return { halted: false, usd: usdOut }
  }

  /** A negative exchange equity after liquidation: the fund balances it back to zero (Binance). */
  private afterLiquidation(): void {
    const f = this.measure()
    if (this.positions.some((p) => p.open) || f.exchangeEquity >= 0 || this.bankrupt) return
    const deficit = -f.exchangeEquity
    this.bankrupt = true
    const before = this.ctx.fund.balance
    this.settleWithFund(-deficit)
    const fromFund = this.ctx.fund.mayCover ? Math.min(deficit, Math.max(0, before)) : 0
    const id = this.ctx.log.emit(
      'bankrupt',
      'user',
      {
        amounts: { deficit: usd(deficit), fromInsuranceFund: usd(fromFund), unrecovered: usd(deficit - fromFund) },
        note:
          fromFund >= deficit
            ? 'account below zero after liquidation: balanced back to zero by the insurance fund'
            : 'account below zero after liquidation: the insurance fund cannot balance it, the rest is the venue\'s bad debt',
      },
      this.liquidationEvents.slice(-3),
    )
    this.liquidationEvents.push(id)
  }

  private checkLending(l: UserLending): boolean {
    const ctx = this.ctx
    const hf = this.healthFactor(l)
    const collAssets = l.supplies.map((s) => s.ref.index).filter((i) => i >= 0)
    if (!l.calling && hf <= DEFI_CALL_HF) {
      l.calling = true
      ctx.beforeUserEvent()
      l.callEvent = ctx.log.emit(
        'margin-call',
        'user',
        { position: l.id, amounts: { healthFactor: fmtRatio(hf) }, note: `${l.id}: health factor ${plain(hf, 4)} near 1` },
        this.exposureCauses(collAssets, l.callEvent ? [l.callEvent] : []),
      )
      this.callEvents.push(l.callEvent)
    } else if (l.calling && hf > DEFI_CALL_HF * 1.05) l.calling = false
    if (!(hf < 1)) return false
    ctx.beforeUserEvent()
    let acted = false
    for (let guard = 0; guard < 16 && this.healthFactor(l) < 1; guard++) {
      if (!this.liquidateLendingOnce(l)) break
      acted = true
    }
    return acted
  }

  healthFactor(l: UserLending): number {
    return healthFactorF(
      l.supplies.map((s) => s.units * this.oraclePrice(s.asset)),
      l.supplies.map((s) => s.lt),
      l.borrows.map((b) => b.units * this.oraclePrice(b.asset)),
    )
  }

  /**
   * One Aave v3.3 liquidation call (aave-liquidation.ts `liquidateAaveStep`, exact) on the largest
   * collateral against the largest debt; the liquidator sells what it seized into the book.
   */
  private liquidateLendingOnce(l: UserLending): boolean {
    const ctx = this.ctx
    const value = (x: LendingLeg) => x.units * this.oraclePrice(x.asset)
    const coll = l.supplies.filter((s) => s.units > 0).sort((a, b) => value(b) - value(a))[0]
    const debt = l.borrows.filter((b) => b.units > 0).sort((a, b) => value(b) - value(a))[0]
    if (!coll || !debt) return false
    const d = (x: number): Dec => dec(String(x))
    const priceOf = (asset: string): Dec => d(this.oraclePrice(asset))
    const pos = { supplies: l.supplies.map((s) => ({ asset: s.asset, amount: d(s.units) })), borrows: l.borrows.map((b) => ({ asset: b.asset, amount: d(b.units) })) }
    const r = liquidateAaveStep(pos, l.params, priceOf, { collateralAsset: coll.asset, debtAsset: debt.asset })
    if (r.outcome !== 'liquidated') return false
    const repaid = r.debtRepaid.toNumber()
    const seized = r.collateralSeized.toNumber()
    const fee = r.protocolFee.toNumber()
    const hfBefore = r.healthFactorBefore.toNumber()
    // Ledger: the liquidator pays the debt and takes the collateral; the protocol its fee share.
    const liq = ctx.ledger.liquidators
    this.moveUnits(debt, -repaid, liq, true)
    this.moveUnits(coll, -seized, liq, false)
    this.giveUnits(liq, coll.asset, -fee)
    this.giveUnits(ctx.ledger.protocol, coll.asset, fee)
    let deficit = 0
    for (const b of r.deficit) {
      const leg = l.borrows.find((x) => x.asset === b.asset) as LendingLeg
      const amount = b.amount.toNumber()
      deficit += amount * this.oraclePrice(b.asset)
      // v3.3 bad debt: the debt is burned; the pool's lenders bear it.
      this.giveUnits(ctx.ledger.lenders, b.asset, -amount)
      leg.units -= amount
    }
    const sale = this.liquidatorSells(coll.asset, seized - fee)
    const id = ctx.log.emit(
      'defi-liquidation',
      'user',
      {
        position: l.id,
        asset: coll.asset,
        qty: fmtQty(seized),
        price: fmtPrice(sale.avg),
        slippage: plain(sale.slippage, 6),
        amounts: { debtRepaid: plain(repaid, 12), debtAsset: debt.asset, healthFactorBefore: fmtRatio(hfBefore), protocolFee: plain(fee, 12), closeFactor: r.closeFactor.toString(), badDebt: usd(deficit) },
        note: `${l.id}: Aave liquidation of ${coll.asset} against ${debt.asset}`,
      },
      this.exposureCauses(l.supplies.map((s) => s.ref.index).filter((i) => i >= 0), l.callEvent ? [l.callEvent] : []),
    )
    this.liquidationEvents.push(id)
    this.liquidated = true
    return true
  }

  /** Moves units of a lending leg to/from `acc` (negative: from the user to `acc`). */
  private moveUnits(leg: LendingLeg, delta: number, acc: NamedAccount, isDebt: boolean): void {
    leg.units += delta
    // A debt repaid by `acc`: acc pays (gives units); collateral seized: acc receives.
    this.giveUnits(acc, leg.asset, isDebt ? delta : -delta)
  }

  private giveUnits(acc: NamedAccount, asset: string, units: number): void {
    if (units === 0) return
    if (this.cash.has(asset)) acc.cash += units
    else {
      const i = this.ctx.market.assetIndex(asset)
      if (i >= 0) acc.assets[i] += units
      else acc.extra.set(asset, (acc.extra.get(asset) ?? 0) + units)
    }
  }

  /** The liquidator sells seized collateral into the book (the spiral of context README §3). */
  private liquidatorSells(asset: string, units: number): { avg: number; slippage: number } {
    const ctx = this.ctx
    const r = this.refs.get(asset) as PriceRef
    const liq = ctx.ledger.liquidators
    if (this.cash.has(asset) || r.index < 0 || units <= 0) return { avg: r.ratio, slippage: 0 }
    const fill = ctx.market.sellQty(r.index, units * r.ratio)
    if (fill.halted) return { avg: fill.midBefore, slippage: 0 }
    ctx.activity++
    if (r.ratio === 1) {
      liq.takeAsset(r.index, -units, -fill.usd)
      ctx.ledger.book.takeAsset(r.index, units, fill.usd)
    } else {
      liq.extra.set(asset, (liq.extra.get(asset) ?? 0) - units)
      liq.cash += fill.usd
      ctx.ledger.book.extra.set(asset, (ctx.ledger.book.extra.get(asset) ?? 0) + units)
      ctx.ledger.book.cash -= fill.usd
    }
    return { avg: fill.usd / units, slippage: fill.slippage }
  }
}
