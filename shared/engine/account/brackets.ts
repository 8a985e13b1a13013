// Maintenance brackets of a contract: floors, caps, rates and the derived maintenance amount
// `cum`, and the bracket that holds a notional (docs/VENUE-RULES.md §1.2, docs/MODEL.md §1).
import type { ContractSpec, MaintenanceRule } from '../../model/venue'
import { approxNumber, compare, dec, ONE, text, TWO, ZERO, type Dec } from '../../decimal'
import { mul, sub } from './exact-ops'

export interface BracketRow {
  /** 1-based, as venues number them. */
  level: number
  floor: Dec
  /** `null` on the open-ended last bracket. */
  cap: Dec | null
  maxLeverage: Dec
  mmr: Dec
  cum: Dec
  /**
   * `cap - MM(cap)` and `-cap - MM(cap)` (null when open-ended): margin balance minus MM at the
   * cap is `(balance - side x Q x EP) + edge[side]`, so the liquidation price's bracket is found
   * with one addition per cap (liquidation-price.ts).
   */
  edge: { long: Dec; short: Dec } | null
  /**
   * `mmr - 1` and `mmr + 1`: the liquidation price's denominator `Q x (mmr - side)` per unit of Q,
   * derived once with the row (rows built by hand leave it out and liquidation-price.ts derives it).
   */
  perUnit?: { long: Dec; short: Dec }
  /** `text(mmr)`, printed once with the row (rows built by hand leave it out). */
  mmrText?: string
}

const cache = new WeakMap<ContractSpec, Map<MaintenanceRule, BracketRow[]>>()

/** Hyperliquid margin tiers: "mmr = half of the initial margin at max leverage" (docs/VENUE-RULES.md §2.5). */
function rateOf(bracket: ContractSpec['brackets'][number], rule: MaintenanceRule): Dec {
  if (rule === 'half-initial') return ONE.div(dec(bracket.maxLeverage).mul(TWO))
  if (bracket.mmr === undefined) throw new Error('bracket without mmr under the table rule (the schema refuses this)')
  return dec(bracket.mmr)
}

/**
 * Rows with `cum` derived, never typed. Binance FAQ: "Maintenance Amount on Level n = Floor of
 * Position Bracket on Level n x (MMR_n - MMR_{n-1}) + Maintenance Amount on Level n-1", cum(1) = 0;
 * Hyperliquid's `maintenance_deduction` is the same recursion.
 */
export function deriveBrackets(contract: ContractSpec, rule: MaintenanceRule = 'table'): BracketRow[] {
  let byRule = cache.get(contract)
  const hit = byRule?.get(rule)
  if (hit) return hit
  const rows: BracketRow[] = []
  contract.brackets.forEach((b, i) => {
    const mmr = rateOf(b, rule)
    const floor = i === 0 ? ZERO : (rows[i - 1].cap as Dec)
    const cum = i === 0 ? ZERO : rows[i - 1].cum.add(floor.mul(mmr.sub(rows[i - 1].mmr)))
    const cap = b.notionalCap === undefined ? null : dec(b.notionalCap)
    const mmAtCap = cap === null ? null : cap.mul(mmr).sub(cum)
    const edge = cap === null || mmAtCap === null ? null : { long: cap.sub(mmAtCap), short: cap.neg().sub(mmAtCap) }
    rows.push({ level: i + 1, floor, cap, maxLeverage: dec(b.maxLeverage), mmr, cum, edge, perUnit: { long: mmr.sub(ONE), short: mmr.add(ONE) }, mmrText: text(mmr) })
  })
  if (!byRule) cache.set(contract, (byRule = new Map()))
  byRule.set(rule, rows)
  return rows
}

/**
 * The bracket holding `notional` (>= 0): caps are inclusive (a notional exactly at a cap is in
 * the lower bracket, the one whose maximum position it is). Past the last cap the last bracket
 * still applies: MM must exist for any notional a price move can produce.
 */
export function bracketFor(rows: readonly BracketRow[], notional: Dec): BracketRow {
  for (const row of rows) if (row.cap === null || compare(notional, row.cap) <= 0) return row
  return rows[rows.length - 1]
}

/** The bracket just above or below `notional` on the given side (for slopes of MM in a price). */
export function bracketBeside(rows: readonly BracketRow[], notional: Dec, direction: 1 | -1): BracketRow {
  if (direction < 0) return bracketFor(rows, notional)
  for (const row of rows) if (row.cap === null || compare(notional, row.cap) < 0) return row
  return rows[rows.length - 1]
}

const capFloats = new WeakMap<BracketRow, number>()
function capFloat(row: BracketRow): number {
  let c = capFloats.get(row)
  if (c === undefined) capFloats.set(row, (c = row.cap === null ? Infinity : row.cap.toNumber()))
  return c
}

/**
 * `bracketBeside(rows, factor x p, direction)` without computing the 34-digit product when it
 * cannot matter: only the bracket is wanted, not the notional. With `factorFloat` and `pFloat`
 * within 1e-15 (relative) of factor and p (`approxNumber`), their product is within ~3e-15 of
 * the exact one, and the product rounded to 34 digits within 1e-33 of it, so a cap more than 1e-9
 * away (relative) falls on the same side of both. Only when the estimate is that close to a cap
 * (or not a positive finite number) is the exact product computed and compared. Float decides a
 * branch here, never a figure: the row returned is the one the exact test gives.
 */
export function bracketBesideProduct(rows: readonly BracketRow[], factor: Dec, factorFloat: number, p: Dec, pFloat: number, direction: 1 | -1): BracketRow {
  const approx = factorFloat * pFloat
  if (approx > 0 && approx < Infinity) {
    for (const row of rows) {
      if (row.cap === null) return row
      const cap = capFloat(row)
      if (Math.abs(approx - cap) <= cap * 1e-9) return bracketBeside(rows, factor.mul(p), direction)
      if (approx < cap) return row
    }
    return rows[rows.length - 1]
  }
  return bracketBeside(rows, factor.mul(p), direction)
}

const edgeFloats = new WeakMap<BracketRow, { long: number; short: number }>()

/** `row.edge` as floats (for `certainSign`); null on the open-ended last bracket. */
export function edgeFloat(row: BracketRow): { long: number; short: number } | null {
  if (row.edge === null) return null
  let f = edgeFloats.get(row)
  if (!f) edgeFloats.set(row, (f = { long: approxNumber(row.edge.long), short: approxNumber(row.edge.short) }))
  return f
}

/** `MM = |notional| x mmr - cum` of the bracket that holds it (docs/VENUE-RULES.md §1.2). */
export function maintenanceMargin(row: BracketRow, notional: Dec): Dec {
  return notional.abs().mul(row.mmr).sub(row.cum)
}

/**
 * `maintenanceMargin` for a notional that is itself a result at the configured precision (a
 * product, never a raw input): `abs` of a non-negative one and `x - 0` would only re-round a value
 * that is already rounded, so they are skipped. Same digits, two fewer operations per position.
 */
export function maintenanceMarginOfRounded(row: BracketRow, notional: Dec): Dec {
  const scaled = mul(notional.isNeg() ? notional.abs() : notional, row.mmr)
  return row.cum.isZero() ? scaled : sub(scaled, row.cum)
}

/** The last bracket's cap, or `null` when the table is open-ended. */
export function largestCap(rows: readonly BracketRow[]): Dec | null {
  return rows[rows.length - 1].cap
}
