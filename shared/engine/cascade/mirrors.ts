// Float64 mirrors of the exact decimal engine for the hot loop (docs/CONVENTIONS.md §1: the cascade is a
// statistical model; the exact figures stay in shared/engine/*.ts). Each mirror is a few lines,
// names the function it mirrors, and takes that function's own data (derived bracket rows,
// collateral tier tables, lending terms) converted once. tests/shared/engine/cascade/mirrors.test.ts
// holds every mirror to its decimal original within 1e-9 relative on random inputs.
import type { AdlMethod } from '../../model/venue'
import type { BracketRow } from '../account/brackets'
import type { TierTable } from '../account/collateral'

/** A bracket row in float64: cap (Infinity on the last), mmr, cum. */
export interface FloatBracket {
  cap: number
  mmr: number
  cum: number
  maxLeverage: number
}

const rowCache = new WeakMap<readonly BracketRow[], FloatBracket[]>()

/** `deriveBrackets` rows (brackets.ts) as floats, cached per table. */
export function floatBrackets(rows: readonly BracketRow[]): FloatBracket[] {
  let out = rowCache.get(rows)
  if (!out) {
    out = rows.map((r) => ({ cap: r.cap === null ? Infinity : r.cap.toNumber(), mmr: r.mmr.toNumber(), cum: r.cum.toNumber(), maxLeverage: r.maxLeverage.toNumber() }))
    rowCache.set(rows, out)
  }
  return out
}

/**
 * Mirrors `maintenanceMargin(bracketFor(rows, notional), notional)` (brackets.ts): `MM = |notional|
 * x mmr - cum` of the bracket holding the notional, caps inclusive, the last bracket beyond.
 */
export function maintenanceMarginF(rows: readonly FloatBracket[], notional: number): number {
  const n = Math.abs(notional)
  let r = rows[rows.length - 1]
  for (let i = 0; i < rows.length; i++) {
    if (n <= rows[i].cap) {
      r = rows[i]
      break
    }
  }
  return n * r.mmr - r.cum
}

/** A collateral tier table (collateral.ts `TierTable`) in float64. */
export interface FloatTierTable {
  byValue: boolean
  bounds: number[]
  ratios: number[]
}

const tierCache = new WeakMap<TierTable, FloatTierTable>()

export function floatTiers(table: TierTable): FloatTierTable {
  let out = tierCache.get(table)
  if (!out) {
    out = { byValue: table.basis === 'value', bounds: table.bounds.map((b) => (b === null ? Infinity : b.toNumber())), ratios: table.ratios.map((r) => r.toNumber()) }
    tierCache.set(table, out)
  }
  return out
}

function marginalF(t: FloatTierTable, x: number): number {
  let out = 0
  let lower = 0
  for (let i = 0; i < t.ratios.length; i++) {
    const upper = t.bounds[i]
    const top = x < upper ? x : upper
    if (top > lower) out += (top - lower) * t.ratios[i]
    if (x <= upper) break
    lower = upper
  }
  return out
}

/**
 * Mirrors `adjustedValue(table, units, price)` (collateral.ts): a positive balance counts at its
 * marginal tiered collateral ratios, a negative one at 100%.
 */
export function adjustedValueF(t: FloatTierTable, units: number, price: number): number {
  if (units <= 0) return units * price
  return t.byValue ? marginalF(t, units * price) : marginalF(t, units) * price
}

export interface UniMmrInputF {
  /** Per asset: net units (wallet - loans + uPnL in that asset), USD price, tier table. */
  assets: { units: number; price: number; table: FloatTierTable }[]
  /** Per position: USD maintenance margin (already `maintenanceMarginF x quote price`). */
  positionMm: number[]
  /** Per loan: units x USD price. */
  loanValues: number[]
  loanMmr: number
}

/**
 * Mirrors `uniMmr` (unified.ts): `uniMMR = sum(adjusted equity) / sum(MM)`, MM = positions' MM +
 * loans x loanMmr (docs/VENUE-RULES.md §3.1). Infinity when there is no MM (the decimal engine says null).
 */
export function uniMmrF(u: UniMmrInputF): { adjustedEquity: number; maintenanceMargin: number; uniMMR: number } {
  let adjusted = 0
  for (const a of u.assets) adjusted += adjustedValueF(a.table, a.units, a.price)
  let mm = 0
  for (const m of u.positionMm) mm += m
  for (const v of u.loanValues) mm += v * u.loanMmr
  return { adjustedEquity: adjusted, maintenanceMargin: mm, uniMMR: mm === 0 ? Infinity : adjusted / mm }
}

/**
 * Mirrors `adlScore(method, margin, position)` (adl.ts `adlScorer`). NaN stands for the decimal
 * engine's `null` (not in the queue: its margin balance is <= 0).
 * - binance: `max(0, uPnL) / max(1, WB) x (MM / (WB + UPNL))`, 0 when WB + UPNL <= 0;
 * - bitmex: `PnL% x L` if PnL% > 0 else `PnL% / L`, PnL% = uPnL / (Q x EP), L = Q x mark / margin balance;
 * - hyperliquid: `(mark / entry or entry / mark for shorts) x Q x mark / margin balance`.
 */
