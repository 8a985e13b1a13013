// Portfolio margin's last step of a whole-account liquidation (docs/MODEL.md §5.4): once the positions
// are closed, loans and negative balances are repaid, cash first (at par), then by selling
// collateral in the profile's order (most liquid first; assets it does not list last, by name),
// each sale through its asset's book with a `liquidation` event, the venue's fee and its slippage.
import { plain, price as fmtPrice, qty as fmtQty, usd } from './format'
import type { UserAccount } from './user-account'
import { exposureCauses, latest } from './user-causes'
import type { PriceRef } from './user-holdings'

/** Sells collateral until the loans are repaid; true when a sale traded. */
export function repayBySellingCollateral(u: UserAccount): boolean {
  const ctx = u.ctx
  let acted = false
  const owed = () => {
    let v = 0
    for (const [asset, gross] of u.wallet) v += Math.max(0, (u.loans.get(asset) ?? 0) - gross) * u.price(asset)
    for (const [asset, loan] of u.loans) if (!u.wallet.has(asset)) v += loan * u.price(asset)
    return v
  }
  const order = [...ctx.rules.collateralOrder.filter((a) => u.wallet.has(a)), ...[...u.wallet.keys()].filter((a) => !ctx.rules.collateralOrder.includes(a)).sort()]
  // Cash first: it repays loans at par.
  repayFromCash(u)
  for (const asset of order) {
    if (u.cash.has(asset)) continue
    const need = owed()
    if (need <= 0) break
    const held = u.wallet.get(asset) ?? 0
    if (held <= 0) continue
    const px = u.price(asset)
    // Sell what covers the need at the current price plus a margin for slippage, at most all.
    const units = Math.min(held, (need * 1.02) / px)
    const sold = sellAsset(u, asset, units)
    if (sold.halted) continue
    acted = true
    repayFromCash(u)
  }
  return acted
}

/** Cash balances repay loans of cash assets at par. */
function repayFromCash(u: UserAccount): void {
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
function sellAsset(u: UserAccount, asset: string, units: number): { halted: boolean; usd: number } {
  const ctx = u.ctx
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
  ctx.activity++
  u.wallet.set(asset, (u.wallet.get(asset) ?? 0) - units)
  u.receiveCash(usdOut)
  const slip = units * before - usdOut
  u.slippage += slip
  const fee = Math.min(ctx.rules.feeRate * usdOut, Math.max(0, u.measure().exchangeEquity))
  u.payFromWallet(fee, ctx.ledger.venue)
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
    exposureCauses(u, r.index >= 0 ? [r.index] : [], latest(u.liquidationEvents)),
  )
  u.liquidationEvents.push(id)
  return { halted: false, usd: usdOut }
}
