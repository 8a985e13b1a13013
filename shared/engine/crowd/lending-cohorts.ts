// The hidden-leverage cohorts of the 10/10 mechanics (docs/CRASH-MECHANICS.md §2-4, docs/MODEL.md §4):
// USDe loopers, double-leveraged whales, and market makers on unified accounts. Each writes
// legs whose trigger is the venue's collateral price of one asset, with the other legs of the
// account held at their start prices (the "others held fixed" convention of docs/VENUE-RULES.md §1.1).
import { compensatedSum, apportion, drawUniform, sizeSampler, type SizeShape } from './distributions'
import { COHORT, LEG_KIND, type Cohort, type LegWriter } from './crowd-legs'
import type { LoopShape, LooperSpec, MarketMakerSpec, WhaleSpec } from './crowd-spec'
import type { Random } from './random'

/**
 * A recursive loop in closed form (docs/VENUE-RULES.md §4.3): capital C at LTV, n loops supplies
 * T = C (1 - LTV^(n+1)) / (1 - LTV) and borrows D = T - C.
 * Worked example: C = 100,000, LTV = 0.8, n = 5 -> T = 368,928, D = 268,928.
 */
export function loopTotals(capital: number, ltv: number, loops: number): { supplied: number; debt: number } {
  const supplied = (capital * (1 - Math.pow(ltv, loops + 1))) / (1 - ltv)
  return { supplied, debt: supplied - capital }
}

/** Sizes for n accounts from the crowd's size shape, scaled to sum to `total` exactly. */
function calibratedSizes(rng: Random, n: number, total: number, shape: SizeShape): Float64Array {
  const sizes = new Float64Array(n)
  const drawSize = sizeSampler(shape)
  for (let k = 0; k < n; k++) sizes[k] = drawSize(rng)
  const scale = total / compensatedSum(sizes)
  for (let k = 0; k < n; k++) sizes[k] *= scale
  return sizes
}

/**
 * Writes one loop leg: collateral qty = T / price, debt D; HF = T p LT / D (Aave, docs/VENUE-RULES.md §4.1),
 * so it is liquidated at p* = D / (qty LT) and bankrupt at D / qty.
 */
function writeLoopLeg(w: LegWriter, cohort: Cohort, shape: LoopShape, capital: number, price: number, rng: Random): number {
  const ltv = drawUniform(rng, shape.ltv[0], shape.ltv[1])
  const loops = rng.integer(shape.loops[0], shape.loops[1])
  const { supplied, debt } = loopTotals(capital, ltv, loops)
  const i = w.nextLeg(cohort, LEG_KIND.loop, shape.asset, 1)
  const legs = w.legs
  const qty = supplied / price
  legs.qty[i] = qty
  legs.entry[i] = price
  legs.margin[i] = capital
  legs.debt[i] = debt
  legs.maintenance[i] = shape.liquidationThreshold
  legs.liqPrice[i] = debt / (qty * shape.liquidationThreshold)
  legs.bankruptcyPrice[i] = debt / qty
  return i
}

export function writeLoopers(w: LegWriter, rng: Random, spec: LooperSpec, prices: Float64Array, size: SizeShape): void {
  const capitals = calibratedSizes(rng, spec.accounts, spec.capital, size)
  for (let k = 0; k < spec.accounts; k++) {
    w.openAccount()
    writeLoopLeg(w, COHORT.looper, spec.loop, capitals[k], prices[spec.loop.asset], rng)
  }
}

/**
 * Double leverage (docs/CRASH-MECHANICS.md §3): layer 1 pledges one altcoin for a stablecoin loan at
 * `loanLtv`; layer 2 loops the borrowed stablecoins. Layer 1's margin call forces the whole
 * account (the loop is unwound to repay), so its leg has `forcesAccount`; the loop's own
 * liquidation takes only the loop. Whales are split over the pledged assets by weight, and each
 * asset's pledged value is calibrated exactly.
 */
