// Read-only figures: exact decimal strings with thousands separators, never through a float.
import Decimal from 'decimal.js'
import type { Position } from '../../../shared/model/portfolio'
import { checkDecimal } from '../../../shared/schemas/decimal-field'

/** Money arithmetic with 34 significant digits, banker's rounding (docs/CONVENTIONS.md §1). */
export const Dec = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_EVEN })

/** "-1234567.5" -> "-1,234,567.5"; text that is not a plain decimal is returned unchanged. */
export function groupThousands(text: string): string {
  const m = /^(-?)([0-9]+)(\.[0-9]+)?$/.exec(text)
  if (!m) return text
  const [, sign, int, frac = ''] = m
  return `${sign}${int.replace(/\B(?=([0-9]{3})+(?![0-9]))/g, ',')}${frac}`
}

/** A decimal string rounded to `dp` places and grouped: ("4999560", 2) -> "4,999,560.00". */
export function formatFixed(text: string, dp: number): string {
  return groupThousands(new Dec(text).toFixed(dp))
}

/** Notional at entry in quote units: the given notional, or qty x entry price; null until both parse. */
export function entryNotional(p: Position): string | null {
  const entry = checkDecimal(p.entryPrice, 'positive')
  if (p.notional !== undefined && p.qty === undefined) {
    const n = checkDecimal(p.notional, 'positive')
    return n.ok ? n.value : null
  }
  const qty = checkDecimal(p.qty, 'positive')
  if (!entry.ok || !qty.ok) return null
  return new Dec(qty.value).times(entry.value).toFixed()
}

/** "1 position", "3 positions", "1,204 positions". */
export function countLabel(n: number, one: string, many: string): string {
  return `${groupThousands(String(n))} ${n === 1 ? one : many}`
}
