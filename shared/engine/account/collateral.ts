// Tiered collateral haircuts (docs/MODEL.md §2, docs/VENUE-RULES.md §3.1-3.3): each asset's positive balance
// counts at `min(x x ratio, x)` marginally by tier, like tax brackets; negative balances count at
// 100% (Binance: "haircut applies only to positive balances"; Bybit: "assets with a negative
// balance default to 100%"). Tiers are bounded in USD value (Binance) or in units (Bybit, OKX).
import type { CollateralTier } from '../../model/venue'
import { dec, ONE, ZERO, type Dec } from '../../decimal'

export interface TierTable {
  basis: 'value' | 'qty'
  /** Upper bound of each tier in basis units; `null` on the last (open-ended) tier. */
  bounds: (Dec | null)[]
  ratios: Dec[]
  /** Ratios never rise from tier to tier (and are <= 1): the haircut is then concave in value. */
  nonIncreasing: boolean
}

const isNonIncreasing = (ratios: Dec[]) => ratios.every((r, i) => r.lte(ONE) && (i === 0 || r.lte(ratios[i - 1])))

const cache = new WeakMap<CollateralTier[], TierTable>()

export function tierTable(tiers: CollateralTier[]): TierTable {
  const hit = cache.get(tiers)
  if (hit) return hit
  const basis = tiers.some((t) => t.upToQty !== undefined) ? 'qty' : 'value'
  const table: TierTable = {
    basis,
    bounds: tiers.map((t) => {
      const b = t.upToValue ?? t.upToQty
      return b === undefined ? null : dec(b)
    }),
    ratios: tiers.map((t) => dec(t.ratio)),
    nonIncreasing: false,
  }
  table.nonIncreasing = isNonIncreasing(table.ratios)
  cache.set(tiers, table)
  return table
}

/** A flat table for assets without tiers (Binance's default collateral rate). */
export function flatTable(ratio: Dec): TierTable {
  return { basis: 'value', bounds: [null], ratios: [ratio], nonIncreasing: ratio.lte(ONE) }
}

/** Sum over tiers of the part of `x` (>= 0) inside each tier times its ratio. */
function marginal(table: TierTable, x: Dec): Dec {
  let out = ZERO
  let lower = ZERO
  for (let i = 0; i < table.ratios.length; i++) {
    const upper = table.bounds[i]
    const top = upper === null || x.lt(upper) ? x : upper
    if (top.gt(lower)) out = out.add(top.sub(lower).mul(table.ratios[i]))
    if (upper === null || x.lte(upper)) break
    lower = upper
  }
  return out
}

/** Adjusted USD value of `units` of an asset at `price`. */
export function adjustedValue(table: TierTable, units: Dec, price: Dec): Dec {
  if (units.lte(ZERO)) return units.mul(price)
  return table.basis === 'value' ? marginal(table, units.mul(price)) : marginal(table, units).mul(price)
}

/**
 * The marginal ratio just beside `x` (basis units) on side `direction`: what one more (or one
 * less) unit of balance counts at. Below zero it is 1 (no haircut on negative balances).
 */
export function marginalRatio(table: TierTable, x: Dec, direction: 1 | -1): Dec {
  if (x.lt(ZERO) || (x.isZero() && direction < 0)) return ONE
  for (let i = 0; i < table.ratios.length; i++) {
    const upper = table.bounds[i]
    if (upper === null || x.lt(upper) || (direction < 0 && x.eq(upper))) return table.ratios[i]
  }
  return table.ratios[table.ratios.length - 1]
}

/** The tier index holding `x`, for explanations. */
export function tierIndex(table: TierTable, x: Dec): number {
  for (let i = 0; i < table.bounds.length; i++) {
    const upper = table.bounds[i]
    if (upper === null || x.lte(upper)) return i
  }
  return table.bounds.length - 1
}
