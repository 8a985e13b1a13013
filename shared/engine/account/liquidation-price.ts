// Liquidation and bankruptcy price of one position, others held fixed: Binance's one-way formula
// (docs/VENUE-RULES.md §1.1), re-solved across brackets until |Q| x LP lies in the bracket used, and the
// bankruptcy price with mmr = cum = 0 (docs/VENUE-RULES.md §1.3). Hyperliquid's published
// `liq_price = price - side x margin_available / Q / (1 - l x side)` is the same solution.
import type { Side } from '../../model/portfolio'
import { edgeFloat, type BracketRow } from './brackets'
import { approxNumber, certainSign, compare, ONE, PRECISION, ZERO, type Dec } from '../../decimal'
import { add, div, mul, sub } from './exact-ops'

export interface LiquidationInput {
  side: Side
  qty: Dec
  entryPrice: Dec
  /** `Q x EP` exactly (see PositionInput.entryNotional); defaults to the product. */
  entryNotional?: Dec
  /**
   * `1 / Q`, when the caller has it cheaply (`EP / notional` for a position entered by notional):
   * dividing by a 34-digit derived quantity costs three times a division by a short one.
   */
  inverseQty?: Dec
  rows: readonly BracketRow[]
  /**
   * `WB - TMM1 + UPNL1` in quote units: cross uses the account's wallet balance less the other
   * positions' maintenance margin plus their unrealized PnL; isolated uses the isolated margin
   * ("If it is an isolated margin mode, then TMM=0, UPNL=0").
   */
  balance: Dec
}

export interface LiquidationSolution {
  /** The price, or null when it would be <= 0 ("the UI would display '--'"). */
  price: Dec | null
  /** The bracket whose mmr and cum the price was solved with. */
  bracket: BracketRow | null
  /** Brackets whose cap was checked, in order; the last is the one used. */
  tried: number[]
}

/** `LP = (WB - TMM1 + UPNL1 + cum - side x Q x EP) / (Q x mmr - side x Q)` for one bracket. */
export function liquidationPriceInBracket(input: LiquidationInput, row: BracketRow): Dec {
  const long = input.side === 'long'
  const entryNotional = input.entryNotional ?? input.qty.mul(input.entryPrice)
  return perUnitOfQty(input, row, withCum(input.balance, row, entryNotional, long), long)
}

/**
 * `balance + cum - side x Q x EP`. For a short, `x - (-EN)` is written `x + EN`: decimal.js
 * evaluates the first as the second (a subtraction of opposite signs is an addition, and the other
 * way round), so the digits are the same and the negation is saved.
 */
function withCum(balance: Dec, row: BracketRow, entryNotional: Dec, long: boolean): Dec {
  const b = add(balance, row.cum)
  return long ? sub(b, entryNotional) : add(b, entryNotional)
}

/** `numerator / (Q x (mmr - side))`: divide by the short (mmr - side) and multiply by 1/Q. */
function perUnitOfQty(input: LiquidationInput, row: BracketRow, numerator: Dec, long: boolean): Dec {
  const perQty = input.inverseQty ? mul(numerator, input.inverseQty) : div(numerator, input.qty)
  const denominator = row.perUnit ? (long ? row.perUnit.long : row.perUnit.short) : long ? row.mmr.sub(ONE) : row.mmr.add(ONE)
  return div(perQty, denominator)
}

/** The answer when the surplus cannot reach zero at a positive price (solved in the first bracket). */
export function noLiquidationPrice(rows: readonly BracketRow[]): LiquidationSolution {
  return { price: null, bracket: rows[0], tried: [rows[0].level] }
}

/**
 * Binance's rule: "If there is a discrepancy between the position notional (determined by the
 * liquidation price calculation) and the assumed margin level ..., you must use the maintenance
 * margin rate and the amount corresponding to the other margin levels to recalculate". Margin
 * balance minus MM is continuous and strictly monotone in the price (slope Q x (1 - mmr) for a
 * long, -Q x (1 + mmr) for a short; mmr < 1), so that re-solving has exactly one fixed point: the
 * bracket at whose floor and cap the surplus has opposite signs. We find it directly by the sign of
 * the surplus at each cap (one addition per cap, `BracketRow.edge`) and solve once there;
 * `|Q| x LP` then lies in the bracket used, which the property tests check.
 */
