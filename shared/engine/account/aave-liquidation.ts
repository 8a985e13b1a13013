// One Aave v3.3 liquidation call on a lending position (docs/VENUE-RULES.md §4.1; aave-v3-origin
// LiquidationLogic.sol): close factor 50%, or 100% when HF <= 0.95 or the reserve's collateral or
// debt is under 2,000 USD; bonus and protocol fee; the 1,000 USD dust rule; deficit when no
// collateral is left. Amounts are exact decimals: Aave's wei rounding is not modelled.
import type { LendingParams } from '../../model/venue'
import { dec, minDec, ONE, text, ZERO, type Dec } from '../../decimal'
import { healthFactor, reserveTerms, chooseEMode, type LendingPositionDec, type PriceOf } from './defi'

export interface AaveLiquidationRequest {
  collateralAsset: string
  debtAsset: string
  /** Debt the liquidator offers to repay; absent = as much as allowed (Aave's `type(uint256).max`). */
  debtToCover?: Dec
}

export type AaveLiquidationResult =
  | { outcome: 'not-liquidatable'; healthFactor: Dec | null }
  /** Aave reverts `MUST_NOT_LEAVE_DUST`: a partial liquidation would leave < minLeftoverValue. */
  | { outcome: 'must-not-leave-dust'; healthFactor: Dec; leftoverDebtValue: Dec; leftoverCollateralValue: Dec }
  | {
      outcome: 'liquidated'
      healthFactorBefore: Dec
      /** 0.5 or 1: the share of total debt this call may repay. */
      closeFactor: Dec
      debtRepaid: Dec
      /** Collateral taken from the user: liquidator's part plus the protocol fee. */
      collateralSeized: Dec
      liquidatorReceives: Dec
      protocolFee: Dec
      /** Debt burned as reserve deficit (v3.3 bad debt) when no collateral is left. */
      deficit: { asset: string; amount: Dec }[]
      after: LendingPositionDec
    }

function amountOf(list: { asset: string; amount: Dec }[], asset: string): Dec {
  return list.reduce((s, x) => (x.asset === asset ? s.add(x.amount) : s), ZERO)
}

/** One entry per asset, in first-seen order. */
function mergeByAsset(list: { asset: string; amount: Dec }[]): { asset: string; amount: Dec }[] {
  const out = new Map<string, Dec>()
  for (const x of list) out.set(x.asset, (out.get(x.asset) ?? ZERO).add(x.amount))
  return [...out].map(([asset, amount]) => ({ asset, amount }))
}

