// Float64 -> decimal strings for events and the summary (docs/CONVENTIONS.md §2: "decimals cross as
// strings"). The cascade is a statistical model run in float64 (docs/MODEL.md §4), so its figures are
// rounded here, once, deterministically: USD to cents, prices and quantities to 10 significant
// digits, ratios to 6. Never an exponent, never "-0".

/** Plain decimal text of a finite float with at most `sig` significant digits. */
export function plain(x: number, sig = 10): string {
  if (!Number.isFinite(x)) return '0'
  if (x === 0) return '0'
  let s = x.toPrecision(sig)
  if (s.includes('e')) s = expandExponent(s)
  if (s.includes('.')) {
    // Trailing zeros of the fraction, then a bare point (what /0+$/ and /\.$/ would remove).
    let end = s.length
    while (s.charCodeAt(end - 1) === 48) end--
    if (s.charCodeAt(end - 1) === 46) end--
    if (end < s.length) s = s.slice(0, end)
  }
  return s === '-0' ? '0' : s
}

/** `1.5e-7` -> `0.00000015`, `1.2e+21` -> `1200000000000000000000`. */
function expandExponent(s: string): string {
  const [mantissa, expText] = s.split('e')
  const exp = Number(expText)
  const negative = mantissa.startsWith('-')
  const digits = mantissa.replace('-', '').replace('.', '')
  const pointAt = (mantissa.replace('-', '').indexOf('.') === -1 ? mantissa.replace('-', '').length : mantissa.replace('-', '').indexOf('.')) + exp
  let out: string
  if (pointAt <= 0) out = `0.${'0'.repeat(-pointAt)}${digits}`
  else if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length)
  else out = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`
  return negative ? `-${out}` : out
}

/** USD amount rounded to cents: `1234.5` -> `"1234.5"`, `0.004` -> `"0"`. */
export function usd(x: number): string {
  return centsText(toCents(x))
}

/** Whole cents of a USD amount (half away from zero), the unit sums are made in. */
export function toCents(x: number): number {
  if (!Number.isFinite(x)) return 0
  const c = Math.round(Math.abs(x) * 100)
  return x < 0 ? -c : c
}

/** Decimal text of a whole number of cents. */
export function centsText(cents: number): string {
  if (cents === 0) return '0'
  const negative = cents < 0
  const abs = Math.abs(cents)
  const whole = Math.floor(abs / 100)
  const frac = abs - whole * 100
  const fracText = frac === 0 ? '' : `.${String(frac).padStart(2, '0').replace(/0$/, '')}`
  return `${negative ? '-' : ''}${plain(whole, 21)}${fracText}`
}

/** A price or a quantity: 10 significant digits. */
export const price = (x: number): string => plain(x, 10)
export const qty = (x: number): string => plain(x, 10)
/** A ratio or a share: 6 significant digits. */
export const ratio = (x: number): string => plain(x, 6)

/** Crowd account id as events show it: `c000123`. */
export function crowdAccountId(account: number): string {
  return `c${String(account).padStart(6, '0')}`
}
