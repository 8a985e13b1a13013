// Unified (portfolio) margin: uniMMR = sum(adjusted equity) / sum(MM) (docs/VENUE-RULES.md §3.1, Binance
// uniMMR FAQ) and the price of one base asset at which it reaches the profile's liquidation ratio.
// The account types live in unified-account.ts; unified-surplus.ts builds f(p) = adjusted equity -
// ratio x MM as a piecewise-linear function of that price, unified-roots.ts finds where it reaches zero.
import { adjustedValue } from './collateral'
import { ZERO, type Dec } from '../../decimal'
import type { Sign } from './position-metrics'
import type { UnifiedAccount, UnifiedAsset } from './unified-account'
import { newtonFromFarSide, sweep } from './unified-roots'
import { buildSurplus, peggedSlopes, type SolveOptions, type Surplus } from './unified-surplus'

export type { UnifiedAccount, UnifiedAsset, UnifiedPosition } from './unified-account'

export interface UniMmrFigures {
  adjustedEquity: Dec
  maintenanceMargin: Dec
  /** `null` when there is no maintenance margin (the ratio is unbounded). */
  uniMMR: Dec | null
  perAsset: Map<string, { units: Dec; value: Dec; adjusted: Dec }>
}

/** uniMMR at the current prices. */
export function uniMmr(acc: UnifiedAccount): UniMmrFigures {
  let adjusted = ZERO
  const perAsset = new Map<string, { units: Dec; value: Dec; adjusted: Dec }>()
  for (const [asset, a] of acc.assets) {
    const adj = adjustedValue(a.table, a.units, a.price)
    perAsset.set(asset, { units: a.units, value: a.units.mul(a.price), adjusted: adj })
    adjusted = adjusted.add(adj)
  }
  const mm = acc.maintenanceMargin
  return { adjustedEquity: adjusted, maintenanceMargin: mm, uniMMR: mm.isZero() ? null : adjusted.div(mm), perAsset }
}

export interface UnifiedSolution {
  /** USD price of the base asset, or null when none exists. */
  price: Dec | null
  direction: 'down' | 'up' | 'now' | null
}

/**
 * The base price nearest to today's at which adjusted equity = ratio x MM (both directions are
 * searched: a hedged account can be liquidated by a rise as well as a fall). With
 * `haircut: false, ratio: 0` it is the bankruptcy price: equity = 0.
 */
export function unifiedPriceForRatio(acc: UnifiedAccount, base: string, opts: SolveOptions): UnifiedSolution {
  if (!opts.haircut && opts.ratio.isZero()) return equityRoot(acc, base)
  const fn = buildSurplus(acc, base, opts)
  const f0 = fn.f(fn.p0)
  if (f0.isZero()) return { price: fn.p0, direction: 'now' }
  const down = rootFrom(fn, f0, -1, null)
  // Upwards only as far as the root below: the nearer one wins (ties go down).
  const up = rootFrom(fn, f0, 1, down === null ? null : fn.p0.sub(down))
  if (up !== null && (down === null || up.sub(fn.p0).lt(fn.p0.sub(down)))) return { price: up, direction: 'up' }
  if (down !== null) return { price: down, direction: 'down' }
  return { price: null, direction: null }
}

/**
 * First root of f from p0 along `direction`. A concave f (haircut ratios that never rise, and MM is
 * always convex) that is positive now has at most one root on each side, found exactly by Newton's
 * method from the far side; anything else walks f's breakpoints piece by piece.
 */
function rootFrom(fn: Surplus, f0: Dec, direction: Sign, limit: Dec | null): Dec | null {
  if (fn.concave && f0.gt(ZERO)) {
    // Positive now: a root below exists iff f(0) <= 0; above iff the final slope is negative.
    if (direction < 0 && fn.f(ZERO).gt(ZERO)) return null
    if (direction > 0 && fn.finalSlope().gte(ZERO)) return null
    const root = newtonFromFarSide(fn, f0, direction, limit)
    if (root !== 'fallback') return root
  }
  return sweep(fn, f0, direction, limit)
}

/**
 * Without haircuts or MM, f is the account's equity, a straight line in p: slope = base units held
 * + net position quantity on the base. Its root is the bankruptcy price.
 */
function equityRoot(acc: UnifiedAccount, base: string): UnifiedSolution {
  const p0 = acc.basePrices.get(base) as Dec
  let equity = ZERO
  for (const a of acc.assets.values()) equity = equity.add(a.units.mul(a.price))
  let slope = acc.assets.get(base)?.units ?? ZERO
  for (const p of acc.positions) if (p.base === base) slope = p.sign > 0 ? slope.add(p.qty) : slope.sub(p.qty)
  for (const [asset, perBase] of peggedSlopes(acc, base, p0)) slope = slope.add((acc.assets.get(asset) as UnifiedAsset).units.mul(perBase))
  if (equity.isZero()) return { price: p0, direction: 'now' }
  if (slope.isZero()) return { price: null, direction: null }
  const root = p0.sub(equity.div(slope))
  return root.gt(ZERO) ? { price: root, direction: root.lt(p0) ? 'down' : 'up' } : { price: null, direction: null }
}
