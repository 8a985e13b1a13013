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
 * A word after the first as its seven digits, leading zeros included, from its digits' char codes
 * in one string (no number printed, no table read, one allocation).
 */
function word7(w: number): string {
  const a = (w / 100_000) | 0
  const b = w - a * 100_000
  const a1 = (a / 10) | 0
  const c = (b / 1_000) | 0
  const c1 = (c / 10) | 0
  const d = b - c * 1_000
  const d1 = (d / 100) | 0
  const e = d - d1 * 100
  const e1 = (e / 10) | 0
  return String.fromCharCode(48 + a1, 48 + a - a1 * 10, 48 + c1, 48 + c - c1 * 10, 48 + d1, 48 + e1, 48 + e - e1 * 10)
}

const digitCount = (w: number): number => (w < 10 ? 1 : w < 100 ? 2 : w < 1e3 ? 3 : w < 1e4 ? 4 : w < 1e5 ? 5 : w < 1e6 ? 6 : 7)

/**
 * Plain decimal text with no exponent and no "-0": the form every public function returns.
 * `value.toFixed()` for a finite value (decimal.js `finiteToString` without an exponent), built from
 * the words directly. decimal.js aligns its base-1e7 words to the exponent (word k holds the digits
 * of 10^(7(E - k)) .. 10^(7(E - k) + 6), E = floor(e / 7)), so the decimal point always falls
 * between two words: the text is the integer words, the point, the fraction words, each padded to
 * seven digits but the first, the last one's trailing zeros dropped by arithmetic. No string is
 * scanned or sliced (each would flatten the concatenation first). The figures print thousands of
 * these per metrics call; `tests/shared/decimal.test.ts` holds it equal to `toFixed()`.
 */
export function text(value: Dec): string {
  const d = value.d
  if (!d || !d[0]) return value.isZero() ? '0' : value.toFixed()
  const last = d.length - 1
  const top = Math.floor(value.e / 7)
  // The last word without its trailing zeros, and how many digits of it are left.
  let tail = d[last]
  let tailDigits = 7
  while (tail % 10 === 0) {
    tail /= 10
    tailDigits--
  }
  let out: string
  if (top >= 0) {
    // Words 0..top are the integer part (missing ones are whole words of zeros).
    out = String(d[0])
    const intLast = top < last ? top : last
    for (let k = 1; k <= intLast; k++) out += word7(d[k])
    if (last < top) out += zeros(7 * (top - last))
    if (last > top) {
      out += '.'
      for (let k = top + 1; k < last; k++) out += word7(d[k])
      out += zeros(tailDigits - digitCount(tail)) + String(tail)
    }
  } else {
    // All fraction: whole words of zeros after the point, then every word padded.
    out = '0.' + zeros(7 * (-top - 1))
    if (last === 0) out += zeros(tailDigits - digitCount(tail)) + String(tail)
    else {
      out += word7(d[0])
      for (let k = 1; k < last; k++) out += word7(d[k])
      out += zeros(tailDigits - digitCount(tail)) + String(tail)
    }
  }
  return value.s < 0 ? '-' + out : out
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
