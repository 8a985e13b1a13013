// Liquidation and bankruptcy price of one position, others held fixed: Binance's one-way formula
// (VENUES.md §1.1), re-solved across brackets until |Q| x LP lies in the bracket used, and the
// bankruptcy price with mmr = cum = 0 (VENUES.md §1.3). Hyperliquid's published
// `liq_price = price - side x margin_available / Q / (1 - l x side)` is the same solution.
import type { Side } from '../model/portfolio'
import type { BracketRow } from './brackets'
import { ONE, ZERO, type Dec } from './decimal'
import { signOf } from './position-metrics'

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
  const s = signOf(input.side)
  const entryNotional = input.entryNotional ?? input.qty.mul(input.entryPrice)
  const numerator = input.balance.add(row.cum).sub(s > 0 ? entryNotional : entryNotional.neg())
  // Denominator Q x (mmr - side): divide by the short (mmr - side) and multiply by 1/Q.
  const perQty = input.inverseQty ? numerator.mul(input.inverseQty) : numerator.div(input.qty)
  return perQty.div(s > 0 ? row.mmr.sub(ONE) : row.mmr.add(ONE))
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
  const { rows } = input
  const long = input.side === 'long'
  const entryNotional = input.entryNotional ?? input.qty.mul(input.entryPrice)
  // Surplus at price 0: balance - side x Q x EP (MM is 0 there).
  const atZero = long ? input.balance.sub(entryNotional) : input.balance.add(entryNotional)
  // Long: surplus rises with the price, so a root <= 0 means no liquidation price. Short: it falls.
  if (long ? atZero.gte(ZERO) : atZero.lte(ZERO)) return { price: null, bracket: rows[0], tried: [rows[0].level] }
  const tried: number[] = []
  let row = rows[rows.length - 1]
  for (const r of rows) {
    tried.push(r.level)
    if (r.edge === null) {
      row = r
      break
    }
    const atCap = atZero.add(long ? r.edge.long : r.edge.short)
    if (long ? atCap.gte(ZERO) : atCap.lte(ZERO)) {
      row = r
      break
    }
  }
  const lp = liquidationPriceInBracket({ ...input, entryNotional }, row)
  return { price: lp.gt(ZERO) ? lp : null, bracket: row, tried }
}

/**
 * `BP = (WB + UPNL1 - side x Q x EP) / (-side x Q) = EP - (WB + UPNL1) / (side x Q)`: the price at
 * which margin balance is zero (VENUES.md §1.3). `balance` is `WB + UPNL1` in quote units.
 * Returns the raw solution (may be <= 0); callers print `null` for those.
 */
export function bankruptcyPriceRaw(side: Side, qty: Dec, entryPrice: Dec, balance: Dec, entryNotional: Dec = qty.mul(entryPrice), inverseQty?: Dec): Dec {
  // Written as (Q x EP - side x balance) / Q so an exact entry notional stays exact.
  const numerator = side === 'long' ? entryNotional.sub(balance) : entryNotional.add(balance)
  return inverseQty ? numerator.mul(inverseQty) : numerator.div(qty)
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
