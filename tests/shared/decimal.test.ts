// shared/decimal.ts `text` prints a Decimal from its words; it must be decimal.js's `toFixed()` (no
// exponent, "-0" as "0") for every value: random digits, exponents far above and below the point,
// whole words of zeros, single words, values built by arithmetic (rounded to 34 digits).
import { describe, expect, it } from 'vitest'
import { D, text } from '../../shared/decimal'
import { mulberry32 } from '../../shared/engine/account/prng'

const reference = (x: InstanceType<typeof D>) => (x.isZero() ? '0' : x.toFixed())

describe('text', () => {
  it('is toFixed() for random values', () => {
    const random = mulberry32(34)
    let first = ''
    for (let i = 0; i < 50_000; i++) {
      const n = 1 + Math.floor(random() * 40)
      let digits = ''
      for (let k = 0; k < n; k++) digits += random() < 0.3 ? '0' : String(Math.floor(random() * 10))
      const exp = Math.floor(random() * 80) - 40
      const x = new D(`${random() < 0.5 ? '-' : ''}${digits}e${exp}`)
      const y = i % 3 === 0 ? x.mul(new D('1.000000000000000000000000000000001')) : i % 3 === 1 ? x.div(new D('7')) : x
      for (const v of [x, y]) if (text(v) !== reference(v) && !first) first = `${v.toString()}: ${text(v)} vs ${reference(v)}`
    }
    expect(first).toBe('')
  })

  it('prints zeros, whole numbers and powers of ten like toFixed()', () => {
    for (const s of ['0', '-0', '1', '-1', '10', '1000000', '10000000', '1e21', '1e-21', '0.1', '0.0000001', '1234567.1234567', '-0.00012', '120000', '9999999.9999999']) {
      const x = new D(s)
      expect(text(x)).toBe(reference(x))
    }
    expect(text(new D('-0'))).toBe('0')
    expect(text(new D('1e21'))).toBe('1000000000000000000000')
  })
})
