// The engine's shortcuts (bench/metrics.ts, ENGINE-NOTES.md "Performance") against the plain
// decimal.js expressions they replace: each must give the same Decimal, the same row, the same
// order, on random inputs and on the edges (values at a cap, ties, zeros, signs).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { benchBook } from '../../../../bench/metrics'
import { rankOrdered, rankQueue, type QueueEntry } from '../../../../shared/engine/account/adl'
import { crowdQueues } from '../../../../shared/engine/account/adl-crowd'
import { bracketBeside, bracketBesideProduct, bracketFor, deriveBrackets, maintenanceMargin, maintenanceMarginOfRounded, type BracketRow } from '../../../../shared/engine/account/brackets'
import { approxNumber, cachedText, compare, dec, ONE, text, ZERO, type Dec } from '../../../../shared/decimal'
import { liquidationPriceInBracket, solveLiquidationPrice, type LiquidationInput } from '../../../../shared/engine/account/liquidation-price'
import { computeMetrics } from '../../../../shared/engine/account/metrics-report'
import { parsedEntry } from '../../../../shared/engine/account/parsed-inputs'
import { hashString, mulberry32 } from '../../../../shared/engine/account/prng'
import type { AdlMethod } from '../../../../shared/model/venue'
import { exchange, shippedProfile } from './support'

const RUNS = Number(process.env.CASCADE_FC_RUNS ?? 300)

/** `n` significant digits (1-34), no leading zero. */
const digits = (maxLength = 34) =>
  fc.tuple(fc.integer({ min: 1, max: maxLength }), fc.bigInt({ min: 10n ** 33n, max: 10n ** 34n - 1n })).map(([n, b]) => String(b).slice(0, n))

/** Decimals of 1-34 significant digits, either sign, exponents -20..20, zero now and then. */
const decimal = fc
  .tuple(fc.boolean(), digits(), fc.integer({ min: -20, max: 20 }), fc.integer({ min: 0, max: 15 }))
  .map(([neg, ds, exp, zero]) => (zero === 0 ? dec('0') : dec(`${neg ? '-' : ''}${ds}e${exp}`)))

describe('compare', () => {
  it('is decimal.js cmp', () => {
    fc.assert(fc.property(decimal, decimal, (a, b) => compare(a, b) === a.cmp(b) && compare(a, a) === 0 && compare(b, a) === b.cmp(a)), { numRuns: RUNS * 10 })
  })

  it('on values equal but for trailing words, zeros of either sign, and non-finite values', () => {
    const cases = ['0', '-0', '1', '1.0000001', '10000000', '10000000.5', '-10000000', '0.00000001', 'Infinity', '-Infinity', 'NaN']
    for (const a of cases) for (const b of cases) expect([a, b, compare(dec(a), dec(b))]).toEqual([a, b, dec(a).cmp(dec(b))])
  })
})

describe('approxNumber', () => {
  // Anywhere up to |exponent| 290; beyond, NaN (no sign test takes it as certain).
  const wide = fc.tuple(fc.boolean(), digits(), fc.integer({ min: -290, max: 290 })).map(([neg, ds, exp]) => dec(`${neg ? '-' : ''}${(ds[0] ?? '1') + '.' + ds.slice(1)}0e${exp}`))

  it('is NaN far outside the range of doubles and for infinities', () => {
    for (const s of ['1e291', '-1e300', '1e-291', '1e-320', 'Infinity', '-Infinity', 'NaN']) expect(approxNumber(dec(s))).toBeNaN()
  })

  it('is within 1e-15 of toNumber', () => {
    fc.assert(
      fc.property(fc.oneof(decimal, wide), (x) => {
        const exact = x.toNumber()
        return Math.abs(approxNumber(x) - exact) <= Math.abs(exact) * 1e-15
      }),
      { numRuns: RUNS * 10 },
    )
  })
})

describe('cachedText', () => {
  it('is text, for the same Decimal asked twice', () => {
    fc.assert(fc.property(decimal, (x) => cachedText(x) === text(x) && cachedText(x) === text(x)), { numRuns: RUNS })
  })
})

