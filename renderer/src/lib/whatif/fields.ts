// The what-if editor's number fields: what the trader types (a percentage, minutes, USD with
// separators) and the exact document value it stands for, both ways through decimal.js (never a
// float), so "-13.5" % is the document's "-0.135" and back. Each parser says why a text is refused.
import { D } from '../../../../shared/decimal'
import { plain } from './paths'

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: 'number' | 'range' | 'whole' }

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/

/** Separators a trader may type in a large number: "1,000,000", "1 000 000", "1_000_000". */
const SEPARATORS = /[,\s_\u00a0\u202f]/g

function readDecimal(text: string): InstanceType<typeof D> | null {
  const t = text.trim().replace(SEPARATORS, '')
  return NUMBER.test(t) ? new D(t) : null
}

/** A percentage typed as "-13.5" -> the fraction "-0.135", within [min, max] (fractions, inclusive unless open). */
export function parsePercent(text: string, range: { min: string; max: string; openMin?: boolean; openMax?: boolean }): Parsed<string> {
  const d = readDecimal(text)
  if (!d) return { ok: false, reason: 'number' }
  const f = d.div(100)
  const lo = new D(range.min)
  const hi = new D(range.max)
  if (f.lt(lo) || f.gt(hi) || (range.openMin && f.eq(lo)) || (range.openMax && f.eq(hi))) return { ok: false, reason: 'range' }
  return { ok: true, value: plain(f) }
}

/** The fraction "-0.135" as the percentage text "-13.5". */
export const percentText = (fraction: string): string => plain(new D(fraction).mul(100))

/** Minutes typed as "80" or "1.5" -> whole milliseconds, within (0, maxMs]. */
export function parseMinutes(text: string, maxMs: number, minMs = 1): Parsed<number> {
  const d = readDecimal(text)
  if (!d) return { ok: false, reason: 'number' }
  const ms = d.mul(60_000)
  if (!ms.isInteger()) return { ok: false, reason: 'whole' }
  const n = ms.toNumber()
  if (n < minMs || n > maxMs) return { ok: false, reason: 'range' }
  return { ok: true, value: n }
}

/** Milliseconds as minutes text: 4,800,000 -> "80", 90,000 -> "1.5". */
export const minutesText = (ms: number): string => plain(new D(ms).div(60_000))

/** USD typed with or without separators -> a plain non-negative decimal ("1,000" -> "1000"). */
export function parseUsd(text: string): Parsed<string> {
  const d = readDecimal(text)
  if (!d) return { ok: false, reason: 'number' }
  if (d.isNeg()) return { ok: false, reason: 'range' }
  return { ok: true, value: plain(d) }
}

/** Whole seconds within [min, max]. */
export function parseSeconds(text: string, min: number, max: number): Parsed<number> {
  const d = readDecimal(text)
  if (!d) return { ok: false, reason: 'number' }
  if (!d.isInteger()) return { ok: false, reason: 'whole' }
  const n = d.toNumber()
  return n < min || n > max ? { ok: false, reason: 'range' } : { ok: true, value: n }
}
