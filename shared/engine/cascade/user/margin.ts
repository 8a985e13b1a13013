// Margin calls of the user's account and what gets liquidated when, the stage after the account's
// valuation (account.ts); `UserMargin.check` is one look in a round: the exchange account, then
// each DeFi position (defi.ts). docs/CASCADE-NOTES.md "The user's account":
// - cross: margin call at a margin ratio of 80%, liquidation at 100%. Positions are closed one at a
//   time, largest maintenance margin first, until the ratio is under 100% again (Binance: "If the
//   user is margin compliant after ... the liquidation will stop");
// - isolated: the same per position on its isolated margin;
// - a venue's partial liquidation (profile `liquidation.partial`, Hyperliquid): in one look each
//   position gets one order, a slice of `fraction` when its notional is above `aboveNotional`; after
//   a look that sliced, the account cools down and every order takes the whole position until then
//   (Hyperliquid: "after a block where any position of a user is partially liquidated, there is a
//   cooldown period of 30 seconds"); the same rule as the crowd's (crowd-perps.ts);
// - a venue's backstop (`liquidation.backstop`, Hyperliquid's 2/3): an account (cross) or an isolated
//   position whose equity is under that share of its maintenance goes to the insurance fund whole
//   at its bankruptcy price, skipping the book ("all cross positions and margin transferred");
// - portfolio: margin call at the reduce-only uniMMR (1.20), liquidation at the liquidation uniMMR
//   (1.05), of the whole account (docs/MODEL.md §5.4): every position, then the collateral sold for
//   the loans.
// A margin call ends when the ratio is back under 90% of its line; the next crossing is a new event.
//
// One position's liquidation: it goes through the waterfall (waterfall.ts: book at its bankruptcy
// price, fund, ADL) with its bankruptcy price computed with everything else held (docs/VENUE-RULES.md §1.3);
// the venue's fee on the amount liquidated, never more than the account has left, to the venue or
// the position's fund (the profile's `feeTo`); what is left of an isolated margin goes to the fund
// or stays (`remainderTo`), like the crowd's. An account below zero once nothing is open is balanced
// back to zero by the venue's default fund, else the rest is the venue's bad debt (`bankrupt`
// event, Binance).
//
// Portfolio margin's last step of a whole-account liquidation (docs/MODEL.md §5.4): once the positions
// are closed, loans and negative balances are repaid, cash first (at par), then by selling
// collateral in the profile's order (most liquid first; assets it does not list last, by name),
// each sale through its asset's book with a `liquidation` event, the venue's fee and its slippage.
import { plain, price as fmtPrice, qty as fmtQty, ratio as fmtRatio, usd } from '../format'
import type { RunState } from '../context'
import type { EventLog } from '../event-log'
import type { InsuranceFund } from '../insurance'
import type { InsuranceFunds } from '../insurance-funds'
import type { Ledger } from '../ledger'
import type { Market } from '../../market'
import type { MarketEvents } from '../market-events'
import { bankruptcyPriceF } from '../mirrors'
import type { RunRules } from '../rules'
import type { SeriesRecorder } from '../series-recorder'
import type { OrderResult, Waterfall } from '../waterfall'
import type { PriceRef, UserAccount, UserPosition } from './account'
import { exposure, exposureCauses, latest } from './causes'
import { checkLending } from './defi'

export interface UserMarginDeps {
  readonly user: UserAccount
  readonly waterfall: Waterfall
  readonly market: Market
  readonly rules: RunRules
  readonly ledger: Ledger
  readonly funds: InsuranceFunds
  readonly log: EventLog
  readonly drivers: MarketEvents
  readonly state: RunState
  /** Takes the sample just before the user's first event of a step. */
  readonly series: Pick<SeriesRecorder, 'beforeUserEvent'>
}

export const MARGIN_CALL_RATIO = 0.8
/** A margin call ends when the ratio is back under this share of its threshold (hysteresis). */
const CALL_RESET = 0.9
/** USD: an account left this close below zero after its liquidation is at zero (the rounding of closes at bankruptcy prices). */
const HALF_CENT = 0.005

/** The margin call line on the normalised margin ratio (1 = liquidation): portfolio liquidationRatio / callRatio. */
export function marginCallRatio(mode: UserAccount['mode'], rules: RunRules): number {
  const u = rules.unified
  return mode === 'portfolio' && u ? u.liquidationRatio / u.callRatio : MARGIN_CALL_RATIO
}

export class UserMargin {
  /** The margin call line on the normalised margin ratio (1 = liquidation). */
  readonly callRatio: number

