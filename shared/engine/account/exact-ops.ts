// `x + y`, `x - y`, `x x y` and `x / y` of two Decimals exactly as decimal.js computes them: its
// own algorithms (decimal.js 10.6 `plus`, `minus`, `times`, `divide` and `finalise`, MIT licence), step for step,
// so every result has the same digits, exponent and sign, for the one configuration the engine
// uses (34 significant digits, half-even; shared/decimal.ts). What is left out is what the metrics'
// hot loops pay for nothing: decimal.js copies the second operand on every call (a new Decimal
// and its digit array), and its rounding step is written for any precision and rounding mode.
// Zeros, infinities and NaN go to decimal.js itself. `tests/shared/engine/account/exact-ops.test.ts`
// compares every result with decimal.js's on 400,000 random operands, ties, carries, borrows
// and far-apart exponents (docs/ENGINE-NOTES.md "Performance"). One step is not decimal.js's: a
// divisor of at most seven significant digits that its word alignment spreads over two words
// (`mmr +- 1`, a round balance) is divided as the one-word integer it is, then the point moved
// (`divByShort`: the same digits, because both are the correctly rounded quotient).
import { D, PRECISION, ZERO, type Dec } from '../../decimal'

const BASE = 1e7
const LOG_BASE = 7
/** decimal.js's `mathpow(10, n)` for the n its rounding step uses (0..7), computed the same way. */
const POW10 = Array.from({ length: LOG_BASE + 1 }, (_, n) => Math.pow(10, n))
/** Words a result's digits may need before rounding starts (decimal.js `Math.ceil(pr / LOG_BASE)`). */
const PRECISION_WORDS = Math.ceil(PRECISION / LOG_BASE)
const MAX_E = D.maxE
const MIN_E = D.minE
const PROTOTYPE = D.prototype

// The rounding step below is decimal.js's for rounding mode 6 (half-even) and a precision of at
// least one full word; any other configuration must go through decimal.js.
if (D.rounding !== D.ROUND_HALF_EVEN || PRECISION < LOG_BASE + 1) throw new Error('exact-ops.ts is written for half-even rounding at >= 8 digits')

/** Number of decimal digits of a word (1e7 > w >= 1), or of a word plus a carry (< 2e7). */
function digitsOf(w: number): number {
  return w < 10 ? 1 : w < 100 ? 2 : w < 1e3 ? 3 : w < 1e4 ? 4 : w < 1e5 ? 5 : w < 1e6 ? 6 : w < 1e7 ? 7 : 8
}

/** A Decimal built the way decimal.js's constructor leaves one: `constructor`, `s`, `e`, `d`, in that order. */
function decimal(s: number, e: number, d: number[] | null): Dec {
  const x = Object.create(PROTOTYPE) as { constructor: unknown; s: number; e: number; d: number[] | null }
  x.constructor = D
  x.s = s
  x.e = e
  x.d = d
  return x as unknown as Dec
}

/**
 * decimal.js `finalise(x, PRECISION, ROUND_HALF_EVEN, isTruncated)` with `external` set, on a
 * non-zero finite value given by its words `xd` (modified in place) and base-10 exponent `e`: the
 * rounded Decimal. `isTruncated`: digits beyond `xd` were dropped and are not all zero (a division's
 * remainder).
 */
