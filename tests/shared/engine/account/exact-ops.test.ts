// exact-ops.ts re-implements decimal.js's +, -, x and / for the metrics' hot loops: every result must
// be decimal.js's own, word for word (digits, exponent, sign), not merely equal in value. Random
// operands of every length up to 45 digits, signs, exponents near and far apart (decimal.js keeps
// one word of an operand far below the other), runs of 9s and 0s (carries and borrows through
// every word), exact ties at the 35th digit (half-even), equal magnitudes (x - x) and raw inputs
// longer than the precision.
import { describe, expect, it } from 'vitest'
import { D, type Dec } from '../../../../shared/decimal'
import { add, div, mul, sub } from '../../../../shared/engine/account/exact-ops'
import { mulberry32 } from '../../../../shared/engine/account/prng'

function randomDecimal(random: () => number): Dec {
  const n = 1 + Math.floor(random() * 45)
  let digits = ''
  const style = random()
  for (let i = 0; i < n; i++) {
    if (style < 0.15) digits += '9'
    else if (style < 0.25) digits += i === 0 ? '1' : '0'
    else if (style < 0.35) digits += i === 34 ? '5' : i > 34 ? '0' : String(Math.floor(random() * 10))
    else digits += String(Math.floor(random() * 10))
  }
  // Where the point goes: mostly near the digits, sometimes far out (far-apart exponents).
  const spread = random() < 0.2 ? 120 : 24
  const point = Math.floor(random() * (n + spread)) - spread / 2
  const text = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= n ? digits + '0'.repeat(point - n) : `${digits.slice(0, point)}.${digits.slice(point)}`
  return new D((random() < 0.5 ? '-' : '') + text)
}

/** A result of decimal.js and one of exact-ops.ts as the same fields, with decimal.js's shape. */
const fields = (x: Dec) => ({ s: x.s, e: x.e, d: x.d ? [...x.d] : null })

function sameFields(x: Dec, y: Dec): boolean {
  if (!Object.is(x.s, y.s) || !Object.is(x.e, y.e) || !(y instanceof D) || y.constructor !== D) return false
  if (!x.d || !y.d) return x.d === y.d
  if (x.d.length !== y.d.length) return false
  for (let i = 0; i < x.d.length; i++) if (x.d[i] !== y.d[i]) return false
  return true
}

