// Maintenance brackets of a contract: floors, caps, rates and the derived maintenance amount
// `cum`, and the bracket that holds a notional (VENUES.md §1.2, ENGINE.md §1).
import type { ContractSpec, MaintenanceRule } from '../model/venue'
import { dec, ONE, TWO, ZERO, type Dec } from './decimal'

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
}

const cache = new WeakMap<ContractSpec, Map<MaintenanceRule, BracketRow[]>>()

/** Hyperliquid margin tiers: "mmr = half of the initial margin at max leverage" (VENUES.md §2.5). */
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
    rows.push({ level: i + 1, floor, cap, maxLeverage: dec(b.maxLeverage), mmr, cum, edge })
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
  for (const row of rows) if (row.cap === null || notional.lte(row.cap)) return row
  return rows[rows.length - 1]
}

/** The bracket just above or below `notional` on the given side (for slopes of MM in a price). */
export function bracketBeside(rows: readonly BracketRow[], notional: Dec, direction: 1 | -1): BracketRow {
  if (direction < 0) return bracketFor(rows, notional)
  for (const row of rows) if (row.cap === null || notional.lt(row.cap)) return row
  return rows[rows.length - 1]
}

/** `MM = |notional| x mmr - cum` of the bracket that holds it (VENUES.md §1.2). */
export function maintenanceMargin(row: BracketRow, notional: Dec): Dec {
  return notional.abs().mul(row.mmr).sub(row.cum)
}

/** The last bracket's cap, or `null` when the table is open-ended. */
export function largestCap(rows: readonly BracketRow[]): Dec | null {
  return rows[rows.length - 1].cap
}
