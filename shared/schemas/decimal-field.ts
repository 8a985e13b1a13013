// Decimal fields of the file formats: exact strings in, exact strings out, with messages that
// say what was expected and what was found (docs/FORMATS.md §1.3: "must be a positive decimal, got "-3"").
import { z } from 'zod'
import { isJsonNumberText } from './json-text'
import { shown } from './shown-input'

export type DecimalRule = 'positive' | 'nonNegative' | 'any' | 'unitInterval'

/** Plain decimal text: no exponent, no sign other than a leading minus, no spaces. */
const PLAIN_DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/
/** What a JSON number's source text may look like (the file parser keeps it as text). */
const JSON_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/
/** Larger magnitudes are typing mistakes, not books: 10^18 USD is far beyond any market. */
export const MAX_INTEGER_DIGITS = 18
/** decimal.js is configured with 34 significant digits (docs/CONVENTIONS.md §1); more would be rounded. */
export const MAX_SIGNIFICANT_DIGITS = 34
/**
 * Smaller non-zero magnitudes are typing mistakes too: 10^-18 is a wei, the smallest unit any
 * asset is counted in. With the integer bound every accepted value is 0 or has a magnitude in
 * [1e-18, 1e18), and with the digit bound it is exact in the engine's 34-digit Decimal and at most
 * 18 + 34 digits after the point (`1e-1000` would be stored as a 1,002-character string and shown
 * as 0). A figure the engine printed (34 significant digits) always passes back in.
 */
export const MIN_EXPONENT = -18

const EXPECTED: Record<DecimalRule, string> = {
  positive: 'a positive decimal',
  nonNegative: 'a decimal >= 0',
  any: 'a decimal',
  unitInterval: 'a decimal between 0 and 1 (exclusive)',
}


/** Expands exponent notation without floats: "1.5e3" -> "1500". */
function expandExponent(text: string): string | null {
  const m = /^(-?)([0-9]+)(?:\.([0-9]+))?[eE]([+-]?[0-9]+)$/.exec(text)
  if (!m) return normalise(text)
  const [, sign, int, frac = '', expText] = m
  const exp = Number(expText)
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 1000) return null
  let digits = int + frac
  let point = int.length + exp
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits
    point = 1
  } else if (point > digits.length) {
    digits = digits + '0'.repeat(point - digits.length)
  }
  return normalise(`${sign}${digits.slice(0, point)}${point < digits.length ? `.${digits.slice(point)}` : ''}`)
}

/** Strips redundant zeros so equal values have one spelling: "007.50" -> "7.5", "-0" -> "0". */
function normalise(text: string): string {
  let [int, frac = ''] = text.replace(/^-/, '').split('.')
  const negative = text.startsWith('-')
  int = int.replace(/^0+(?=[0-9])/, '')
  frac = frac.replace(/0+$/, '')
  const body = frac ? `${int}.${frac}` : int
  return negative && /[1-9]/.test(body) ? `-${body}` : body
}

function compareToZero(text: string): number {
  if (!/[1-9]/.test(text)) return 0
  return text.startsWith('-') ? -1 : 1
}

function lessThanOne(text: string): boolean {
  return text.startsWith('0') || text.startsWith('-')
}

export type DecimalCheck = { ok: true; value: string } | { ok: false; message: string }

/**
 * Checks one decimal input. Strings must be plain decimals; JSON numbers are accepted from
 * their exact source text (see `parseJsonExact`), and bare JS numbers only when they are safe
 * integers, the only numbers that are certain to be what the writer meant.
 */
export function checkDecimal(input: unknown, rule: DecimalRule): DecimalCheck {
  const fail = (): DecimalCheck => ({ ok: false, message: `must be ${EXPECTED[rule]}, got ${shown(input)}` })
  let text: string | null
  if (typeof input === 'string') text = PLAIN_DECIMAL.test(input) ? normalise(input) : null
  else if (isJsonNumberText(input)) text = JSON_NUMBER.test(input.__jsonNumber) ? expandExponent(input.__jsonNumber) : null
  else if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail()
    if (!Number.isSafeInteger(input)) {
      return { ok: false, message: `must be ${EXPECTED[rule]} written as a string (e.g. "${input}") so it stays exact, got ${input}` }
    }
    text = String(input)
  } else text = null
  if (text === null) return fail()

  const [int] = text.replace(/^-/, '').split('.')
  if (int.length > MAX_INTEGER_DIGITS) {
    return { ok: false, message: `is too large: at most ${MAX_INTEGER_DIGITS} digits before the point, got ${shown(input)}` }
  }
  const frac = text.split('.')[1] ?? ''
  if (int.replace(/^-/, '') === '0' && /[1-9]/.test(frac) && /^0*/.exec(frac)![0].length >= -MIN_EXPONENT) {
    return { ok: false, message: `is too small: a non-zero value must be at least 0.${'0'.repeat(-MIN_EXPONENT - 1)}1 (1e${MIN_EXPONENT}), got ${shown(input)}` }
  }
  if (text.replace(/[-.]/g, '').replace(/^0+/, '').length > MAX_SIGNIFICANT_DIGITS) {
    return { ok: false, message: `has more than ${MAX_SIGNIFICANT_DIGITS} significant digits, got ${shown(input)}` }
  }
  const sign = compareToZero(text)
  if (rule === 'positive' && sign <= 0) return fail()
  if (rule === 'nonNegative' && sign < 0) return fail()
  if (rule === 'unitInterval' && (sign <= 0 || !lessThanOne(text))) return fail()
  return { ok: true, value: text }
}

/** Past this many remembered texts per rule the memo starts over rather than grow without bound. */
const REMEMBERED_TEXTS = 50_000
const accepted: Record<DecimalRule, Map<string, string | null>> = { positive: new Map(), nonNegative: new Map(), any: new Map(), unitInterval: new Map() }

/**
 * `checkDecimal` of a string, remembered by the string: the normalised text when it passes, null
 * when it does not. A book sent again at every price tick repeats its ~1,500 decimal strings, and
 * the regular expressions and splits of the check were a third of validating it. Keyed by content,
 * so a document that comes back as a fresh copy (IPC clones it) is served the same verdict.
 */
export function acceptedDecimal(input: string, rule: DecimalRule): string | null {
  const memo = accepted[rule]
  let hit = memo.get(input)
  if (hit === undefined) {
    const r = checkDecimal(input, rule)
    hit = r.ok ? r.value : null
    if (memo.size >= REMEMBERED_TEXTS) memo.clear()
    memo.set(input, hit)
  }
  return hit
}

/** JSON Schema text for a decimal field (numbers allowed on input, docs/FORMATS.md §1.2). */
function jsonSchemaFor(rule: DecimalRule): Record<string, unknown> {
  const base = { description: `${EXPECTED[rule]}, as a string such as "0.004"` }
  return {
    ...base,
    anyOf: [
      { type: 'string', pattern: rule === 'any' ? PLAIN_DECIMAL.source : '^(0|[1-9][0-9]*)(\\.[0-9]+)?$' },
      { type: 'number', ...(rule === 'any' ? {} : rule === 'nonNegative' ? { minimum: 0 } : { exclusiveMinimum: 0 }) },
    ],
  }
}

/** A zod field that yields the normalised decimal string. */
export function decimalField(rule: DecimalRule) {
  return z
    .unknown()
    .transform((input, ctx): string => {
      const r = checkDecimal(input, rule)
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: r.message, input })
        return z.NEVER
      }
      return r.value
    })
    .meta({ 'x-cascade-decimal': rule, ...jsonSchemaFor(rule) })
}