const binance = exchange('binance')
const ROWS = ['BTCUSDT', 'ETHUSDT', 'DOGEUSDT'].map((s) => deriveBrackets(binance.contracts[s]))
const rowsArb = fc.constantFrom(...ROWS)

/** A positive notional-like value: anywhere, or within a hair of one of the table's caps. */
function nearCap(rows: readonly BracketRow[]) {
  const caps = rows.filter((r) => r.cap !== null).map((r) => r.cap as Dec)
  return fc.oneof(
    fc.tuple(digits(30), fc.integer({ min: 0, max: 20 })).map(([ds, point]) => dec(`${ds}e-${point}`)),
    fc.tuple(fc.constantFrom(...caps), fc.constantFrom('0', '1e-30', '-1e-30', '1e-12', '-1e-12', '1e-8', '-1e-8')).map(([c, d]) => c.add(dec(d))),
  )
}

describe('bracketBesideProduct', () => {
  it('is bracketBeside of the exact product, at and around every cap', () => {
    fc.assert(
      fc.property(
        rowsArb.chain((rows) => fc.tuple(fc.constant(rows), nearCap(rows), decimal.filter((f) => f.gt(ZERO)), fc.constantFrom<1 | -1>(1, -1))),
        ([rows, target, factor, direction]) => {
          // p such that factor x p lands on (or a hair from) the target notional.
          const p = target.div(factor)
          const fast = bracketBesideProduct(rows, factor, approxNumber(factor), p, approxNumber(p), direction)
          return fast === bracketBeside(rows, factor.mul(p), direction)
        },
      ),
      { numRuns: RUNS * 5 },
    )
  })
})

describe('maintenanceMarginOfRounded', () => {
  it('is maintenanceMargin for a notional that is a product', () => {
    fc.assert(
      fc.property(rowsArb, decimal, decimal, (rows, q, mark) => {
        const n = q.abs().mul(mark.abs())
        const row = bracketFor(rows, n)
        return maintenanceMarginOfRounded(row, n).eq(maintenanceMargin(row, n)) && text(maintenanceMarginOfRounded(row, n)) === text(maintenanceMargin(row, n))
      }),
      { numRuns: RUNS },
    )
  })
})

/** solveLiquidationPrice as it was: every cap tested exactly, the numerator always rebuilt. */
function referenceSolve(input: LiquidationInput) {
  const { rows } = input
  const long = input.side === 'long'
  const entryNotional = input.entryNotional ?? input.qty.mul(input.entryPrice)
  const atZero = long ? input.balance.sub(entryNotional) : input.balance.add(entryNotional)
  if (long ? atZero.gte(ZERO) : atZero.lte(ZERO)) return { price: null, bracket: rows[0], tried: [rows[0].level] }
  const tried: number[] = []
  let row = rows[rows.length - 1]
  for (const r of rows) {
    tried.push(r.level)
    if (r.edge === null) {
      row = r
      break
    }
    const atCap = atZero.add(long ? r.edge.long : r.edge.short)
    if (long ? atCap.gte(ZERO) : atCap.lte(ZERO)) {
      row = r
      break
    }
  }
  const numerator = input.balance.add(row.cum).sub(long ? entryNotional : entryNotional.neg())
  const perQty = input.inverseQty ? numerator.mul(input.inverseQty) : numerator.div(input.qty)
  const lp = perQty.div(long ? row.mmr.sub(ONE) : row.mmr.add(ONE))
  return { price: lp.gt(ZERO) ? lp : null, bracket: row, tried }
}