export function adlScoreF(
  method: AdlMethod,
  sign: number,
  qty: number,
  entryPrice: number,
  mark: number,
  unrealizedPnl: number,
  walletBalance: number,
  marginBalance: number,
  maintenanceMargin: number,
): number {
  if (method === 'binance') {
    const pnlPct = Math.max(0, unrealizedPnl) / Math.max(1, walletBalance)
    return pnlPct * (marginBalance <= 0 ? 0 : maintenanceMargin / marginBalance)
  }
  if (marginBalance <= 0) return Number.NaN
  const leverage = (qty * mark) / marginBalance
  if (method === 'bitmex') {
    const pnlPct = unrealizedPnl / (qty * entryPrice)
    return pnlPct > 0 ? pnlPct * leverage : pnlPct / leverage
  }
  return (sign > 0 ? mark / entryPrice : entryPrice / mark) * leverage
}

/**
 * Mirrors `queuePercentiles` (adl.ts) for one entry without sorting the queue: the percentile
 * bucket (20..100) of an entry with `score` in a queue whose other entries have `scores` (NaN =
 * not queued) and `weights`. Cumulative quantity from the top through the end of the entry's tie
 * group, rounded up to a 20% bucket. `above` and `total` may come precomputed (see adl-queue.ts).
 */
export function percentileBucket(weightAtOrAbove: number, total: number): number {
  return total > 0 ? Math.min(5, Math.max(1, Math.ceil((weightAtOrAbove * 5) / total))) : 5
}

/** Mirrors `lightsFromPercentile` (adl.ts) from a bucket: 5 lights = top 20%. */
export function lightsFromBucket(bucket: number): number {
  return 6 - bucket
}

/**
 * Mirrors `healthFactor` (defi.ts): `HF = sum(supply x price x LT) / sum(borrow x price)`;
 * Infinity when there is no debt (the decimal engine says null). LTs come from `reserveTerms` with
 * the position's e-mode, resolved once per position.
 */
export function healthFactorF(supplyValues: ArrayLike<number>, thresholds: ArrayLike<number>, borrowValues: ArrayLike<number>): number {
  let weighted = 0
  for (let i = 0; i < supplyValues.length; i++) weighted += supplyValues[i] * thresholds[i]
  let debt = 0
  for (let i = 0; i < borrowValues.length; i++) debt += borrowValues[i]
  return debt === 0 ? Infinity : weighted / debt
}

/**
 * Mirrors `bankruptcyPriceRaw` (liquidation-price.ts): `BP = (side x Q x EP - balance) / (side x Q)`,
 * balance = WB + UPNL of everything else sharing the margin (cross) or the isolated margin.
 */
export function bankruptcyPriceF(sign: number, qty: number, entryNotional: number, balance: number): number {
  return (entryNotional * sign - balance) / (qty * sign)
}

export interface AaveRulesF {
  closeFactor: number
  fullCloseHealthFactor: number
  fullCloseBelowValue: number
  minLeftoverValue: number
}

export type AaveStepF =
  | { outcome: 'not-liquidatable' }
  | { outcome: 'must-not-leave-dust' }
  | { outcome: 'liquidated'; closeFactor: number; repaid: number; seized: number; protocolFee: number; badDebt: number }

/**
 * Mirrors `liquidateAaveStep` (aave-liquidation.ts) for a position with one collateral and one debt
 * (every crowd loop and loan), with `debtToCover` = the maximum: close factor 50% of the debt, or
 * 100% at HF <= 0.95 or under 2,000 USD; seized = repaid x debt price / collateral price x bonus,
 * capped by the balance; protocol fee = (seized - seized / bonus) x fee share; a partial call that
 * would leave < 1,000 USD reverts; with no collateral left the rest of the debt is bad debt.
 */
export function aaveStepF(coll: number, collPrice: number, debt: number, debtPrice: number, lt: number, bonus: number, protocolFee: number, r: AaveRulesF): AaveStepF {
  const collValue = coll * collPrice
  const debtValue = debt * debtPrice
  if (!(debtValue > 0) || (collValue * lt) / debtValue >= 1) return { outcome: 'not-liquidatable' }
  const hf = (collValue * lt) / debtValue
  let maxDebt = debt
  let closeFactor = 1
  if (collValue >= r.fullCloseBelowValue && debtValue >= r.fullCloseBelowValue && hf > r.fullCloseHealthFactor) {
    closeFactor = r.closeFactor
    const cap = debtValue * r.closeFactor
    if (debtValue > cap) maxDebt = cap / debtPrice
  }
  let repaid = maxDebt
  let seized = ((repaid * debtPrice) / collPrice) * bonus
  if (seized > coll) {
    seized = coll
    repaid = (collPrice * seized) / debtPrice / bonus
  }
  const fee = (seized - seized / bonus) * protocolFee
  const toLiquidator = seized - fee
  if (repaid < debt && seized < coll) {
    if ((debt - repaid) * debtPrice < r.minLeftoverValue || (coll - toLiquidator) * collPrice < r.minLeftoverValue) return { outcome: 'must-not-leave-dust' }
  }
  const noCollateralLeft = seized === coll
  return { outcome: 'liquidated', closeFactor, repaid, seized, protocolFee: fee, badDebt: noCollateralLeft ? debt - repaid : 0 }
}
