// The one configured Decimal of the engine (STYLE.md §4): 34 significant digits (decimal128),
// banker's rounding, built from strings only, and printed without exponents.
import Decimal from 'decimal.js'
import type { Fraction } from '../model/venue'

export const D = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 })
export type Dec = Decimal

export const ZERO: Dec = new D('0')
export const ONE: Dec = new D('1')
export const TWO: Dec = new D('2')

/** Reads a decimal string. Strings only: a JS number would carry binary rounding in. */
export function dec(text: string): Dec {
  return new D(text)
}

/** Plain decimal text with no exponent and no "-0": the form every public function returns. */
export function text(value: Dec): string {
  return value.isZero() ? '0' : value.toFixed()
}

/** Like `text`, but `null` stays `null` (a price that does not exist). */
export function textOrNull(value: Dec | null): string | null {
  return value === null ? null : text(value)
}

export function fractionValue(f: Fraction): Dec {
  return dec(f.numerator).div(dec(f.denominator))
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
