// The one configured Decimal (docs/CONVENTIONS.md §1), below both shared/engine and shared/schemas (the venue
// validator reads rates with it): 34 significant digits (decimal128),
// banker's rounding, built from strings only, and printed without exponents.
import Decimal from 'decimal.js'
import type { Fraction } from './model/venue'

export const PRECISION = 34
export const D = Decimal.clone({ precision: PRECISION, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 })
export type Dec = Decimal

export const ZERO: Dec = new D('0')
export const ONE: Dec = new D('1')
export const TWO: Dec = new D('2')

/** Reads a decimal string. Strings only: a JS number would carry binary rounding in. */
export function dec(text: string): Dec {
  return new D(text)
}

/** `'0'.repeat(k)` for the short runs of zeros a word or a point placement needs. */
const ZEROS = Array.from({ length: 64 }, (_, k) => '0'.repeat(k))
const zeros = (k: number): string => (k < ZEROS.length ? ZEROS[k] : '0'.repeat(k))

/**
 * Plain decimal text with no exponent and no "-0": the form every public function returns.
 * `value.toFixed()` for a finite value (decimal.js `finiteToString` without an exponent), built from
 * the words directly: each word padded to seven digits, the last one's trailing zeros dropped, the
 * point placed by the exponent. The figures print thousands of these per metrics call;
 * `tests/shared/decimal.test.ts` holds it equal to `toFixed()`.
 */
export function text(value: Dec): string {
  const d = value.d
  if (!d || !d[0]) return value.isZero() ? '0' : value.toFixed()
  const last = d.length - 1
  let digits = String(d[0])
  for (let i = 1; i <= last; i++) {
    const w = String(d[i])
    digits += w.length < 7 ? zeros(7 - w.length) + w : w
  }
  // Trailing zeros of the last word (the last word is never 0: decimal.js keeps no zero words at the end).
  let end = digits.length
  while (digits.charCodeAt(end - 1) === 48) end--
  if (end < digits.length) digits = digits.slice(0, end)
  const e = value.e
  const len = digits.length
  let out: string
  if (e < 0) out = `0.${zeros(-e - 1)}${digits}`
  else if (e >= len) out = digits + zeros(e + 1 - len)
  else out = e + 1 < len ? `${digits.slice(0, e + 1)}.${digits.slice(e + 1)}` : digits
  return value.s < 0 ? `-${out}` : out
}

const texts = new WeakMap<Dec, string>()

/**
 * `text` of a Decimal that is reused from call to call (a parsed input, a bracket's rate): printed
 * once. Decimals are immutable, so the text cannot go stale.
 */
export function cachedText(value: Dec): string {
  let s = texts.get(value)
  if (s === undefined) texts.set(value, (s = text(value)))
  return s
}

/** Like `text`, but `null` stays `null` (a price that does not exist). */
export function textOrNull(value: Dec | null): string | null {
  return value === null ? null : text(value)
}

export function fractionValue(f: Fraction): Dec {
  return dec(f.numerator).div(dec(f.denominator))
}

/**
 * `a.cmp(b)` without the copy of `b` that decimal.js makes on every comparison: the same steps as
 * its `comparedTo`, on the typed read-only fields `d` (base-1e7 words), `e` and `s`. Comparisons
 * against caps and zero are the commonest call in the per-position loops. NaN and infinities go
 * to decimal.js itself.
 */
export function compare(a: Dec, b: Dec): number {
  const ad = a.d
  const bd = b.d
  const as = a.s
  if (!ad || !bd) return a.cmp(b)
  if (!ad[0] || !bd[0]) return ad[0] ? as : bd[0] ? -b.s : 0
  if (as !== b.s) return as
  if (a.e !== b.e) return a.e > b.e !== as < 0 ? 1 : -1
  const n = ad.length < bd.length ? ad.length : bd.length
  for (let i = 0; i < n; i++) if (ad[i] !== bd[i]) return ad[i] > bd[i] !== as < 0 ? 1 : -1
  return ad.length === bd.length ? 0 : ad.length > bd.length !== as < 0 ? 1 : -1
}

/** Powers of ten that are exact doubles. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i)

/**
 * A float64 within 1e-15 (relative) of `x`, read from its leading four base-1e7 words (at least
 * 22 digits; the rest cannot move a double): for deciding a branch whose outcome is certain by a
 * wide margin (see `certainSign`), never for a figure. `toNumber` would print and re-parse the
 * whole value. decimal.js keeps `x = sum(d[i] x 1e7^(floor(e / 7) - i))`. Far from the range of
 * doubles (|exponent| > 290) and for infinities it is NaN, which no caller takes as certain: they
 * fall back to exact arithmetic.
 */
export function approxNumber(x: Dec): number {
  const d = x.d
  if (!d || x.e > 290 || x.e < -290) return NaN
  if (!d[0]) return 0
  // The leading words as a number in [1, 1e7), then scaled by the first word's power of 1e7.
  let f = 0
  for (let i = d.length < 4 ? d.length - 1 : 3; i > 0; i--) f = (f + d[i]) / 1e7
  f += d[0]
  const scale = 7 * Math.floor(x.e / 7)
  const v = scale >= 0 ? f * (scale < 23 ? POW10[scale] : 10 ** scale) : f / (scale > -23 ? POW10[-scale] : 10 ** -scale)
  return x.s < 0 ? -v : v
}

/**
 * The sign (+1 or -1) of an exact sum of a few terms, from the float sum of their `approxNumber`s,
 * or 0 when that is not certain. Each float is within ~1e-15 of its term, and rounding to 34
 * digits moves a partial sum by ~1e-34 of it, so a float sum more than 1e-9 of `magnitude` (the
 * sum of the terms' absolute values) away from zero has the exact result's sign; rounding keeps a
 * sign and never gives 0 from a non-zero sum. Callers compute exactly when this returns 0.
 */
export function certainSign(sum: number, magnitude: number): number {
  return Math.abs(sum) > magnitude * 1e-9 ? (sum > 0 ? 1 : -1) : 0
}

export function minDec(a: Dec, b: Dec): Dec {
  return a.lt(b) ? a : b
}

export function maxDec(a: Dec, b: Dec): Dec {
  return a.gt(b) ? a : b
}

/** `1234567.5` -> `1,234,567.5`: for messages, never for figures. */
export function grouped(value: Dec | string): string {
  const s = typeof value === 'string' ? value : text(value)
  const [int, frac] = s.split('.')
  const sign = int.startsWith('-') ? '-' : ''
  const digits = int.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${digits}${frac ? `.${frac}` : ''}`
}
