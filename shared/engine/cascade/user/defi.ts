// The user's DeFi positions (loops expanded by the loop builder, and the book's lending positions)
// under the protocol's own rules, priced at the oracle (docs/VENUE-RULES.md §4.1): a health factor at or below
// 1.05 is a margin call; under 1, the exact Aave v3.3 step (aave-liquidation.ts
// `liquidateAaveStep`: close factor, bonus, protocol fee, v3.3 bad debt) on the largest collateral
// against the largest debt, at most 16 calls until HF >= 1; the liquidator sells what it seized
// into the venue's book (the spiral of docs/CRASH-MECHANICS.md §3).
import { liquidateAaveStep } from '../../account/aave-liquidation'
import { dec, type Dec } from '../../../decimal'
import type { Market } from '../../market'
import type { RunState } from '../context'
import type { EventLog } from '../event-log'
import { plain, price as fmtPrice, qty as fmtQty, ratio as fmtRatio, usd } from '../format'
import type { Ledger, NamedAccount } from '../ledger'
import type { MarketEvents } from '../market-events'
import { healthFactorF } from '../mirrors'
import type { SeriesRecorder } from '../series-recorder'
import type { LendingLeg, PriceRef, UserAccount, UserLending } from './account'
import { exposureCauses } from './causes'

/** What a DeFi check reads and moves (margin.ts passes its own dependencies). */
export interface UserDefiDeps {
  readonly user: UserAccount
  readonly market: Market
  readonly ledger: Ledger
  readonly log: EventLog
  readonly drivers: MarketEvents
  readonly state: RunState
  readonly series: Pick<SeriesRecorder, 'beforeUserEvent'>
}

/** Aave health factor at which the user's DeFi position gets a margin call. */
export const DEFI_CALL_HF = 1.05

/** Margin call and liquidation of one lending position; true when it traded. */
export function checkLending(ctx: UserDefiDeps, l: UserLending): boolean {
  const u = ctx.user
  const hf = healthFactor(u, l)
  const collAssets = l.supplies.map((s) => s.ref.index).filter((i) => i >= 0)
  if (!l.calling && hf <= DEFI_CALL_HF) {
    l.calling = true
    ctx.series.beforeUserEvent()
    l.callEvent = ctx.log.emit(
      'margin-call',
      'user',
      { position: l.id, amounts: { healthFactor: fmtRatio(hf) }, note: `${l.id}: health factor ${plain(hf, 4)} near 1` },
      exposureCauses(ctx, u, collAssets, l.callEvent ? [l.callEvent] : []),
    )
    u.callEvents.push(l.callEvent)
  } else if (l.calling && hf > DEFI_CALL_HF * 1.05) l.calling = false
  if (!(hf < 1)) return false
  ctx.series.beforeUserEvent()
  let acted = false
  for (let guard = 0; guard < 16 && healthFactor(u, l) < 1; guard++) {
    if (!liquidateLendingOnce(ctx, l)) break
    acted = true
  }
  return acted
}

export function healthFactor(h: UserAccount, l: UserLending): number {
  return healthFactorF(
    l.supplies.map((s) => s.units * h.oraclePrice(s.asset)),
    l.supplies.map((s) => s.lt),
    l.borrows.map((b) => b.units * h.oraclePrice(b.asset)),
  )
}

/**
 * One Aave v3.3 liquidation call (aave-liquidation.ts `liquidateAaveStep`, exact) on the largest
 * collateral against the largest debt; the liquidator sells what it seized into the book.
 */
function liquidateLendingOnce(ctx: UserDefiDeps, l: UserLending): boolean {
  const u = ctx.user
  const value = (x: LendingLeg) => x.units * u.oraclePrice(x.asset)
  const coll = l.supplies.filter((s) => s.units > 0).sort((a, b) => value(b) - value(a))[0]
  const debt = l.borrows.filter((b) => b.units > 0).sort((a, b) => value(b) - value(a))[0]
  if (!coll || !debt) return false
  const d = (x: number): Dec => dec(String(x))
  const priceOf = (asset: string): Dec => d(u.oraclePrice(asset))
  const pos = { supplies: l.supplies.map((s) => ({ asset: s.asset, amount: d(s.units) })), borrows: l.borrows.map((b) => ({ asset: b.asset, amount: d(b.units) })) }
  const r = liquidateAaveStep(pos, l.params, priceOf, { collateralAsset: coll.asset, debtAsset: debt.asset })
  if (r.outcome !== 'liquidated') return false
  const repaid = r.debtRepaid.toNumber()
  const seized = r.collateralSeized.toNumber()
  const fee = r.protocolFee.toNumber()
  const hfBefore = r.healthFactorBefore.toNumber()
  // Ledger: the liquidator pays the debt and takes the collateral; the protocol its fee share.
  const liq = ctx.ledger.liquidators
  moveUnits(u, debt, -repaid, liq, true)
  moveUnits(u, coll, -seized, liq, false)
  giveUnits(u, liq, coll.asset, -fee)
  giveUnits(u, ctx.ledger.protocol, coll.asset, fee)
  let deficit = 0
  for (const b of r.deficit) {
    const leg = l.borrows.find((x) => x.asset === b.asset) as LendingLeg
    const amount = b.amount.toNumber()
    deficit += amount * u.oraclePrice(b.asset)
    // v3.3 bad debt: the debt is burned; the pool's lenders bear it.
    giveUnits(u, ctx.ledger.lenders, b.asset, -amount)
    leg.units -= amount
  }
  const sale = liquidatorSells(ctx, coll.asset, seized - fee)
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
    exposureCauses(ctx, u, l.supplies.map((s) => s.ref.index).filter((i) => i >= 0), l.callEvent ? [l.callEvent] : []),
  )
  u.liquidationEvents.push(id)
  u.liquidated = true
  return true
}

/** Moves units of a lending leg to/from `acc` (negative: from the user to `acc`). */
function moveUnits(h: UserAccount, leg: LendingLeg, delta: number, acc: NamedAccount, isDebt: boolean): void {
  leg.units += delta
  // A debt repaid by `acc`: acc pays (gives units); collateral seized: acc receives.
  giveUnits(h, acc, leg.asset, isDebt ? delta : -delta)
}

/** Books units of an asset to a named account: cash, a market asset, or an asset only pegs price. */
function giveUnits(h: UserAccount, acc: NamedAccount, asset: string, units: number): void {
  if (units === 0) return
  if (h.cash.has(asset)) acc.cash += units
  else {
    const i = h.ctx.market.assetIndex(asset)
    if (i >= 0) acc.assets[i] += units
    else acc.extra.set(asset, (acc.extra.get(asset) ?? 0) + units)
  }
}

/** The liquidator sells seized collateral into the book (the spiral of docs/CRASH-MECHANICS.md §3). */
function liquidatorSells(ctx: UserDefiDeps, asset: string, units: number): { avg: number; slippage: number } {
  const h = ctx.user
  const r = h.refs.get(asset) as PriceRef
  const liq = ctx.ledger.liquidators
  if (h.cash.has(asset) || r.index < 0 || units <= 0) return { avg: r.ratio, slippage: 0 }
  const fill = ctx.market.sellQty(r.index, units * r.ratio)
  if (fill.halted) return { avg: fill.midBefore, slippage: 0 }
  ctx.state.activity++
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