function rounded(s: number, e: number, xd: number[], isTruncated = false): Dec {
  // The first word has at most 7 digits, so the rounding digit is never in it (PRECISION >= 8).
  let i = PRECISION - digitsOf(xd[0])
  let xdi = Math.ceil((i + 1) / LOG_BASE)
  let w: number
  let digits: number
  let j: number
  let rd: number
  let round = true
  if (xdi >= xd.length) {
    if (isTruncated) {
      // The rounding digit lies beyond the words: zeros up to it, then nonzero digits beyond.
      for (let k = xd.length; k++ <= xdi; ) xd.push(0)
      w = rd = 0
      digits = 1
      i %= LOG_BASE
      j = i - LOG_BASE + 1
    } else {
      round = false
      w = rd = digits = j = 0
    }
  } else {
    w = xd[xdi]
    digits = digitsOf(w)
    i %= LOG_BASE
    // The rounding digit's index within w, counting w's leading zeros out (< 0: a leading zero).
    j = i - LOG_BASE + digits
    rd = j < 0 ? 0 : ((w / POW10[digits - j - 1]) | 0) % 10
  }
  if (round) {
    const truncated = isTruncated || xd[xdi + 1] !== undefined || (j < 0 ? w : w % POW10[digits - j - 1])
    const roundUp = rd > 5 || (rd == 5 && (truncated || (i > 0 ? (j > 0 ? w / POW10[digits - j] : 0) : xd[xdi - 1]) & 1))
    let k: number
    // Truncating by pops: setting `length` is a call into the runtime, and one or two words go.
    if (i == 0) {
      while (xd.length > xdi) xd.pop()
      k = 1
      xdi--
    } else {
      while (xd.length > xdi + 1) xd.pop()
      k = POW10[LOG_BASE - i]
      xd[xdi] = j > 0 ? (((w / POW10[digits - j]) | 0) % POW10[j]) * k : 0
    }
    if (roundUp) {
      for (;;) {
        if (xdi == 0) {
          const before = digitsOf(xd[0])
          xd[0] += k
          if (before != digitsOf(xd[0])) {
            e++
            if (xd[0] == BASE) xd[0] = 1
          }
          break
        }
        xd[xdi] += k
        if (xd[xdi] != BASE) break
        xd[xdi--] = 0
        k = 1
      }
    }
    for (let t = xd.length; xd[--t] === 0; ) xd.pop()
  }
  if (e > MAX_E) return decimal(s, NaN, null)
  if (e < MIN_E) return decimal(s, 0, [0])
  return decimal(s, e, xd)
}

/** decimal.js `getBase10Exponent`: the word exponent `e` and the first word's digits. */
const base10Exponent = (xd: readonly number[], e: number): number => e * LOG_BASE + digitsOf(xd[0]) - 1

/** `words` with `zeros` zero words in front (a new array). */
function shifted(words: readonly number[], zeros: number): number[] {
  const out = new Array<number>(zeros + words.length)
  for (let i = 0; i < zeros; i++) out[i] = 0
  for (let i = 0; i < words.length; i++) out[zeros + i] = words[i]
  return out
}

/** |x| + |y| with the sign `s` of both (decimal.js `plus` once the signs agree). */
function plusSameSign(s: number, xd0: readonly number[], xe: number, yd0: readonly number[], ye: number): Dec {
  const kx = Math.floor(xe / LOG_BASE)
  let e = Math.floor(ye / LOG_BASE)
  let xd: number[]
  let yd: number[]
  let i = kx - e
  if (i) {
    // The operand with the smaller exponent gets zero words in front (decimal.js limits how many,
    // keeping only its first word past the limit: below the rounding digit it only says "not zero").
    let len: number
    const smallerIsX = i < 0
    if (smallerIsX) {
      i = -i
      len = yd0.length
    } else {
      e = kx
      len = xd0.length
    }
    len = PRECISION_WORDS > len ? PRECISION_WORDS + 1 : len + 1
    const cut = i > len
    if (cut) i = len
    if (smallerIsX) {
      xd = shifted(cut ? [xd0[0]] : xd0, i)
      yd = yd0 as number[]
    } else {
      xd = xd0.slice()
      yd = shifted(cut ? [yd0[0]] : yd0, i)
    }
  } else {
    xd = xd0.slice()
    yd = yd0 as number[]
  }
  let len = xd.length
  i = yd.length
  // The longer array takes the sum (a copy: never the caller's digits).
  if (len - i < 0) {
    i = len
    const d = yd === yd0 ? yd0.slice() : yd
    yd = xd
    xd = d
  }
  let carry = 0
  while (i) {
    --i
    const t = xd[i] + yd[i] + carry
    carry = t >= BASE ? 1 : 0
    xd[i] = carry ? t - BASE : t
  }
  if (carry) {
    xd.unshift(carry)
    ++e
  }
  for (len = xd.length; xd[--len] == 0; ) xd.pop()
  return rounded(s, base10Exponent(xd, e), xd)
}