export function solveLiquidationPrice(input: LiquidationInput): LiquidationSolution {
  const { rows, balance } = input
  const long = input.side === 'long'
  const entryNotional = input.entryNotional ?? input.qty.mul(input.entryPrice)
  // Surplus at price 0: balance - side x Q x EP (MM is 0 there).
  const atZero = long ? sub(balance, entryNotional) : add(balance, entryNotional)
  // Long: surplus rises with the price, so a root <= 0 means no liquidation price. Short: it falls.
  if (long ? compare(atZero, ZERO) >= 0 : compare(atZero, ZERO) <= 0) return noLiquidationPrice(rows)
  // The bracket: the first cap at which the surplus `atZero + edge` has changed sign. Only the
  // sign is wanted, so it is read from floats when that is certain (a book far from liquidation
  // checks most caps); the exact sum decides the rest.
  const zeroFloat = approxNumber(atZero)
  let at = rows.length - 1
  for (let i = 0; i < rows.length; i++) {
    const edge = rows[i].edge
    if (edge === null) {
      at = i
      break
    }
    const edgeAsFloat = long ? edgeFloat(rows[i])!.long : edgeFloat(rows[i])!.short
    let sign = certainSign(zeroFloat + edgeAsFloat, Math.abs(zeroFloat) + Math.abs(edgeAsFloat))
    if (sign === 0) sign = compare(add(atZero, long ? edge.long : edge.short), ZERO)
    if (long ? sign >= 0 : sign <= 0) {
      at = i
      break
    }
  }
  const row = rows[at]
  // The numerator is `balance + cum - side x Q x EP`. With cum = 0 it is `atZero` itself: the same
  // operation on the same operands (`b - (-EN)` is computed as `b + EN`), provided `balance + 0`
  // is `balance`, i.e. balance is already at the configured precision (not a longer raw input).
  const numerator = row.cum.isZero() && balance.sd() <= PRECISION ? atZero : withCum(balance, row, entryNotional, long)
  const lp = perUnitOfQty(input, row, numerator, long)
  const tried: number[] = []
  for (let i = 0; i <= at; i++) tried.push(rows[i].level)
  return { price: compare(lp, ZERO) > 0 ? lp : null, bracket: row, tried }
}

/**
 * `BP = (WB + UPNL1 - side x Q x EP) / (-side x Q) = EP - (WB + UPNL1) / (side x Q)`: the price at
 * which margin balance is zero (docs/VENUE-RULES.md §1.3). `balance` is `WB + UPNL1` in quote units.
 * Returns the raw solution (may be <= 0); callers print `null` for those.
 */
export function bankruptcyPriceRaw(side: Side, qty: Dec, entryPrice: Dec, balance: Dec, entryNotional: Dec = qty.mul(entryPrice), inverseQty?: Dec): Dec {
  // Written as (Q x EP - side x balance) / Q so an exact entry notional stays exact.
  const numerator = side === 'long' ? sub(entryNotional, balance) : add(entryNotional, balance)
  return inverseQty ? mul(numerator, inverseQty) : div(numerator, qty)
}

/**
 * Inverse (coin-margined) contracts, isolated, no fees: PnL in coin is `Q x (1/EP - 1/P)` for a
 * long, so margin `Q / (EP x lev)` is gone at `BP = EP x lev / (lev + 1)` (Bybit [V]: "Long:
 * Bankruptcy Price = Entry Price x Leverage / (Leverage + 1)"); a short at `EP x lev / (lev - 1)`,
 * which does not exist at 1x (`null`).
 */
export function inverseBankruptcyPrice(side: Side, entryPrice: Dec, leverage: Dec): Dec | null {
  if (side === 'long') return entryPrice.mul(leverage).div(leverage.add(ONE))
  return leverage.lte(ONE) ? null : entryPrice.mul(leverage).div(leverage.sub(ONE))
}
