// Paths and the run clock: linear interpolation, flat outside the points, forward cursor.
import { describe, expect, it } from 'vitest'
import { PiecewiseLinearPath, isoAt, secondsAt, timeGridOf } from '../../../../shared/engine/market'

describe('PiecewiseLinearPath', () => {
  const path = new PiecewiseLinearPath({ times: [2400, 4800, 5700], values: [1, 0.02, 0.9] })

  it('holds the first value before and the last after, interpolates between', () => {
    expect(path.at(0)).toBe(1)
    expect(path.at(2400)).toBe(1)
    expect(path.at(3600)).toBeCloseTo(0.51, 12)
    expect(path.at(4800)).toBeCloseTo(0.02, 12)
    expect(path.at(5250)).toBeCloseTo(0.46, 12)
    expect(path.at(9000)).toBeCloseTo(0.9, 12)
  })

  it('answers queries in any order (the cursor only speeds up forward ones)', () => {
    const forward = Array.from({ length: 100 }, (_, k) => path.at(k * 90))
    const shuffled = new PiecewiseLinearPath({ times: [2400, 4800, 5700], values: [1, 0.02, 0.9] })
    const order = Array.from({ length: 100 }, (_, k) => (k * 37) % 100)
    for (const k of order) expect(shuffled.at(k * 90)).toBe(forward[k])
  })

  it('refuses malformed paths', () => {
    expect(() => new PiecewiseLinearPath({ times: [], values: [] })).toThrow()
    expect(() => new PiecewiseLinearPath({ times: [1, 1], values: [0, 1] })).toThrow(/increase/)
    expect(PiecewiseLinearPath.constant(0.5).at(123)).toBe(0.5)
  })
})

describe('time grid', () => {
  const grid = timeGridOf({ start: '2025-10-10T20:00:00Z', end: '2025-10-10T22:30:00Z', step: '1s' })

  it('cuts the window into steps', () => {
    expect(grid).toMatchObject({ stepSeconds: 1, steps: 9000, durationSeconds: 9000 })
    expect(timeGridOf({ start: '2020-03-12T00:00:00Z', end: '2020-03-13T03:00:00Z', step: '5s' }).steps).toBe(19440)
  })

  it('converts between ISO times and run seconds', () => {
    expect(secondsAt(grid, '2025-10-10T21:20:00Z')).toBe(4800)
    expect(isoAt(grid, 4800)).toBe('2025-10-10T21:20:00Z')
    expect(isoAt(grid, 0.5)).toBe('2025-10-10T20:00:00.500Z')
  })

  it('writes the text toISOString writes, across days, years and 1970, whole seconds or not', () => {
    const reference = (startMs: number, s: number) => new Date(startMs + Math.round(s * 1000)).toISOString().replace('.000Z', 'Z')
    for (const start of ['2025-10-10T20:00:00Z', '1969-12-31T23:59:00Z', '0000-01-01T00:00:00Z', '2024-02-28T23:00:00Z', '9999-12-31T22:00:00Z']) {
      const g = { ...grid, startMs: Date.parse(start) }
      for (let i = 0; i < 20_000; i++) {
        const s = i * 0.75 + (i % 11 === 0 ? 0.0004 : 0) - 90
        expect(isoAt(g, s)).toBe(reference(g.startMs, s))
      }
    }
    expect(isoAt({ ...grid, startMs: Date.parse('2024-02-28T23:59:59Z') }, 1)).toBe('2024-02-29T00:00:00Z')
  })
})
