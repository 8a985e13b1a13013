// The liquidation of one user position and what it leaves: the position goes through the waterfall
// (waterfall.ts: book at its bankruptcy price, fund, ADL) with its bankruptcy price computed with
// everything else held (docs/VENUE-RULES.md §1.3); the venue's fee on the amount liquidated, never more than
// the account has left; an isolated position's margin is gone (its surplus over bankruptcy to the
// fund, like the crowd's). An account below zero once nothing is open is balanced back to zero by
// the fund, else the rest is the venue's bad debt (`bankrupt` event, Binance).
import { plain, price as fmtPrice, qty as fmtQty, usd } from './format'
import { bankruptcyPriceF } from './mirrors'
import type { UserAccount } from './user-account'
import { exposureCauses, latest } from './user-causes'
import type { UserPosition } from './user-holdings'
import type { OrderResult } from './waterfall'

/** One position through the waterfall, with its `liquidation` event. */
export function liquidatePosition(u: UserAccount, p: UserPosition, isolated: boolean): OrderResult {
  const ctx = u.ctx
  ctx.beforeUserEvent()
  const mark = u.markOf(p)
  const figures = u.measure()
  // Bankruptcy price with everything else held (docs/VENUE-RULES.md §1.3): cross/portfolio on the account's
  // wallet and the other positions' uPnL; isolated on its own margin.
  const balance = isolated ? (p.isolatedMargin as number) : figures.walletBalance + figures.unrealizedPnl - u.upnl(p, mark)
  const bp = bankruptcyPriceF(p.sign, p.qty, p.entryNotional, balance)
  const qty = p.qty
  const entry = p.entryNotional / p.qty
  const walletBefore = u.wallet.get(p.quote) ?? 0
  const res = ctx.waterfall.liquidateOrder({ owner: { kind: 'user', pos: p }, asset: p.asset, side: p.sign, qty, bp: bp > 0 ? bp : 0, skipBook: false, adlNow: false })
  if (res.halted) return res
  const realised = (u.wallet.get(p.quote) ?? 0) - walletBefore
  const slip = res.bookQty > 0 ? p.sign * (res.bookQty * res.markBefore) - p.sign * res.bookUsd : 0
  u.slippage += slip
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
    u.payFromWallet(fee, ctx.ledger.venue)
    settleWithFund(u, toFund)
  } else {
    fee = Math.min(fee, Math.max(0, u.measure().exchangeEquity))
    u.payFromWallet(fee, ctx.ledger.venue)
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
      note: `${p.id} liquidated${res.fundQty > 0 ? ' (partly taken over by the insurance fund)' : ''}`,
    },
    exposureCauses(u, [p.asset], latest(u.callEvents)),
  )
  u.liquidationEvents.push(id)
  u.liquidated = true
  return res
}

/** Positive: to the fund; negative: drawn from it (or unrecovered when it cannot). */
function settleWithFund(u: UserAccount, amount: number): void {
  const fund = u.ctx.ledger.insuranceFund
  if (amount >= 0) {
    u.payFromWallet(amount, fund)
    return
  }
  const need = -amount
  const fromFund = u.ctx.fund.mayCover ? Math.min(need, Math.max(0, fund.cash)) : 0
  fund.cash -= fromFund
  u.ctx.ledger.unrecovered.cash -= need - fromFund
  u.receiveCash(need)
  u.topUps += need
}

/** A negative exchange equity after liquidation: the fund balances it back to zero (Binance). */
export function afterLiquidation(u: UserAccount): void {
  const f = u.measure()
  if (u.positions.some((p) => p.open) || f.exchangeEquity >= 0 || u.bankrupt) return
  const deficit = -f.exchangeEquity
  u.bankrupt = true
  const before = u.ctx.fund.balance
  settleWithFund(u, -deficit)
  const fromFund = u.ctx.fund.mayCover ? Math.min(deficit, Math.max(0, before)) : 0
  const id = u.ctx.log.emit(
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