/** x - y for x and y of the same sign `s` (decimal.js `minus` once the signs agree). */
function minusSameSign(s: number, xd0: readonly number[], xe0: number, yd0: readonly number[], ye: number): Dec {
  let e = Math.floor(ye / LOG_BASE)
  const xe = Math.floor(xe0 / LOG_BASE)
  let xd: number[]
  let yd: number[]
  let k = xe - e
  let xLTy: boolean
  if (k) {
    xLTy = k < 0
    let len: number
    if (xLTy) {
      k = -k
      len = yd0.length
    } else {
      e = xe
      len = xd0.length
    }
    const limit = Math.max(PRECISION_WORDS, len) + 2
    const cut = k > limit
    if (cut) k = limit
    if (xLTy) {
      xd = shifted(cut ? [xd0[0]] : xd0, k)
      yd = yd0.slice()
    } else {
      xd = xd0.slice()
      yd = shifted(cut ? [yd0[0]] : yd0, k)
    }
  } else {
    // Equal word exponents: the larger magnitude by its digits.
    xd = xd0.slice()
    yd = yd0 as number[]
    let i = xd.length
    let len = yd.length
    xLTy = i < len
    if (xLTy) len = i
    for (i = 0; i < len; i++) {
      if (xd[i] != yd[i]) {
        xLTy = xd[i] < yd[i]
        break
      }
    }
    k = 0
    if (xLTy) yd = yd0.slice()
  }
  if (xLTy) {
    const d = xd
    xd = yd
    yd = d
    s = -s
  }
  let len = xd.length
  // Zeros after the minuend's digits up to the subtrahend's length.
  for (let i = yd.length - len; i > 0; --i) xd[len++] = 0
  for (let i = yd.length; i > k; ) {
    if (xd[--i] < yd[i]) {
      let j = i
      while (j && xd[--j] === 0) xd[j] = BASE - 1
      --xd[j]
      xd[i] += BASE
    }
    xd[i] -= yd[i]
  }
  for (; xd[--len] === 0; ) xd.pop()
  for (; xd[0] === 0; xd.shift()) --e
  if (!xd[0]) return ZERO
  return rounded(s, base10Exponent(xd, e), xd)
}

/** `x.add(y)`, the same Decimal value to the last digit. */
export function add(x: Dec, y: Dec): Dec {
  const xd = x.d
  const yd = y.d
  if (!xd || !yd || !xd[0] || !yd[0]) return x.add(y)
  return x.s === y.s ? plusSameSign(x.s, xd, x.e, yd, y.e) : minusSameSign(x.s, xd, x.e, yd, y.e)
}

/** `x.sub(y)`, the same Decimal value to the last digit. */
export function sub(x: Dec, y: Dec): Dec {
  const xd = x.d
  const yd = y.d
  if (!xd || !yd || !xd[0] || !yd[0]) return x.sub(y)
  return x.s === y.s ? minusSameSign(x.s, xd, x.e, yd, y.e) : plusSameSign(x.s, xd, x.e, yd, y.e)
}

/** `x.mul(y)`, the same Decimal value to the last digit. */
export function mul(x: Dec, y: Dec): Dec {
  let xd = x.d
  let yd = y.d
  if (!xd || !yd || !xd[0] || !yd[0]) return x.mul(y)
  let e = Math.floor(x.e / LOG_BASE) + Math.floor(y.e / LOG_BASE)
  let xdL = xd.length
  let ydL = yd.length
  if (xdL < ydL) {
    const r = xd
    xd = yd
    yd = r
    const l = xdL
    xdL = ydL
    ydL = l
  }
  let rL = xdL + ydL
  const r = new Array<number>(rL)
  for (let i = 0; i < rL; i++) r[i] = 0
  let carry = 0
  for (let i = ydL; --i >= 0; ) {
    carry = 0
    const yi = yd[i]
    let k = xdL + i
    while (k > i) {
      const t = r[k] + yi * xd[k - i - 1] + carry
      carry = (t / BASE) | 0
      r[k--] = (t - carry * BASE) | 0
    }
    const top = r[k] + carry
    r[k] = top >= BASE ? top - BASE : top
  }
  for (; !r[--rL]; ) r.pop()
  if (carry) ++e
  else r.shift()
  return rounded(x.s * y.s, base10Exponent(r, e), r)
}

// decimal.js `divide`'s helpers, as they are.
function multiplyInteger(x0: readonly number[], k: number): number[] {
  let carry = 0
  let i = x0.length
  const x = x0.slice()
  while (i--) {
    const temp = x[i] * k + carry
    carry = (temp / BASE) | 0
    x[i] = (temp - carry * BASE) | 0
  }
  if (carry) x.unshift(carry)
  return x
}

function compareWords(a: readonly number[], b: readonly number[], aL: number, bL: number): number {
  if (aL != bL) return aL > bL ? 1 : -1
  for (let i = 0; i < aL; i++) if (a[i] != b[i]) return a[i] > b[i] ? 1 : -1
  return 0
}

