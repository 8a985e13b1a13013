// f(p) = adjusted equity - ratio x MM of a unified account as one base asset's USD price p moves,
// everything else held (docs/VENUE-RULES.md §3.1): continuous and piecewise linear in p. Each term knows its
// slope on a piece and yields its breakpoints lazily in the order they are met.
import { bracketBesideProduct, bracketFor, type BracketRow } from './brackets'
import { adjustedValue, marginalRatio, type TierTable } from './collateral'
import { approxNumber, compare, ONE, ZERO, type Dec } from '../../decimal'
import type { Sign } from './position-metrics'
import type { UnifiedAccount, UnifiedAsset, UnifiedPosition } from './unified-account'

export function positionMmUsd(p: UnifiedPosition, baseUsd: Dec): Dec {
  return mmAt(p, compare(p.quotePrice, ONE) === 0, baseUsd)
}

/**
 * MM in USD at base price `baseUsd`, `unitQuote` hoisted by callers that evaluate it many times.
 * `n x mmr` is a product (already rounded), so `- cum` is skipped when cum is 0: same digits.
 */
function mmAt(p: UnifiedPosition, unitQuote: boolean, baseUsd: Dec): Dec {
  if (unitQuote) {
    const n = p.qty.mul(baseUsd)
    const r = bracketFor(p.rows, n)
    const scaled = n.mul(r.mmr)
    return r.cum.isZero() ? scaled : scaled.sub(r.cum)
  }
  const notional = p.qty.mul(baseUsd).div(p.quotePrice)
  const row = bracketFor(p.rows, notional)
  return notional.mul(row.mmr).sub(row.cum).mul(p.quotePrice)
}

/**
 * The per-row slopes of a position's MM term, `-Q x mmr x ratio`, memoized across calls: Q comes
 * from parsed-inputs.ts and the ratio from the profile (both the same Decimals from call to call
 * while the book and profile are unchanged), rows are cached per contract. Weakly held, so a
 * position that goes away takes its entries with it.
 */
const slopeMemo = new WeakMap<Dec, WeakMap<Dec, Map<BracketRow, Dec>>>()
function slopesOf(ratio: Dec, qty: Dec): Map<BracketRow, Dec> {
  let byQty = slopeMemo.get(ratio)
  if (!byQty) slopeMemo.set(ratio, (byQty = new WeakMap()))
  let rows = byQty.get(qty)
  if (!rows) byQty.set(qty, (rows = new Map()))
  return rows
}

/**
 * One term of f(p): its slope on a piece, and its breakpoints in the order they are met moving
 * from p0 in a direction, produced lazily (each costs a multiplication; most are never reached).
 */
export interface Term {
  slope(p: Dec, direction: Sign): Dec
  /** The slope once p is past every breakpoint upwards (p -> infinity). */
  finalSlope: Dec
  /** The highest breakpoint in price (null when none): past all of them f is one line. */
  lastBreakpoint: Dec | null
  cursor(direction: Sign): () => Dec | null
}

export interface SolveOptions {
  /** Apply collateral haircuts (off for the bankruptcy price: plain equity = 0). */
  haircut: boolean
  /** Target ratio: f = adjusted equity - ratio x MM (0 for the bankruptcy price). */
  ratio: Dec
}

/** Adjusted value of an asset given its USD value `v` (haircut tables are by value or by units). */
function adjustFromValue(a: UnifiedAsset, v: Dec, haircut: boolean): Dec {
  if (!haircut) return v
  return adjustedValue(a.table, v.div(a.price), a.price)
}

function ratioBesideValue(a: UnifiedAsset, v: Dec, direction: Sign, haircut: boolean): Dec {
  if (!haircut) return ONE
  return marginalRatio(a.table, a.table.basis === 'value' ? v : v.div(a.price), direction)
}

/**
 * A cursor over sorted `bounds` (ascending, in a term's own coordinate x), starting beside `x0` and
 * moving up (`up`) or down in x; `toPrice` maps a bound to the price p where x reaches it.
 */
function boundCursor(bounds: readonly Dec[], x0: Dec, up: boolean, toPrice: (bound: Dec) => Dec): () => Dec | null {
  let i = up ? bounds.findIndex((b) => b.gt(x0)) : bounds.length - 1
  if (up && i < 0) i = bounds.length
  if (!up) while (i >= 0 && bounds[i].gte(x0)) i--
  return () => {
    if (up ? i >= bounds.length : i < 0) return null
    const b = bounds[up ? i++ : i--]
    return toPrice(b)
  }
}

const finiteBounds = (t: TierTable, scale: Dec | null): Dec[] =>
  t.bounds.filter((x): x is Dec => x !== null).map((x) => (scale === null ? x : x.mul(scale)))