  constructor(private readonly ctx: UserMarginDeps) {
    this.callRatio = marginCallRatio(ctx.user.mode, ctx.rules)
  }

  /**
   * One look at the account in a round: margin call and liquidation of the exchange account, then
   * the DeFi positions. Returns true when it traded (the round must repeat).
   */
  check(): boolean {
    const u = this.ctx.user
    if (!u.hasAnything) return false
    let acted = false
    if (u.aggregates.open > 0 || u.loans.size > 0) acted = this.checkExchange() || acted
    for (const l of u.lending) acted = checkLending(this.ctx, l) || acted
    return acted
  }

  /** Margin call (on the way up) and liquidation of the exchange account; true when it traded. */
  private checkExchange(): boolean {
    const u = this.ctx.user
    // Most rounds nothing is near a line: the aggregates' interval says so without measuring the
    // account position by position. Otherwise, or when it cannot tell, the exact look decides.
    const b = u.marginRatioBounds()
    if (b && b.hi < 1 && (u.calling ? b.lo >= this.callRatio * CALL_RESET : b.hi < this.callRatio)) return false
    const f = u.measure()
    if (!u.calling && f.marginRatio >= this.callRatio) {
      u.calling = true
      this.ctx.series.beforeUserEvent()
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
          note: u.mode === 'portfolio' ? `uniMMR ${plain(f.uniMMR, 4)} at or below ${plain(this.ctx.rules.unified?.callRatio ?? Number.NaN, 3)}, the margin-call line` : `margin ratio ${plain(f.marginRatio * 100, 4)}% at or above ${plain(this.callRatio * 100, 3)}%`,
        },
        exposureCauses(this.ctx, u, exposure(u), latest(u.callEvents)),
      )
      u.callEvents.push(id)
    } else if (u.calling && f.marginRatio < this.callRatio * CALL_RESET) u.calling = false
    if (u.mode === 'isolated') return this.liquidateIsolated()
    if (f.marginRatio < 1) return false
    return u.mode === 'portfolio' ? this.liquidateWhole() : this.liquidateCross()
  }

  /** The order of closing: largest maintenance margin first, ties by position order. */
  private byRisk(): UserPosition[] {
    const u = this.ctx.user
    return u.positions.filter((p) => p.open).sort((a, b) => u.mm(b) - u.mm(a) || a.index - b.index)
  }

  /** Until when the account's liquidation orders take whole positions after a look that sliced (the profile's `partial` cooldown). */
  private coolingUntil = -Infinity

  /** Whether this look's orders are slices (the venue slices and the account is not cooling down). */
  private slicing(): boolean {
    return this.ctx.rules.partial !== null && !(this.coolingUntil > this.ctx.state.t)
  }

  /** The size of `p`'s order in a look that slices: `fraction` of it above `aboveNotional`, else all of it. */
  private sliceOf(p: UserPosition): number {
    const rule = this.ctx.rules.partial
    return rule && p.qty * this.ctx.user.markOf(p) > rule.aboveNotional ? p.qty * rule.fraction : p.qty
  }

  /** After a look that sent slices: the account cools down (every order of the next looks takes the whole position). */
  private sliced(): void {
    const rule = this.ctx.rules.partial
    if (rule) this.coolingUntil = this.ctx.state.t + rule.cooldownSeconds
  }

  /** Equity under the backstop's share of maintenance (the venue's `backstop`; never without one). */
  private underBackstop(equity: number, maintenance: number): boolean {
    const b = this.ctx.rules.backstop
    return b !== null && equity < b.equityBelowMaintenance * maintenance
  }

  private liquidateCross(): boolean {
    const u = this.ctx.user
    let acted = false
    // (Measured only where the venue has a backstop.)
    const f = this.ctx.rules.backstop ? u.measure() : null
    if (f && this.underBackstop(f.exchangeEquity, f.maintenanceMargin)) {
      // The backstop takes every cross position (and with them the margin) at its bankruptcy price.
      for (const p of this.byRisk()) {
        if (!p.open) continue
        const r = this.liquidatePosition(p, false, p.qty, true)
        acted = acted || !r.halted
      }
      this.afterLiquidation()
      return acted
    }
    // One order per position in a look that slices; a position already ordered waits for the next.
    const ordered = this.slicing() ? new Set<UserPosition>() : null
    let slices = false
    for (let guard = 0; guard < u.positions.length; guard++) {
      // Back under the line? The aggregates' interval when it is clear of 1, else the exact look.
      const b = u.marginRatioBounds()
      if (b && b.hi < 1) break
      if (!(b && b.lo >= 1) && u.measure().marginRatio < 1) break
      let p = u.riskiest()
      if (p && ordered?.has(p)) p = this.byRisk().find((x) => !ordered.has(x))
      if (!p) break
      const qty = ordered ? this.sliceOf(p) : p.qty
      ordered?.add(p)
      slices = slices || qty < p.qty
      const r = this.liquidatePosition(p, false, qty)
      if (r.halted) break
      acted = true
    }
    if (slices) this.sliced()
    this.afterLiquidation()
    return acted
  }

  private liquidateIsolated(): boolean {
    const u = this.ctx.user
    let acted = false
    const slicing = this.slicing()
    let slices = false
    for (const p of this.byRisk()) {
      if (!p.open) continue
      const mark = u.markOf(p)
      const eq = (p.isolatedMargin as number) + u.upnl(p, mark)
      const mm = u.mm(p, mark)
      if (eq > mm) continue
      const backstop = this.underBackstop(eq, mm)
      const qty = slicing && !backstop ? this.sliceOf(p) : p.qty
      slices = slices || qty < p.qty
      const r = this.liquidatePosition(p, true, qty, backstop)
      acted = acted || !r.halted
    }
    if (slices) this.sliced()
    if (acted) this.afterLiquidation()
    return acted
  }

  private liquidateWhole(): boolean {
    let acted = false
    for (const p of this.byRisk()) {
      // An earlier liquidation's ADL may have closed it (the user's own positions are in the
      // opposite queue).
      if (!p.open) continue
      const r = this.liquidatePosition(p, false)
      acted = acted || !r.halted
    }
    acted = this.repayBySellingCollateral() || acted
    this.afterLiquidation()
    return acted
  }

  /**
   * An order of `qty` of position `p` through the waterfall, with its `liquidation` event;
   * `backstop`: the fund takes it at the bankruptcy price without the book.
   */
  private liquidatePosition(p: UserPosition, isolated: boolean, qty = p.qty, backstop = false): OrderResult {
    const u = this.ctx.user
    const ctx = this.ctx
    ctx.series.beforeUserEvent()
    const mark = u.markOf(p)
    // Bankruptcy price with everything else held (docs/VENUE-RULES.md §1.3): cross/portfolio on the account's
    // wallet and the other positions' uPnL; isolated on its own margin.
    const balance = isolated ? (p.isolatedMargin as number) : u.walletBalance() + u.unrealizedPnl() - u.upnl(p, mark)
    const bp = bankruptcyPriceF(p.sign, p.qty, p.entryNotional, balance)
    const entry = p.entryNotional / p.qty
    const walletBefore = u.wallet.get(p.quote) ?? 0
    const res = ctx.waterfall.liquidateOrder({ owner: { kind: 'user', pos: p }, asset: p.asset, side: p.sign, qty, bp: bp > 0 ? bp : 0, skipBook: backstop, adlNow: false })
    if (res.halted) return res
    const realised = (u.wallet.get(p.quote) ?? 0) - walletBefore
    // Fee on the amount liquidated (Binance: "on the amount being liquidated"), never more than
    // what the account (or the isolated margin) still has.
    const liquidatedNotional = res.bookUsd + res.fundQty * (bp > 0 ? bp : 0) + res.adlQty * res.adlPrice
    // Slippage: every contract the order closed against the mark before it (the book's fills, a
    // takeover at the bankruptcy price, an ADL close), as the event's own price and slippage show it.
    const closedQty = res.bookQty + res.fundQty + res.adlQty
    u.slippage += closedQty > 0 ? p.sign * (closedQty * res.markBefore) - p.sign * liquidatedNotional : 0
    let fee = ctx.rules.feeRate * liquidatedNotional
    let toFund = 0
    const fund = ctx.funds.forAsset(p.asset)
    const feeTo = ctx.waterfall.feeAccount(p.asset)
    if (isolated) {
      const e = (p.isolatedMargin as number) + realised
      fee = Math.min(fee, Math.max(0, e))
      // A deficit is drawn from the fund; what is left after the fee goes to the fund or stays.
      u.payFromWallet(fee, feeTo)
      toFund = e < 0 ? e : ctx.rules.remainderTo === 'insurance-fund' ? e - fee : 0
      this.settleWithFund(toFund, fund)
      if (ctx.rules.feeTo === 'insurance-fund') toFund += fee
    } else {
      // Capped at the equity left: measured only when the interval cannot tell the cap (none
      // left: max(0, equity) is 0; at least the fee: no cap).
      const e = u.exchangeEquityBounds()
      if (e.hi <= 0) fee = Math.min(fee, 0)
      // (measure().exchangeEquity to within rounding, without a pass over the positions.)
      else if (!(e.lo >= fee)) fee = Math.min(fee, Math.max(0, u.walletBalance() + u.unrealizedPnl()))
      u.payFromWallet(fee, feeTo)
    }
    u.fees += fee
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
        note: backstop
          ? `${p.id} sent to the backstop: equity under its share of maintenance`
          : `${p.id} ${p.open ? 'partly ' : ''}liquidated${res.fundQty > 0 ? (res.fundQty >= res.closed ? ' (taken over by the insurance fund)' : ' (partly taken over by the insurance fund)') : ''}`,
      },
      exposureCauses(this.ctx, u, [p.asset], latest(u.callEvents)),
    )
    u.liquidationEvents.push(id)
    u.liquidated = true
    return res
  }

  /** Positive: to the fund; negative: drawn from it (or unrecovered when it cannot). Returns what the fund paid. */
  private settleWithFund(amount: number, to: InsuranceFund): number {
    const u = this.ctx.user
    const fund = to.account
    if (amount >= 0) {
      u.payFromWallet(amount, fund)
      return 0
    }
    const need = -amount
    const fromFund = to.mayCover ? Math.min(need, Math.max(0, to.balance)) : 0
    fund.cash -= fromFund
    this.ctx.ledger.unrecovered.cash -= need - fromFund
    u.receiveCash(need)
    u.topUps += need
    return fromFund
  }

  /** A negative exchange equity after liquidation: the fund balances it back to zero (Binance). */
  private afterLiquidation(): void {
    const u = this.ctx.user
    const f = u.measure()
    // Under half a cent is the rounding of a close at the bankruptcy price, not a deficit.
    if (u.positions.some((p) => p.open) || f.exchangeEquity >= -HALF_CENT || u.bankrupt) return
    const deficit = -f.exchangeEquity
    u.bankrupt = true
    const fromFund = this.settleWithFund(-deficit, this.ctx.funds.default)
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
      u.liquidationEvents.slice(-3),
    )
    u.liquidationEvents.push(id)
  }

  /** Sells collateral until the loans are repaid; true when a sale traded. */
  private repayBySellingCollateral(): boolean {
    const u = this.ctx.user
    const ctx = this.ctx
    let acted = false
    const owed = () => {
      let v = 0
      for (const [asset, gross] of u.wallet) v += Math.max(0, (u.loans.get(asset) ?? 0) - gross) * u.price(asset)
      for (const [asset, loan] of u.loans) if (!u.wallet.has(asset)) v += loan * u.price(asset)
      return v
    }
    const order = [...ctx.rules.collateralOrder.filter((a) => u.wallet.has(a)), ...[...u.wallet.keys()].filter((a) => !ctx.rules.collateralOrder.includes(a)).sort()]
    // Cash first: it repays loans at par.
    this.repayFromCash()
    for (const asset of order) {
      if (u.cash.has(asset)) continue
      const need = owed()
      if (need <= 0) break
      const held = u.wallet.get(asset) ?? 0
      if (held <= 0) continue
      const px = u.price(asset)
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
    const u = this.ctx.user
    for (const [asset, loan] of [...u.loans]) {
      if (!u.cash.has(asset)) continue
      const q = u.cashAsset()
      const have = u.wallet.get(q) ?? 0
      const pay = Math.min(loan, Math.max(0, have))
      if (pay <= 0) continue
      u.wallet.set(q, have - pay)
      // The loan's receivable is the lenders'; repaying it is a transfer between the user's own
      // wallet and loan rows (both cash), so the ledger is unchanged.
      if (loan - pay > 0) u.loans.set(asset, loan - pay)
      else u.loans.delete(asset)
    }
  }

  /** Sells wallet units of `asset` through its book (the collateral liquidation), with an event. */
  private sellAsset(asset: string, units: number): { halted: boolean; usd: number } {
    const u = this.ctx.user
    const ctx = this.ctx
    const r = u.refs.get(asset) as PriceRef
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
    ctx.state.activity++
    u.wallet.set(asset, (u.wallet.get(asset) ?? 0) - units)
    u.receiveCash(usdOut)
    const slip = units * before - usdOut
    u.slippage += slip
    const fee = Math.min(ctx.rules.feeRate * usdOut, Math.max(0, u.measure().exchangeEquity))
    u.payFromWallet(fee, ctx.rules.feeTo === 'insurance-fund' ? ctx.funds.default.account : ctx.ledger.venue)
    u.fees += fee
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
      exposureCauses(this.ctx, u, r.index >= 0 ? [r.index] : [], latest(u.liquidationEvents)),
    )
    u.liquidationEvents.push(id)
    return { halted: false, usd: usdOut }
  }
}
