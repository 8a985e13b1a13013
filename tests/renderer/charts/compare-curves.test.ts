// The compare chart: runs of different windows on one axis of time since their start, equity in
// USD or relative to each run's start, margin ratio with the liquidation line, one colour per run.
import { describe, expect, it } from 'vitest'
import { buildCompareCurvesOption, curvePoints, runColor, type CurveRun } from '../../../renderer/src/charts/compare-curves'
import { chartPalette } from '../../../renderer/src/charts/palette'
import { runResult } from './run-fixture'

const text = { equityTitle: 'Equity', equityRelativeTitle: 'Equity vs start', marginTitle: 'Margin ratio', liqLine: 'liq. 100%' }
const base = runResult().series
const a: CurveRun = { label: 'A', start: '2025-10-10T20:00:00Z', series: base, startEquity: 1.9e6 }
// The same shape two days later and on a book twice as large.
const shift = 2 * 86_400_000
const b: CurveRun = {
  label: 'B',
  start: new Date(Date.parse(a.start) + shift).toISOString(),
  series: { ...base, t: base.t.map((t) => new Date(Date.parse(t) + shift).toISOString()), user: { ...base.user, equity: base.user.equity.map((v) => v * 2) } },
  startEquity: 3.8e6,
}

describe('compare curves', () => {
  it('puts every run on time since its own start, breaking the line where a value is not finite', () => {
    const pa = curvePoints(a, (s, i) => s.user.marginRatio[i])
    const pb = curvePoints(b, (s, i) => s.user.marginRatio[i])
    expect(pa.map((p) => p[0])).toEqual(pb.map((p) => p[0]))
    expect(pa[0]).toEqual([0, 0.024])
    expect(pa[8]).toEqual([80 * 60_000, null])
  })

  it('draws equity in USD, or relative to each start so books of different sizes overlay', () => {
    const p = chartPalette('dark')
    const usd = buildCompareCurvesOption([a, b], { palette: p, mode: 'usd', text })
    const series = usd.series as Array<{ name: string; data: Array<[number, number | null]>; color: string; xAxisIndex: number }>
    expect(series.map((s) => [s.name, s.xAxisIndex])).toEqual([
      ['A', 0],
      ['A', 1],
      ['B', 0],
      ['B', 1],
    ])
    expect(series[2].data[4][1]).toBe(2 * series[0].data[4][1]!)
    expect(series[0].color).toBe(runColor(p, 0))
    expect(series[2].color).toBe(runColor(p, 1))
    const rel = buildCompareCurvesOption([a, b], { palette: p, mode: 'relative', text }).series as typeof series
    // Twice the book, the same relative path.
    expect(rel[2].data.map((d) => d[1])).toEqual(rel[0].data.map((d) => d[1]))
    expect(rel[0].data[5][1]).toBeCloseTo(1.6e6 / 1.9e6 - 1, 12)
    expect((usd.title as Array<{ text: string }>).map((x) => x.text)).toEqual(['Equity', 'Margin ratio'])
    expect((buildCompareCurvesOption([a, b], { palette: p, mode: 'relative', text }).title as Array<{ text: string }>)[0].text).toBe('Equity vs start')
  })

  it('marks the 100% liquidation line once, and spans the longest window', () => {
    const o = buildCompareCurvesOption([a, b], { palette: chartPalette('light'), mode: 'usd', text })
    const marked = (o.series as Array<{ markLine?: { data: Array<{ yAxis: number }> } }>).filter((s) => s.markLine)
    expect(marked).toHaveLength(1)
    expect(marked[0].markLine!.data[0].yAxis).toBe(1)
    expect((o.xAxis as Array<{ max: number }>)[0].max).toBe(120 * 60_000)
  })
})