function subtractWords(a: number[], b: readonly number[], aL: number): void {
  let i = 0
  while (aL--) {
    a[aL] -= i
    i = a[aL] < b[aL] ? 1 : 0
    a[aL] = i * BASE + a[aL] - b[aL]
  }
  while (!a[0] && a.length > 1) a.shift()
}

/** `x.div(y)`, the same Decimal value to the last digit (decimal.js `divide` at the configured precision). */
export function div(x: Dec, y: Dec): Dec {
  let xd = x.d as number[]
  let yd = y.d as number[]
  if (!xd || !xd[0] || !yd || !yd[0]) return x.div(y)
  if (yd.length > 1) {
    const c = shortCoefficient(yd)
    if (c > 0) return divByShort(x, y, c)
  }
  const sign = x.s == y.s ? 1 : -1
  let e = Math.floor(x.e / LOG_BASE) - Math.floor(y.e / LOG_BASE)
  let yL = yd.length
  let xL = xd.length
  const qd: number[] = []
  let i = 0
  // The result's exponent may be one less than e.
  while (yd[i] == (xd[i] || 0)) i++
  if (yd[i] > (xd[i] || 0)) e--
  // Quotient words to compute: the precision in words, plus two.
  let sd = (PRECISION / LOG_BASE + 2) | 0
  let more: unknown
  i = 0
  if (yL == 1) {
    // A divisor below 1e7: short division, k the carry.
    let k = 0
    const y0 = yd[0]
    sd++
    for (; (i < xL || k) && sd--; i++) {
      const t = k * BASE + (xd[i] || 0)
      const q = (t / y0) | 0
      qd[i] = q
      k = (t - q * y0) | 0
    }
    more = k || i < xL
  } else {
    // Normalise so the divisor's leading word is >= BASE / 2.
    let k = (BASE / (yd[0] + 1)) | 0
    if (k > 1) {
      yd = multiplyInteger(yd, k)
      xd = multiplyInteger(xd, k)
      yL = yd.length
      xL = xd.length
    }
    let xi = yL
    let rem = xd.slice(0, yL)
    let remL = rem.length
    while (remL < yL) rem[remL++] = 0
    const yz = yd.slice()
    yz.unshift(0)
    let yd0 = yd[0]
    if (yd[1] >= BASE / 2) ++yd0
    do {
      k = 0
      let cmp = compareWords(yd, rem, yL, remL)
      if (cmp < 0) {
        // The trial digit k: how many times the divisor goes into the remainder.
        let rem0 = rem[0]
        if (yL != remL) rem0 = rem0 * BASE + (rem[1] || 0)
        k = (rem0 / yd0) | 0
        let prod: number[]
        if (k > 1) {
          if (k >= BASE) k = BASE - 1
          prod = multiplyInteger(yd, k)
          const prodL = prod.length
          remL = rem.length
          cmp = compareWords(prod, rem, prodL, remL)
          if (cmp == 1) {
            k--
            subtractWords(prod, yL < prodL ? yz : yd, prodL)
          }
        } else {
          if (k == 0) cmp = k = 1
          prod = yd.slice()
        }
        const prodL = prod.length
        if (prodL < remL) prod.unshift(0)
        subtractWords(rem, prod, remL)
        if (cmp == -1) {
          remL = rem.length
          cmp = compareWords(yd, rem, yL, remL)
          if (cmp < 1) {
            k++
            subtractWords(rem, yL < remL ? yz : yd, remL)
          }
        }
        remL = rem.length
      } else if (cmp === 0) {
        k++
        rem = [0]
      }
      qd[i++] = k
      if (cmp && rem[0]) rem[remL++] = xd[xi] || 0
      else {
        rem = [xd[xi]]
        remL = 1
      }
    } while ((xi++ < xL || rem[0] !== undefined) && sd--)
    more = rem[0] !== undefined
  }
  if (!qd[0]) qd.shift()
  return rounded(sign, digitsOf(qd[0]) + e * LOG_BASE - 1, qd, Boolean(more))
}

/**
 * The divisor's digits as one integer below `WIDE_LIMIT` when it has at most nine significant
 * digits but spans two or more words (decimal.js aligns words to the exponent: 1.004 is
 * [1, 40000], a balance of 65,000,123 is [6, 5000123]), else 0.
 */