/**
 * Each asset the profile pegs to `base`, with its price per unit of the base's price (its price /
 * the base's price now): a pegged asset keeps its ratio to the base as the base moves.
 */
export function peggedSlopes(acc: UnifiedAccount, base: string, p0: Dec): Map<string, Dec> {
  const out = new Map<string, Dec>()
  for (const [asset, to] of acc.movesWith) {
    const a = acc.assets.get(asset)
    if (to === base && a) out.set(asset, a.price.div(p0))
  }
  return out
}

/**
 * Builds f(p) for moves of `base`'s USD price p, everything else held at today's prices.
 * Balances that move with p: the quote assets of positions on `base` (their PnL lands there,
 * Binance PM: futuresUnrealPnL is part of the asset's equity), `base` itself, and the assets the
 * profile pegs to it (BNSOL with SOL), in proportion; so do the loans' MM in those assets.
 */
export function buildSurplus(acc: UnifiedAccount, base: string, opts: SolveOptions) {
  const p0 = acc.basePrices.get(base) as Dec
  const onBase = acc.positions.filter((p) => p.base === base)
  const beta = new Map<string, Dec>()
  for (const p of onBase) beta.set(p.quote, (beta.get(p.quote) ?? ZERO).add(p.sign > 0 ? p.qty : p.qty.neg()))
  const pegged = peggedSlopes(acc, base, p0)

  let fixedAdjusted = ZERO
  const terms: Term[] = []
  // f is concave when every haircut that moves with p is (non-increasing ratios): MM is convex
  // (mmr never falls from bracket to bracket), so -ratio x MM is concave too.
  let concave = true
  const lastRatio = (t: TierTable) => (opts.haircut ? t.ratios[t.ratios.length - 1] : ONE)
  const movingValue: { a: UnifiedAsset; v0: Dec; b: Dec }[] = []
  // Pegged assets whose haircut tiers are by quantity: their units do not move, their price does
  // (k x p), so their adjusted value is a line in p: k x p x (adjusted units).
  const peggedByQty: { a: UnifiedAsset; k: Dec }[] = []
  for (const [asset, a] of acc.assets) {
    if (asset === base) continue
    const k = pegged.get(asset)
    let b = beta.get(asset)
    if (k && opts.haircut && a.table.basis === 'qty' && (!b || b.isZero())) {
      peggedByQty.push({ a, k })
      // A line: no breakpoint, and f stays as concave as it was.
      const slope = adjustedValue(a.table, a.units, k)
      terms.push({ slope: () => slope, finalSlope: slope, lastBreakpoint: null, cursor: () => () => null })
      continue
    }
    // A pegged asset (tiers by value) moves as value: units x (price / p0) x p, on top of any PnL
    // quoted in it. (Tiers by quantity and a position quoted in it too: its tiers are read at
    // today's price, as for any quote asset.)
    if (k) b = (b ?? ZERO).add(a.units.mul(k))
    if (!b || b.isZero()) {
      fixedAdjusted = fixedAdjusted.add(adjustFromValue(a, a.units.mul(a.price), opts.haircut))
      continue
    }
    const v0 = a.units.mul(a.price)
    movingValue.push({ a, v0, b })
    if (opts.haircut && !a.table.nonIncreasing) concave = false
    // v(p) = v0 + b x (p - p0): breakpoints where v crosses 0 and each tier bound (in value).
    const bounds = opts.haircut ? [ZERO, ...finiteBounds(a.table, a.table.basis === 'value' ? null : a.price)].sort((x, y) => x.cmp(y)) : []
    const perB = bounds.length ? ONE.div(b) : ZERO
    terms.push({
      slope: (p, d) => {
        const v = v0.add(b.mul(p.sub(p0)))
        return b.mul(ratioBesideValue(a, v, (b.isNeg() ? -d : d) as Sign, opts.haircut))
      },
      // p -> infinity takes v to +infinity (last tier) when b > 0, to -infinity (no haircut) when b < 0.
      finalSlope: b.isNeg() ? b : b.mul(lastRatio(a.table)),
      lastBreakpoint: bounds.length ? p0.add((b.isNeg() ? bounds[0] : bounds[bounds.length - 1]).sub(v0).mul(perB)) : null,
      cursor: (d) => boundCursor(bounds, v0, (d > 0) !== b.isNeg(), (bound) => p0.add(bound.sub(v0).mul(perB))),
    })
  }
  const own = acc.assets.get(base)
  if (own) {
    const u = own.units
    const adjustedUnits = own.table.basis === 'qty' && opts.haircut ? adjustedValue(own.table, u, ONE) : null
    const bounds = opts.haircut && own.table.basis === 'value' && u.gt(ZERO) ? finiteBounds(own.table, null) : []
    const perU = bounds.length ? ONE.div(u) : ZERO
    if (opts.haircut && !own.table.nonIncreasing) concave = false
    terms.push({
      slope: (p, d) => adjustedUnits ?? (u.lte(ZERO) ? u : u.mul(ratioBesideValue(own, u.mul(p), d, opts.haircut))),
      finalSlope: adjustedUnits ?? (u.lte(ZERO) ? u : u.mul(lastRatio(own.table))),
      lastBreakpoint: bounds.length ? bounds[bounds.length - 1].mul(perU) : null,
      cursor: (d) => boundCursor(bounds, u.mul(p0), d > 0, (bound) => bound.mul(perU)),
    })
  }
  // A slope is asked of every position term at the same p in turn: read p as a float once.
  let lastP: Dec | null = null
  let lastFloat = 0
  const floatOf = (p: Dec): number => {
    if (p !== lastP) {
      lastP = p
      lastFloat = approxNumber(p)
    }
    return lastFloat
  }
  for (const p of onBase) {
    // notional (quote) = Q x p / quotePrice; a cap is met at p = cap x quotePrice / Q.
    const unitQuote = compare(p.quotePrice, ONE) === 0
    const perPrice = unitQuote ? p.qty : p.qty.div(p.quotePrice)
    const priceOfCap = unitQuote ? p.inverseQty : p.quotePrice.mul(p.inverseQty)
    const caps = opts.ratio.isZero() ? [] : p.rows.filter((r) => r.cap !== null).map((r) => r.cap as Dec)
    // The slope on a piece depends only on the bracket: -Q x mmr x ratio, computed once per row
    // (Newton's method and the sweep ask for it at every step), and kept for the next call.
    const slopes = slopesOf(opts.ratio, p.qty)
    const slopeIn = (row: BracketRow): Dec => {
      let v = slopes.get(row)
      if (!v) slopes.set(row, (v = p.qty.mul(row.mmr).mul(opts.ratio).neg()))
      return v
    }
    let perPriceFloat: number | null = null
    terms.push({
      slope: (at, d) => slopeIn(bracketBesideProduct(p.rows, perPrice, (perPriceFloat ??= approxNumber(perPrice)), at, floatOf(at), d)),
      finalSlope: slopeIn(p.rows[p.rows.length - 1]),
      lastBreakpoint: caps.length ? caps[caps.length - 1].mul(priceOfCap) : null,
      cursor: (d) => boundCursor(caps, perPrice.mul(p0), d > 0, (cap) => cap.mul(priceOfCap)),
    })
  }
  let loanOnBase = acc.loans.get(base) ?? ZERO
  for (const [asset, perBase] of pegged) loanOnBase = loanOnBase.add((acc.loans.get(asset) ?? ZERO).mul(perBase))
  const loanMmPerPrice = loanOnBase.mul(acc.loanMmr)
  const loanSlope = loanMmPerPrice.mul(opts.ratio).neg()

  // Maintenance margin that does not move with p: the account's, less what is on this base.
  let onBaseMm = loanMmPerPrice.mul(p0)
  for (const q of onBase) onBaseMm = onBaseMm.add(q.mmNow)
  const fixedMm = acc.maintenanceMargin.sub(onBaseMm)

  const unitQuote = onBase.map((q) => compare(q.quotePrice, ONE) === 0)
  // The root finders come back to the same points (f(0), the far start of Newton's method): each
  // is evaluated once. Keyed by the Decimal they pass, which they reuse.
  const seen = new Map<Dec, Dec>()
  const f = (p: Dec): Dec => {
    const hit = seen.get(p)
    if (hit) return hit
    let adj = fixedAdjusted
    for (const m of movingValue) adj = adj.add(adjustFromValue(m.a, m.v0.add(m.b.mul(p.sub(p0))), opts.haircut))
    if (own) adj = adj.add(opts.haircut ? adjustedValue(own.table, own.units, p) : own.units.mul(p))
    for (const g of peggedByQty) adj = adj.add(adjustedValue(g.a.table, g.a.units, g.k.mul(p)))
    let mm = fixedMm.add(loanMmPerPrice.mul(p))
    for (let i = 0; i < onBase.length; i++) mm = mm.add(mmAt(onBase[i], unitQuote[i], p))
    const value = adj.sub(mm.mul(opts.ratio))
    seen.set(p, value)
    return value
  }
  // f's slope once p is past every breakpoint: asked for by both the root test and Newton's method.
  let finalSlopeSum: Dec | null = null
  const finalSlope = (): Dec => (finalSlopeSum ??= terms.reduce((sum, t) => sum.add(t.finalSlope), loanSlope))
  return { p0, f, terms, loanSlope, concave, finalSlope }
}

export type Surplus = ReturnType<typeof buildSurplus>
