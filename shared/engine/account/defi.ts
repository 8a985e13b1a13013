// DeFi lending positions under Aave v3 rules (docs/MODEL.md §1, docs/VENUE-RULES.md §4.1): per-asset terms
// (with e-mode), health factor `HF = sum(supply x price x LT) / sum(borrow x price)` and each
// collateral asset's trigger price (HF = 1 with everything else held).
import type { LendingEMode, LendingParams } from '../../model/venue'
import { ZERO, type Dec } from '../../decimal'
import { parsedDecimal } from './parsed-inputs'

export interface AssetAmountDec {
  asset: string
  amount: Dec
}

export interface LendingPositionDec {
  supplies: AssetAmountDec[]
  borrows: AssetAmountDec[]
}

export interface ReserveTerms {
  ltv: Dec
  liquidationThreshold: Dec
  liquidationBonus: Dec
  protocolFee: Dec
  /** The e-mode category whose terms apply to this asset, if any. */
  eMode: number | null
}

/**
 * The e-mode category a looper would pick: the first whose borrowable list holds every borrowed
 * asset and whose collateral list holds at least one supplied asset. Aave makes the user opt in;
 * Cascade assumes the position was opened in the best-fitting category (ENGINE-NOTES.md).
 */
export function chooseEMode(params: LendingParams, pos: { supplies: { asset: string }[]; borrows: { asset: string }[] }): LendingEMode | null {
  if (pos.borrows.length === 0) return null
  for (const e of params.eModes) {
    if (pos.borrows.every((b) => e.borrowable.includes(b.asset)) && pos.supplies.some((s) => e.collateral.includes(s.asset))) return e
  }
  return null
}

/** Terms of one asset: the e-mode's LTV/LT/bonus for its collateral assets, the reserve's otherwise. */
export function reserveTerms(params: LendingParams, asset: string, eMode: LendingEMode | null): ReserveTerms {
  const r = params.reserves[asset]
  const inMode = eMode !== null && eMode.collateral.includes(asset)
  // Profile strings, parsed once (parsed-inputs.ts): a health factor and each trigger price ask
  // for every supplied asset's terms, on every metrics call.
  return {
    ltv: parsedDecimal(inMode ? eMode.ltv : r.ltv),
    liquidationThreshold: parsedDecimal(inMode ? eMode.liquidationThreshold : r.liquidationThreshold),
    liquidationBonus: parsedDecimal(inMode ? eMode.liquidationBonus : r.liquidationBonus),
    protocolFee: parsedDecimal(r.protocolFee),
    eMode: inMode ? eMode.id : null,
  }
}

export interface HealthFigures {
  /** `null` when there is no debt (HF is unbounded). */
  healthFactor: Dec | null
  collateralValue: Dec
  /** sum(supply x price x LT). */
  weightedCollateral: Dec
  debtValue: Dec
  eMode: LendingEMode | null
}

export type PriceOf = (asset: string) => Dec

/** Aave: "Health Factor = (Total Collateral Value x Weighted Average Liquidation Threshold) / Total Borrow Value". */
export function healthFactor(pos: LendingPositionDec, params: LendingParams, price: PriceOf): HealthFigures {
  const eMode = chooseEMode(params, pos)
  let collateralValue = ZERO
  let weighted = ZERO
  for (const s of pos.supplies) {
    const v = s.amount.mul(price(s.asset))
    collateralValue = collateralValue.add(v)
    weighted = weighted.add(v.mul(reserveTerms(params, s.asset, eMode).liquidationThreshold))
  }
  let debtValue = ZERO
  for (const b of pos.borrows) debtValue = debtValue.add(b.amount.mul(price(b.asset)))
  return { healthFactor: debtValue.isZero() ? null : weighted.div(debtValue), collateralValue, weightedCollateral: weighted, debtValue, eMode }
}

/**
 * Price of `asset` at which HF = 1, every other price held: solve
 * `W_others + s_a x p x LT_a = D_others + b_a x p`, i.e. `p = (D_others - W_others) / (s_a x LT_a - b_a)`.
 * `null` when no positive price does it (no debt, or the asset cannot push HF below 1).
 */
export function triggerPrice(pos: LendingPositionDec, params: LendingParams, price: PriceOf, asset: string): Dec | null {
  const eMode = chooseEMode(params, pos)
  let wOthers = ZERO
  let sA = ZERO
  for (const s of pos.supplies) {
    const lt = reserveTerms(params, s.asset, eMode).liquidationThreshold
    if (s.asset === asset) sA = sA.add(s.amount.mul(lt))
    else wOthers = wOthers.add(s.amount.mul(price(s.asset)).mul(lt))
  }
  let dOthers = ZERO
  let bA = ZERO
  for (const b of pos.borrows) {
    if (b.asset === asset) bA = bA.add(b.amount)
    else dOthers = dOthers.add(b.amount.mul(price(b.asset)))
  }
  if (dOthers.isZero() && bA.isZero()) return null
  const denominator = sA.sub(bA)
  if (denominator.lte(ZERO)) return null
  const p = dOthers.sub(wOthers).div(denominator)
  return p.gt(ZERO) ? p : null
}
