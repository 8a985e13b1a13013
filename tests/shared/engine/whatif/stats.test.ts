// The statistics of a study (docs/DECISIONS.md §3) against worked values.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { equityDistribution, expectedShortfall, histogram, quantile, wilson } from '../../../../shared/engine/whatif'

describe('study statistics', () => {
  it('Wilson intervals match the published worked values and stay inside [0, 1]', () => {
    // Newcombe 1998, "Two-sided confidence intervals for the single proportion", Stat Med 17, table I (score method, no continuity correction).
    const table: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ]
    for (const [k, n, lo, hi] of table) {
      expect(wilson(k, n).lo).toBeCloseTo(lo, 4)
      expect(wilson(k, n).hi).toBeCloseTo(hi, 4)
    }
    expect(wilson(5, 10)).toEqual({ k: 5, n: 10, p: 0.5, lo: 0.236593, hi: 0.763407 })
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const k = Math.round(share * n)
        const w = wilson(k, n)
        expect(w.lo).toBeGreaterThanOrEqual(0)
        expect(w.hi).toBeLessThanOrEqual(1)
        expect(w.lo).toBeLessThanOrEqual(w.p + 1e-6)
        expect(w.hi).toBeGreaterThanOrEqual(w.p - 1e-6)
      }),
    )
  })

  it('quantiles are nearest-rank and expected shortfall is the mean of the worst tail, at least one value', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(quantile(xs, 0.05)).toBe(5)
    expect(quantile(xs, 0.5)).toBe(50)
    expect(quantile(xs, 0.95)).toBe(95)
    expect(expectedShortfall(xs, 0.95)).toBe(3) // mean of 1..5
    expect(expectedShortfall(xs, 0.99)).toBe(1)
    expect(expectedShortfall([7, 9], 0.99)).toBe(7)
    expect(quantile([4], 0.05)).toBe(4)
  })

  it('the histogram counts every value once, between min and max', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 500 }), (xs) => {
        const h = histogram(xs)
        expect(h.counts.reduce((a, b) => a + b, 0)).toBe(xs.length)
        expect(h.edges.length).toBe(h.counts.length + 1)
      }),
    )
    expect(histogram([3, 3, 3])).toEqual({ edges: [3, 3], counts: [3] })
    // A span too small to cut into bins (the width underflows to 0) still counts every value.
    expect(histogram([0, 5e-324, 0]).counts.reduce((a, b) => a + b, 0)).toBe(3)
  })

  it('a distribution of final equity gives mean, quantiles, ES95 <= p5 and ES99 <= ES95', () => {
    const d = equityDistribution([100, 0, 50, 200, 150, 75, 25, 300, 10, 60])
    expect(d).toMatchObject({ mean: 97, min: 0, p5: 0, p50: 60, p95: 300, max: 300, es95: 0, es99: 0 })
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e8, noNaN: true }), { minLength: 1, maxLength: 300 }), (xs) => {
        const e = equityDistribution(xs)
        expect(e.es95).toBeLessThanOrEqual(e.p5 + 0.01)
        expect(e.es99).toBeLessThanOrEqual(e.es95 + 0.01)
        expect(e.min).toBeLessThanOrEqual(e.p50)
      }),
    )
  })
})