export function liquidateAaveStep(pos: LendingPositionDec, params: LendingParams, price: PriceOf, req: AaveLiquidationRequest): AaveLiquidationResult {
  const health = healthFactor(pos, params, price)
  const hf = health.healthFactor
  if (hf === null || hf.gte(ONE)) return { outcome: 'not-liquidatable', healthFactor: hf }

  const collPrice = price(req.collateralAsset)
  const debtPrice = price(req.debtAsset)
  const userCollateral = amountOf(pos.supplies, req.collateralAsset)
  const userDebt = amountOf(pos.borrows, req.debtAsset)
  const bonus = reserveTerms(params, req.collateralAsset, chooseEMode(params, pos)).liquidationBonus
  const protocolFeeRate = dec(params.reserves[req.collateralAsset].protocolFee)
  const fullBelow = dec(params.fullCloseBelowValue)

  // "by default whole debt in the reserve could be liquidated", unless collateral and debt of the
  // reserves are >= 2,000 USD and HF > 0.95: then at most 50% of the *total* debt.
  let maxDebt = userDebt
  let closeFactor = ONE
  if (userCollateral.mul(collPrice).gte(fullBelow) && userDebt.mul(debtPrice).gte(fullBelow) && hf.gt(dec(params.fullCloseHealthFactor))) {
    const cap = health.debtValue.mul(dec(params.closeFactor))
    closeFactor = dec(params.closeFactor)
    if (userDebt.mul(debtPrice).gt(cap)) maxDebt = cap.div(debtPrice)
  }
  let debt = minDec(req.debtToCover ?? maxDebt, maxDebt)

  // _calculateAvailableCollateralToLiquidate: collateral = debt value / collateral price x bonus,
  // capped by the balance (then the debt repaid shrinks to balance value / bonus).
  let collateral = debt.mul(debtPrice).div(collPrice).mul(bonus)
  if (collateral.gt(userCollateral)) {
    collateral = userCollateral
    debt = collPrice.mul(collateral).div(debtPrice).div(bonus)
  }
  const collateralValue = collateral.mul(collPrice)
  const fee = collateral.sub(collateral.div(bonus)).mul(protocolFeeRate)
  const toLiquidator = collateral.sub(fee)

  // Dust rule: unless all debt or all collateral of the reserve goes, both leftovers must be >= 1,000 USD.
  // The collateral left is what remains after the liquidator's part AND the protocol fee
  // (LiquidationLogic.sol: userCollateralBalance - actualCollateralToLiquidate - liquidationProtocolFeeAmount).
  if (debt.lt(userDebt) && collateral.lt(userCollateral)) {
    const leftoverDebtValue = userDebt.sub(debt).mul(debtPrice)
    const leftoverCollateralValue = userCollateral.sub(collateral).mul(collPrice)
    const min = dec(params.minLeftoverValue)
    if (leftoverDebtValue.lt(min) || leftoverCollateralValue.lt(min)) {
      return { outcome: 'must-not-leave-dust', healthFactor: hf, leftoverDebtValue, leftoverCollateralValue }
    }
  }

  const noCollateralLeft = health.collateralValue.eq(collateralValue)
  const supplies = mergeByAsset(pos.supplies).map((s) => (s.asset === req.collateralAsset ? { asset: s.asset, amount: s.amount.sub(collateral) } : s))
  const deficit: { asset: string; amount: Dec }[] = []
  const borrows = mergeByAsset(pos.borrows).map((b) => {
    let amount = b.asset === req.debtAsset ? b.amount.sub(debt) : b.amount
    // v3.3 bad debt: with no collateral left, every remaining debt is burned into the reserve deficit.
    if (noCollateralLeft && amount.gt(ZERO)) {
      deficit.push({ asset: b.asset, amount })
      amount = ZERO
    }
    return { asset: b.asset, amount }
  })
  return {
    outcome: 'liquidated',
    healthFactorBefore: hf,
    closeFactor,
    debtRepaid: debt,
    collateralSeized: collateral,
    liquidatorReceives: toLiquidator,
    protocolFee: fee,
    deficit,
    after: { supplies: supplies.filter((s) => s.amount.gt(ZERO)), borrows: borrows.filter((b) => b.amount.gt(ZERO)) },
  }
}

/** String-in, string-out wrapper for callers outside the engine. */
export function liquidateAaveStepText(
  pos: { supplies: { asset: string; amount: string }[]; borrows: { asset: string; amount: string }[] },
  params: LendingParams,
  prices: Record<string, string>,
  req: { collateralAsset: string; debtAsset: string; debtToCover?: string },
) {
  const toDec = (l: { asset: string; amount: string }[]) => l.map((x) => ({ asset: x.asset, amount: dec(x.amount) }))
  const r = liquidateAaveStep({ supplies: toDec(pos.supplies), borrows: toDec(pos.borrows) }, params, (a) => dec(prices[a]), {
    ...req,
    debtToCover: req.debtToCover === undefined ? undefined : dec(req.debtToCover),
  })
  const toText = (l: { asset: string; amount: Dec }[]) => l.map((x) => ({ asset: x.asset, amount: text(x.amount) }))
  switch (r.outcome) {
    case 'not-liquidatable':
      return { outcome: r.outcome, healthFactor: r.healthFactor === null ? null : text(r.healthFactor) }
    case 'must-not-leave-dust':
      return { outcome: r.outcome, healthFactor: text(r.healthFactor), leftoverDebtValue: text(r.leftoverDebtValue), leftoverCollateralValue: text(r.leftoverCollateralValue) }
    case 'liquidated':
      return {
        outcome: r.outcome,
        healthFactorBefore: text(r.healthFactorBefore),
        closeFactor: text(r.closeFactor),
        debtRepaid: text(r.debtRepaid),
        collateralSeized: text(r.collateralSeized),
        liquidatorReceives: text(r.liquidatorReceives),
        protocolFee: text(r.protocolFee),
        deficit: toText(r.deficit),
        after: { supplies: toText(r.after.supplies), borrows: toText(r.after.borrows) },
      }
  }
}
