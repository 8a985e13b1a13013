// The report's SVG charts: round ticks that cover the data, UTC time ticks, and thinning that
// never loses a trough or a peak (a one-second crash must still show).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lineChartSvg, niceTicks, thinIndexes, timeTicks } from '../../../shared/report/svg-chart'

describe('svg charts', () => {
  it('picks round ticks covering the range', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.25, 0.5, 0.75, 1])
    expect(niceTicks(-0.14, 0.01)).toEqual([-0.15, -0.1, -0.05, 0, 0.05])
    expect(niceTicks(5, 5).length).toBeGreaterThan(1)
    // A span near a float's resolution at its magnitude still ends (ticks by index, not by adding steps).
    for (const [lo, hi] of [[1e15, 1e15 + 0.5], [1e12, 1e12 + 0.001], [-1e9, -1e9 + 1e-6]]) {
      const ticks = niceTicks(lo, hi)
      expect(ticks.length).toBeLessThanOrEqual(17)
      expect(ticks[0]).toBeLessThanOrEqual(lo)
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(hi)
    }
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -6, max: 3 }), fc.double({ min: 1e-6, max: 1e9, noNaN: true }), (n, exp, span) => {
        const lo = n * 10 ** exp
        fc.pre(span >= Math.abs(lo) * 1e-9)
        const ticks = niceTicks(lo, lo + span)
        // Ticks are rounded to the step's decimals: allow a float's error at this magnitude.
        const eps = Math.max(span * 1e-9, Math.abs(lo) * 1e-12)
        expect(ticks[0]).toBeLessThanOrEqual(lo + eps)
        expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(lo + span - eps)
        expect(ticks.length).toBeLessThanOrEqual(9)
      }),
    )
  })

  it('puts time ticks on round UTC minutes, at most eight', () => {
    const t0 = Date.parse('2025-10-10T20:00:00Z')
    const ticks = timeTicks(t0, t0 + 150 * 60_000)
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['20:00', '20:30', '21:00', '21:30', '22:00', '22:30'])
  })

  it('keeps the first, lowest, highest and last point of every pixel column', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }), { minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 50 }), (values, perColumn) => {
        const xs = values.map((_, i) => i / perColumn)
        const kept = new Set(thinIndexes(xs, values).filter((i) => i >= 0))
        for (let c = 0; c * perColumn < values.length; c++) {
          const idx = values.map((_, i) => i).filter((i) => Math.floor(xs[i]) === c && values[i] !== null)
          if (!idx.length) continue
          const vs = idx.map((i) => values[i] as number)
          expect(idx.some((i) => kept.has(i) && values[i] === Math.min(...vs))).toBe(true)
          expect(idx.some((i) => kept.has(i) && values[i] === Math.max(...vs))).toBe(true)
        }
        expect(kept.size).toBeLessThanOrEqual(values.length)
      }),
    )
  })

  it('draws a line with a gap where values are missing, a marker and its label', () => {
    const t = [0, 1, 2, 3, 4].map((m) => Date.parse('2025-10-10T20:00:00Z') + m * 60_000)
    const svg = lineChartSvg({ title: 'x', width: 400, height: 120, t, lines: [{ name: 'BTC', color: '#d97706', values: [0, -0.1, null, -0.2, -0.1] }], left: { format: String }, markers: [{ t: t[3], color: '#d0283f', label: 'LIQ btc' }] })
    expect(svg.match(/<polyline /g)).toHaveLength(2)
    expect(svg).toContain('>LIQ btc</text>')
    expect(svg).toContain('aria-label="x"')
  })
})