describe('exact-ops: decimal.js results, word for word', () => {
  const cases: [string, (a: Dec, b: Dec) => Dec, (a: Dec, b: Dec) => Dec][] = [
    ['add', add, (a, b) => a.add(b)],
    ['sub', sub, (a, b) => a.sub(b)],
    ['mul', mul, (a, b) => a.mul(b)],
    ['div', div, (a, b) => a.div(b)],
  ]
  it.each(cases)('%s over random operands', (_, ours, theirs) => {
    const random = mulberry32(20261203)
    let mismatches = 0
    let first = ''
    for (let i = 0; i < 100_000; i++) {
      const a = randomDecimal(random)
      // Sometimes the same magnitude or the same value (x - x = 0, x + -x = 0).
      const b = random() < 0.05 ? (random() < 0.5 ? a.neg() : a) : randomDecimal(random)
      const want = theirs(a, b)
      const got = ours(a, b)
      if (!sameFields(want, got) && mismatches++ === 0) first = `${a.toString()} ${b.toString()}: ${JSON.stringify(fields(want))} vs ${JSON.stringify(fields(got))}`
    }
    expect(first).toBe('')
    expect(mismatches).toBe(0)
  }, 120_000)

  it('leaves its operands untouched and handles zeros like decimal.js', () => {
    const a = new D('123456789.123456789123456789123456789')
    const b = new D('-0.000000000000000000000000000000000000000001')
    const before = [JSON.stringify(fields(a)), JSON.stringify(fields(b))]
    for (const f of [add, sub, mul, div]) f(a, b)
    expect([JSON.stringify(fields(a)), JSON.stringify(fields(b))]).toEqual(before)
    for (const [x, y] of [
      ['0', '5'],
      ['5', '0'],
      ['-0', '1.5'],
      ['1e-40', '0'],
    ]) {
      const p = new D(x)
      const q = new D(y)
      expect(fields(add(p, q))).toEqual(fields(p.add(q)))
      expect(fields(sub(p, q))).toEqual(fields(p.sub(q)))
      expect(fields(mul(p, q))).toEqual(fields(p.mul(q)))
      expect(fields(div(p, q))).toEqual(fields(p.div(q)))
    }
  })

  it('divides by short and long divisors as decimal.js does, remainders included', () => {
    const random = mulberry32(7)
    for (const divisor of ['3', '7', '1.004', '-0.996', '9999999', '10000001', '0.5', '123456789012345678901234567890.123']) {
      const y = new D(divisor)
      for (let i = 0; i < 2000; i++) {
        const x = randomDecimal(random)
        expect(sameFields(x.div(y), div(x, y))).toBe(true)
      }
    }
  })

  it('divides by a divisor of at most nine significant digits spread over words (short division, then the point moved) as decimal.js does', () => {
    // 1.004 is two words ([1, 40000]) but one short integer, 1004 x 10^-3: exact-ops divides by the
    // integer and moves the point; a balance of 65,000,123 ([6, 5000123]) is one integer below
    // 9e8, short-divided in doubles. Random divisors of 1-9 digits at exponents that split them over
    // words, random dividends; then exact ties: x = q x y with q of 35 digits ending in 5 and y a
    // power of two times a power of ten (so x keeps 34 digits), the quotient's 35th digit a 5 with
    // nothing after it, and the same x one unit up or down at its 34th digit (near-ties).
    const random = mulberry32(20261204)
    let mismatches = 0
    let first = ''
    const check = (x: Dec, y: Dec) => {
      const want = x.div(y)
      const got = div(x, y)
      if (!sameFields(want, got) && mismatches++ === 0) first = `${x.toString()} / ${y.toString()}: ${JSON.stringify(fields(want))} vs ${JSON.stringify(fields(got))}`
    }
    const shortDivisor = () => {
      const digits = 1 + Math.floor(random() * 9)
      let c = String(1 + Math.floor(random() * 9))
      for (let k = 1; k < digits; k++) c += String(Math.floor(random() * 10))
      return new D(`${random() < 0.3 ? '-' : ''}${c}e${Math.floor(random() * 40) - 20}`)
    }
    for (let i = 0; i < 30_000; i++) check(randomDecimal(random), shortDivisor())
    // Quotients that end (x = y x r, r of at most 25 digits: no remainder at some word), and one unit
    // either side of them; divisors of eight and nine digits near the 9e8 limit and at its edges.
    const Exact = D.clone({ precision: 200 })
    for (let i = 0; i < 20_000; i++) {
      const y = i % 4 === 0 ? new D(`${['10000000', '99999999', '100000000', '899999999', '900000000', '987654321'][i % 6]}e${Math.floor(random() * 30) - 15}`) : shortDivisor()
      const r = randomDecimal(random)
      const exact = new Exact(r.toSignificantDigits(25).toString()).mul(new Exact(y.toString()))
      if (exact.sd() > 34) continue
      const x = new D(exact.toString())
      check(x, y)
      check(x.add(new D(`1e${x.e - 33}`)), y)
      check(x.sub(new D(`1e${x.e - 33}`)), y)
    }
    const Wide = D.clone({ precision: 200 })
    let ties = 0
    for (let i = 0; i < 10_000; i++) {
      const y = new D(`${random() < 0.3 ? '-' : ''}${2 ** (1 + Math.floor(random() * 4))}e${Math.floor(random() * 40) - 20}`)
      let q = String(1 + Math.floor(random() * 4))
      for (let k = 1; k < 34; k++) q += String(Math.floor(random() * 10))
      const exact = new Wide(`${q}5e${Math.floor(random() * 30) - 15}`).mul(new Wide(y.toString()))
      if (exact.sd() > 34) continue
      ties++
      const x = new D(exact.toString())
      check(x, y)
      check(x.add(new D(`1e${x.e - 33}`)), y)
      check(x.sub(new D(`1e${x.e - 33}`)), y)
    }
    expect(ties).toBeGreaterThan(1000)
    // A tie decided by a far remainder: x = c x q + tiny, q of 35 digits ending in 5, so the short
    // division's words run out of remainder at q's last digit while x still has words left (a raw
    // input longer than the precision): only they say the quotient is above the tie.
    for (let i = 0; i < 2000; i++) {
      let q = String(1 + Math.floor(random() * 9))
      for (let k = 1; k < 34; k++) q += String(Math.floor(random() * 10))
      const c = String(10_000_000 + Math.floor(random() * 889_999_999))
      const tiny = `1e${-20 - Math.floor(random() * 30)}`
      const x = new Exact(`${q}5`).mul(new Exact(c)).add(new Exact(tiny)).mul(new Exact(`1e${Math.floor(random() * 20) - 40}`))
      check(new D(x.toString()), new D(`${c}e${Math.floor(random() * 20) - 10}`))
    }
    expect(first).toBe('')
    expect(mismatches).toBe(0)
  }, 120_000)

  it('rounds a tie at the 35th digit to even, carrying through every word', () => {
    // 1 followed by 33 nines then 5: a tie whose rounding carries into a new leading digit.
    const tie = new D(`1${'9'.repeat(33)}5`)
    expect(fields(add(tie, new D('0')))).toEqual(fields(tie.add(new D('0'))))
    expect(fields(add(tie, new D('1e-30')))).toEqual(fields(tie.add(new D('1e-30'))))
    expect(fields(mul(tie, new D('1')))).toEqual(fields(tie.mul(new D('1'))))
    expect(mul(tie, new D('1')).toFixed()).toBe(`2${'0'.repeat(34)}`)
  })
})