function shortCoefficient(yd: readonly number[]): number {
  const last = yd.length - 1
  let tail = yd[last]
  let zeros = 0
  while (tail % 10 === 0) {
    tail /= 10
    zeros++
  }
  // Significant digits: the first word's, the middle words' seven each, the last word's less its trailing zeros.
  if (digitsOf(yd[0]) + LOG_BASE * last - zeros > 9) return 0
  let c = 0
  for (let i = 0; i < last; i++) c = c * BASE + yd[i]
  c = c * POW10[LOG_BASE - zeros] + tail
  return c < WIDE_LIMIT ? c : 0
}

/** `10^t` as a Decimal, for the few exponents divisions by short divisors need. */
const powersOfTen = new Map<number, Dec>()
function powerOfTen(t: number): Dec {
  let p = powersOfTen.get(t)
  if (p === undefined) powersOfTen.set(t, (p = new D(`1e${t}`)))
  return p
}

/**
 * `x / y` for `y = c x 10^t` with `c` an integer below `WIDE_LIMIT`: `(x / c) x 10^-t`. The
 * quotient is the same rational number either way, decimal.js rounds a division correctly (the
 * digits it keeps are the exact quotient's, with a flag for a non-zero remainder), and rounding to
 * 34 significant digits commutes with a power of ten, so the digits are those of `x / y`; the
 * product by 10^-t only moves the point (it is exact). The division by one integer is a short
 * division (`divByInteger`), several times cheaper than decimal.js's long division by two or three
 * words: every liquidation price divides by `mmr +- 1` (1.004 is two words), and every ADL score by
 * the account's wallet balance (65,000,123 is two words). When `c x 10^m` (m < 7) is still below
 * the limit and `t - m` is a multiple of seven, the divisor is taken as that integer and the
 * power of ten, 10^-(t - m), is whole words: it moves the exponent, and no product is needed
 * (1.004 = 10,040,000 x 10^-7).
 */
function divByShort(x: Dec, y: Dec, c: number): Dec {
  const cDigits = c < BASE ? digitsOf(c) : digitsOf((c / BASE) | 0) + LOG_BASE
  const t = y.e - (cDigits - 1)
  const m = ((t % LOG_BASE) + LOG_BASE) % LOG_BASE
  const wide = c * POW10[m]
  if (wide < WIDE_LIMIT) {
    const q = divByInteger(x, y.s, wide)
    const e = q.e + m - t
    // Far outside the figures' range the product decides (decimal.js's limits on the exponent).
    if (q.d && q.d[0] && e <= MAX_E && e >= MIN_E) return decimal(q.s, e, q.d)
  }
  const q = divByInteger(x, y.s, c)
  return t === 0 ? q : mul(q, powerOfTen(-t))
}

/**
 * Divisors up to nine digits below this are short-divided: a partial remainder times the base plus
 * a word stays below 2^53 (c x 1e7 < 9.007e15), so every step is exact in a double.
 */
const WIDE_LIMIT = 900_000_000

/**
 * `x / (sign x c)` rounded to 34 digits, half-even, for an integer `1 <= c < WIDE_LIMIT`: short
 * division of x's words by c. Quotient word i sits where x's word i does (x / c is x's words each
 * divided, the remainders carried down), so after its leading zero words (at most two: c has at most
 * nine digits) the words are a decimal.js digit array aligned to the quotient's exponent. Six
 * significant words hold at least 36 digits, past the rounding digit; what is left (a remainder, or
 * words of x not yet divided, of which the last is non-zero) only says "more", as in decimal.js's
 * own division. The digits and the flag are the exact quotient's, so `rounded` gives the correctly
 * rounded quotient, which is decimal.js's.
 */
function divByInteger(x: Dec, ySign: number, c: number): Dec {
  const xd = x.d as number[]
  const xL = xd.length
  const qd: number[] = []
  let lead = 0
  let k = 0
  let i = 0
  for (; (i < xL || k) && qd.length < 6; i++) {
    const t = k * BASE + (i < xL ? xd[i] : 0)
    let q = Math.floor(t / c)
    k = t - q * c
    // t < 2^53, so the float quotient is off by at most one; the remainder says which way.
    if (k < 0) {
      q--
      k += c
    } else if (k >= c) {
      q++
      k -= c
    }
    if (q === 0 && qd.length === 0) lead++
    else qd.push(q)
  }
  const e = (Math.floor(x.e / LOG_BASE) - lead) * LOG_BASE + digitsOf(qd[0]) - 1
  return rounded(x.s === ySign ? 1 : -1, e, qd, k !== 0 || i < xL)
}