describe('solveLiquidationPrice', () => {
  const inputs = rowsArb.chain((rows) =>
    fc
      .tuple(
        fc.constantFrom<'long' | 'short'>('long', 'short'),
        fc.integer({ min: 1, max: 9_999_999 }).map(String),
        fc.tuple(fc.integer({ min: 1, max: 9_999_999_999 }), fc.integer({ min: 0, max: 4 })).map(([n, point]) => text(dec(`${n}e-${point}`))),
        // Balances anywhere, or so that the surplus at a cap is (nearly) zero: the float test is unsure there.
        fc.oneof(
          decimal.map((v) => ({ anywhere: v })),
          fc.tuple(fc.constantFrom(...rows.filter((r) => r.edge !== null)), fc.constantFrom('0', '1e-25', '-1e-25', '1e-6', '-1e-6')).map(([r, d]) => ({ atCap: r, off: dec(d) })),
        ),
        fc.boolean(),
      )
      .map(([side, notional, ep, b, raw]) => {
        const entry = parsedEntry(ep, notional, undefined)
        const long = side === 'long'
        const entryNotional = entry.entryNotional
        // atZero + edge = 0  <=>  balance = side x EN - edge.
        const edge = 'atCap' in b ? (b.atCap.edge as { long: Dec; short: Dec }) : null
        const balance = 'anywhere' in b ? b.anywhere : (long ? entryNotional.sub(edge!.long) : entryNotional.neg().sub(edge!.short)).add((b as { off: Dec }).off)
        // A raw balance of more than 34 digits (an isolated margin typed in full) must not take the cum = 0 shortcut.
        const longBalance = raw ? dec(`${balance.toFixed(40)}1`) : balance
        return { side, qty: entry.qty, entryPrice: entry.entryPrice, entryNotional, inverseQty: entry.inverseQty, rows, balance: longBalance } satisfies LiquidationInput
      }),
  )

  it('liquidationPriceInBracket is the formula as written', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const long = input.side === 'long'
        return input.rows.every((row) => {
          const numerator = input.balance.add(row.cum).sub(long ? input.entryNotional! : input.entryNotional!.neg())
          const want = numerator.mul(input.inverseQty!).div(long ? row.mmr.sub(ONE) : row.mmr.add(ONE))
          return text(liquidationPriceInBracket(input, row)) === text(want)
        })
      }),
      { numRuns: RUNS },
    )
  })

  it('finds the bracket and the price the exact cap-by-cap search finds', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const fast = solveLiquidationPrice(input)
        const ref = referenceSolve(input)
        return fast.bracket === ref.bracket && fast.tried.join() === ref.tried.join() && (fast.price === null ? ref.price === null : ref.price !== null && text(fast.price) === text(ref.price))
      }),
      { numRuns: RUNS * 5 },
    )
  })
})

describe('rankOrdered', () => {
  const entries = fc.array(fc.record({ score: fc.oneof(fc.constantFrom(0, -0, 1, 0.5, 2), fc.double({ min: -1e6, max: 1e6, noNaN: true })), weight: fc.double({ min: 0.001, max: 1e6, noNaN: true }) }), { maxLength: 200 })

  it('is rankQueue (a stable sort by score), from any starting order', () => {
    fc.assert(
      fc.property(entries, fc.integer(), (es, seed) => {
        const random = mulberry32(seed)
        const order = es.map((_, i) => i).sort(() => random() - 0.5)
        const got = rankOrdered(
          es.map((e) => e.score),
          es.map((e) => e.weight),
          order,
        )
        const want = rankQueue(es as QueueEntry[])
        return Object.is(got.total, want.total) && got.scores.every((s, i) => Object.is(s, want.scores[i])) && got.atOrAbove.every((w, i) => Object.is(w, want.atOrAbove[i]))
      }),
      { numRuns: RUNS },
    )
  })
})

