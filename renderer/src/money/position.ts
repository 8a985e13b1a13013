// The money of one position the editor and the metrics panel show next to the engine's figures:
// its notional at entry, the mark it was valued at, and how far that mark is from its
// liquidation price. Exact, in the engine's one configured Decimal; pure, so Vitest checks it.
import { D } from '../../../shared/decimal'
import type { PositionMetrics } from '../../../shared/model/metrics'
import type { Position } from '../../../shared/model/portfolio'
import { checkDecimal } from '../../../shared/schemas/decimal-field'
import { isDecimal } from '../lib/format'

/** Notional at entry in quote units: the given notional, or qty x entry price; null until both parse. */
export function entryNotional(p: Position): string | null {
  const entry = checkDecimal(p.entryPrice, 'positive')
  if (p.notional !== undefined && p.qty === undefined) {
    const n = checkDecimal(p.notional, 'positive')
    return n.ok ? n.value : null
  }
  const qty = checkDecimal(p.qty, 'positive')
  if (!entry.ok || !qty.ok) return null
  return new D(qty.value).times(entry.value).toFixed()
}

/** The mark a position was valued at: notional / qty (both from the engine, both exact). */
export function markOf(p: Pick<PositionMetrics, 'notional' | 'qty'>): string | null {
  if (!isDecimal(p.notional) || !isDecimal(p.qty)) return null
  const q = new D(p.qty)
  if (q.isZero()) return null
  return new D(p.notional).div(q).toString()
}

/** Relative distance from the mark to a price, signed: (target - mark) / mark. */
export function distanceFrom(mark: string | null, target: string | null): string | null {
  if (!isDecimal(mark) || !isDecimal(target)) return null
  const m = new D(mark)
  if (m.isZero()) return null
  return new D(target).minus(m).div(m).toString()
}

/** Whether a distance to liquidation is within 10% of the mark (the panel marks it "near"). */
export function isNearLiquidation(distance: string | null): boolean {
  return distance !== null && Math.abs(Number(distance)) < 0.1
}