export function writeWhales(w: LegWriter, rng: Random, spec: WhaleSpec, prices: Float64Array, size: SizeShape): void {
  const counts = apportion(spec.accounts, spec.collateral.map((c) => c.weight))
  const legs = w.legs
  spec.collateral.forEach((pledge, a) => {
    const n = counts[a]
    if (n === 0) return
    const values = calibratedSizes(rng, n, spec.collateralValue * pledge.weight, size)
    const price = prices[pledge.asset]
    for (let k = 0; k < n; k++) {
      w.openAccount()
      const value = values[k]
      const loan = value * drawUniform(rng, spec.loanLtv[0], spec.loanLtv[1])
      const i = w.nextLeg(COHORT.whale, LEG_KIND.loan, pledge.asset, 1)
      const qty = value / price
      legs.qty[i] = qty
      legs.entry[i] = price
      legs.margin[i] = value - loan
      legs.debt[i] = loan
      legs.maintenance[i] = spec.liquidationThreshold
      // HF = qty p LT / loan = 1 (docs/VENUE-RULES.md §4.1).
      legs.liqPrice[i] = loan / (qty * spec.liquidationThreshold)
      legs.bankruptcyPrice[i] = loan / qty
      legs.forcesAccount[i] = 1
      writeLoopLeg(w, COHORT.whale, spec.loop, loan, prices[spec.loop.asset], rng)
    }
  })
}

/**
 * Market makers on unified accounts (docs/CRASH-MECHANICS.md §4): inventory I across the weighted assets,
 * equity I / leverage, liability the rest. A venue liquidates the whole account when haircut
 * collateral / liability falls to `liquidationRatio` (a simplification of uniMMR, docs/VENUE-RULES.md §3.1,
 * with the liability standing for the maintenance requirement). Each leg's trigger is the price
 * of its asset that reaches the ratio with the other assets at start prices; 0 when that asset
 * alone cannot get there.
 */
export function writeMarketMakers(w: LegWriter, rng: Random, spec: MarketMakerSpec, prices: Float64Array, size: SizeShape): void {
  const inventories = calibratedSizes(rng, spec.accounts, spec.inventoryValue, size)
  const legs = w.legs
  const haircutShare = spec.inventory.reduce((s, h) => s + h.weight * h.collateralRate, 0)
  for (let k = 0; k < spec.accounts; k++) {
    w.openAccount()
    const inventory = inventories[k]
    // Why the cap: haircut inventory / liability must start above the ratio (the schema checks the
    // range's top; this keeps a draw at the edge strictly inside).
    const leverageCap = (1.02 * spec.liquidationRatio) / (1.02 * spec.liquidationRatio - haircutShare)
    let leverage = drawUniform(rng, spec.leverage[0], spec.leverage[1])
    if (leverageCap > 1 && leverage > leverageCap) leverage = leverageCap
    const liability = inventory * (1 - 1 / leverage)
    const haircutTotal = inventory * haircutShare
    for (const holding of spec.inventory) {
      const price = prices[holding.asset]
      const value = inventory * holding.weight
      const qty = value / price
      const i = w.nextLeg(COHORT.marketMaker, LEG_KIND.unified, holding.asset, 1)
      legs.qty[i] = qty
      legs.entry[i] = price
      legs.margin[i] = value / leverage
      legs.debt[i] = liability * holding.weight
      legs.maintenance[i] = spec.liquidationRatio
      legs.haircut[i] = holding.collateralRate
      const othersHaircut = haircutTotal - value * holding.collateralRate
      const othersValue = inventory - value
      legs.liqPrice[i] = Math.max(0, (spec.liquidationRatio * liability - othersHaircut) / (qty * holding.collateralRate))
      legs.bankruptcyPrice[i] = Math.max(0, (liability - othersValue) / qty)
      legs.forcesAccount[i] = 1
    }
  }
}