/** The default crowd as it was drawn before (adl-crowd.ts): everything at the mark, every time. */
function referenceCrowd(method: AdlMethod, symbol: string, mark: number, rows: readonly BracketRow[], spec: NonNullable<typeof binance.adl.defaultCrowd>) {
  const fr = rows.map((r) => ({ cap: r.cap === null ? Infinity : r.cap.toNumber(), mmr: r.mmr.toNumber(), cum: r.cum.toNumber(), maxLeverage: r.maxLeverage.toNumber() }))
  const rowFor = (n: number) => fr.find((r) => n <= r.cap) ?? fr[fr.length - 1]
  const score = (sign: number, qty: number, entry: number, wallet: number): number | null => {
    const upnl = sign * qty * (mark - entry)
    const margin = wallet + upnl
    const notional = qty * mark
    if (method === 'binance') {
      const r = rowFor(notional)
      return (Math.max(0, upnl) / Math.max(1, wallet)) * (margin <= 0 ? 0 : (notional * r.mmr - r.cum) / margin)
    }
    if (margin <= 0) return null
    const leverage = notional / margin
    if (method === 'bitmex') {
      const pnlPct = upnl / (qty * entry)
      return pnlPct > 0 ? pnlPct * leverage : pnlPct / leverage
    }
    return (sign > 0 ? mark / entry : entry / mark) * leverage
  }
  const random = mulberry32((spec.seed ^ hashString(symbol)) >>> 0)
  const sides = { long: [] as QueueEntry[], short: [] as QueueEntry[] }
  for (let i = 0; i < spec.size; i++) {
    const sign = random() < Number(spec.longShare) ? 1 : -1
    const u = random()
    const entry = mark * (1 + Number(spec.entrySpread) * (2 * random() - 1))
    const notional = Math.min(Number(spec.maxNotional), Number(spec.medianNotional) / Math.SQRT2 / Math.sqrt(1 - random()))
    const qty = notional / entry
    const leverage = Math.min(Number(spec.minLeverage) + (Number(spec.maxLeverage) - Number(spec.minLeverage)) * u * u, rowFor(notional).maxLeverage)
    ;(sign > 0 ? sides.long : sides.short).push({ score: score(sign, qty, entry, notional / leverage), weight: qty })
  }
  return { long: rankQueue(sides.long), short: rankQueue(sides.short) }
}

describe('the default crowd, drawn once and re-scored per mark', () => {
  it('is bit-identical to a crowd drawn afresh at each mark, mark after mark', () => {
    for (const id of ['binance', 'bybit', 'hyperliquid']) {
      const venue = shippedProfile(id)
      if (venue.kind !== 'exchange' || !venue.adl?.defaultCrowd) throw new Error(id)
      const [symbol, contract] = Object.entries(venue.contracts)[0]
      const rows = deriveBrackets(contract, venue.maintenanceRule)
      for (const mark of [100000, 100001.5, 99000, 100000, 3.25, 1e-4]) {
        const got = crowdQueues(venue.adl.defaultCrowd, venue.adl.method, symbol, mark, rows)
        const want = referenceCrowd(venue.adl.method, symbol, mark, rows, venue.adl.defaultCrowd)
        expect(got).toEqual(want)
      }
    }
  })
})

describe('parsedEntry', () => {
  it('gives the values computed from the strings, the same Decimals on a second call', () => {
    const a = parsedEntry('3.14159', '123456', undefined)
    expect(text(a.qty)).toBe(text(dec('123456').div(dec('3.14159'))))
    expect(text(a.inverseQty)).toBe(text(dec('3.14159').div(dec('123456'))))
    expect(parsedEntry('3.14159', '123456', undefined)).toBe(a)
    const b = parsedEntry('3.14159', undefined, '2.5')
    expect(text(b.entryNotional)).toBe(text(dec('2.5').mul(dec('3.14159'))))
    expect(text(b.inverseQty)).toBe(text(ONE.div(dec('2.5'))))
  })
})

describe('memos across calls', () => {
  it('a document edited in place gets the figures of a fresh copy of it', () => {
    const doc = benchBook(60, 'cross', 'notional', 7)
    const first = JSON.stringify(computeMetrics(doc, binance, { validated: true }))
    doc.positions[3].notional = '123456.5'
    doc.positions[4].entryPrice = '0.2'
    doc.positions[5].side = doc.positions[5].side === 'long' ? 'short' : 'long'
    doc.prices.ETH = '4000'
    const edited = JSON.stringify(computeMetrics(doc, binance, { validated: true }))
    expect(edited).not.toBe(first)
    expect(edited).toBe(JSON.stringify(computeMetrics(structuredClone(doc), binance, { validated: true })))
  })
})
