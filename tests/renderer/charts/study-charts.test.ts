// The study charts' option builders: the histogram's bars on their bin edges with the tail in the
// loss colour and coinciding markers sharing one label; the heat map's cells (i along x, j along
// y) coloured by final equity with a liquidation written in the cell, or by the probability of
// surviving; the solve chart's runs sorted along the axis, green or red, with the bracket shaded.
import { describe, expect, it } from 'vitest'
import type { GridReport, SolveReport } from '../../../shared/model/study'
import { buildGridHeatmapOption, heatCells, heatmapHeight } from '../../../renderer/src/charts/grid-heatmap'
import { buildHistogramOption, histogramBars, mergeMarkers } from '../../../renderer/src/charts/histogram'
import { chartPalette } from '../../../renderer/src/charts/palette'
import { buildSolveRunsOption, solvePoints } from '../../../renderer/src/charts/solve-runs'
import { tEn, tJa } from '../translate'

const p = chartPalette('dark')
const env = { palette: p, t: tEn, font: 'sans-serif' }
const prop = (k: number, n: number) => ({ k, n, p: k / n, lo: 0, hi: 1 })
const inputs = { portfolio: 'b', fingerprint: 'f', scenario: 's', start: '2025-10-10T20:00:00Z', venue: 'binance', pricing: 'book' as const, crowd: 2000, set: {}, positions: ['btc'] }

describe('histogram', () => {
  type Custom = { data: number[][]; renderItem: (p: { dataIndex: number }, api: unknown) => { style: { fill: string } } }
  const input = {
    histogram: { edges: [0, 100, 200, 300], counts: [1, 0, 7] },
    markers: [
      { value: 0, label: 'ES99', tone: 'loss' as const, dashed: true },
      { value: 0, label: 'p5', tone: 'plain' as const },
      { value: 250, label: 'p50', tone: 'mid' as const },
    ],
    tailBelow: 0,
    axisLabel: String,
    valueLabel: String,
    countLabel: (n: number) => `${n} draws`,
  }

  it('draws one bar per bin on its edges, the bin holding the tail in the loss colour', () => {
    const o = buildHistogramOption(input, env)
    const s = (o.series as Custom[])[0]
    expect(s.data).toEqual([
      [0, 100, 1],
      [100, 200, 0],
      [200, 300, 7],
    ])
    const api = (row: number[]) => ({ value: (d: number) => row[d], coord: ([x, y]: [number, number]) => [x, 200 - y * 10] })
    expect(s.renderItem({ dataIndex: 0 }, api(s.data[0])).style.fill).toBe(p.short)
    expect(s.renderItem({ dataIndex: 2 }, api(s.data[2])).style.fill).toBe(p.accent)
  })

  it('markers at one value share a label, in the loss colour', () => {
    const o = buildHistogramOption(input, env)
    const lines = (o.series as Array<{ markLine?: { data: Array<{ xAxis: number; name: string; lineStyle: { color: string } }> } }>)[1].markLine!.data
    expect(lines.map((l) => [l.xAxis, l.name])).toEqual([
      [0, 'ES99 · p5'],
      [250, 'p50'],
    ])
    expect(lines[0].lineStyle.color).toBe(p.short)
    expect(mergeMarkers([{ value: 10, label: 'a' }, { value: 50, label: 'b' }], 5)).toHaveLength(2)
  })

  it('widens a histogram of one value so it shows', () => {
    expect(histogramBars({ edges: [500, 500], counts: [8] }, 60)).toEqual([[470, 530, 8]])
    expect(histogramBars({ edges: [0, 0], counts: [3] })).toEqual([[-0.5, 0.5, 3]])
  })
})

describe('grid heat map', () => {
  const runCell = (survived: boolean, finalEquity: string, adl = false) => ({ survived, finalEquity, adl, adlPositions: adl ? ['btc'] : [], liquidated: survived ? [] : ['btc'], firstLiquidation: survived ? null : '2025-10-10T21:19:34Z' })
  const grid: GridReport = {
    format: 'cascade.grid/1',
    seed: 42,
    inputs,
    draws: null,
    model: null,
    x: { axis: 'scale', values: ['0.5', '1'] },
    y: { axis: 'withdrawal', values: ['0', '0.5', '0.98'] },
    cells: [
      [runCell(true, '1500000'), runCell(true, '1400000', true), runCell(true, '1300000')],
      [runCell(true, '1200000'), runCell(false, '0'), runCell(false, '0', true)],
    ],
  }

  it('one cell per (i, j), coloured by final equity, liquidations and ADL written in', () => {
    const cells = heatCells(grid, tEn)
    expect(cells.map((c) => c.value)).toEqual([
      [0, 0, 1500000],
      [0, 1, 1400000],
      [0, 2, 1300000],
      [1, 0, 1200000],
      [1, 1, 0],
      [1, 2, 0],
    ])
    expect(cells[1].label).toBe('1.40M\nADL')
    expect(cells[4].label).toBe('0\n✕ liq.')
    expect(heatCells(grid, tJa)[4].label).toBe('0\n✕ 清算')
    // A cell both ADL'd and liquidated says both (the header counts it among the ADL'd cells).
    expect(cells[5].label).toBe('0\n✕ liq. · ADL')
    const o = buildGridHeatmapOption(grid, env)
    expect((o.xAxis as { data: string[] }).data).toEqual(['×0.5', '×1'])
    expect((o.yAxis as { data: string[] }).data).toEqual(['0%', '50%', '98%'])
    expect(o.visualMap).toMatchObject({ min: 0, max: 1500000 })
    const data = (o.series as Array<{ data: Array<{ itemStyle: { borderType?: string } }> }>)[0].data
    expect(data[4].itemStyle.borderType).toBe('dashed')
    expect(data[0].itemStyle.borderType).toBeUndefined()
  })

  it('under Monte Carlo per cell: the probability of surviving from 0 to 1', () => {
    const dist = { mean: 1, min: 0, p5: 0, p50: 1, p95: 2, max: 2, es95: 0, es99: 0, histogram: { edges: [], counts: [] } }
    const odds: GridReport = { ...grid, draws: 4, x: { axis: 'fund', values: ['0'] }, y: { axis: 'scale', values: ['1'] }, cells: [[{ survived: prop(3, 4), adl: prop(0, 4), finalEquity: dist }]] }
    expect(heatCells(odds, tEn)).toEqual([{ value: [0, 0, 0.75], label: '75%', survived: false }])
    expect(buildGridHeatmapOption(odds, env).visualMap).toMatchObject({ min: 0, max: 1 })
  })

  it('is tall enough for its rows, within bounds', () => {
    expect(heatmapHeight(3)).toBe(260)
    expect(heatmapHeight(10)).toBe(550)
    expect(heatmapHeight(32)).toBe(640)
  })
})

describe('solve chart', () => {
  const solve: SolveReport = {
    format: 'cascade.solve/1',
    seed: 42,
    inputs,
    axis: 'collateral:USDT',
    safe: 'above',
    target: null,
    answer: '2963200',
    step: '3200',
    failsAt: '2960000',
    bracket: ['2960000', '2963200'],
    monotone: true,
    stableAnswer: null,
    binding: null,
    range: ['0', '4000000'],
    runs: [
      { value: '4000000', survived: true, finalEquity: '5000000', odds: null, binding: null, phase: 'bound' },
      { value: '0', survived: false, finalEquity: '0', odds: null, binding: null, phase: 'bound' },
      { value: '2963200', survived: true, finalEquity: '3900000', odds: null, binding: null, phase: 'bisect' },
      { value: '2960000', survived: false, finalEquity: '0', odds: null, binding: null, phase: 'bisect' },
    ],
    note: '',
  }

  it('the runs in order along the axis, survivors green, the bracket shaded and the answer marked', () => {
    expect(solvePoints(solve).map((x) => [x.x, x.survived])).toEqual([
      [0, false],
      [2960000, false],
      [2963200, true],
      [4000000, true],
    ])
    const o = buildSolveRunsOption(solve, env)
    const s = (o.series as Array<{ data: Array<{ itemStyle: { color: string } }>; markArea: { data: unknown }; markLine: { data: Array<{ xAxis: number }> } }>)[0]
    expect(s.data.map((d) => d.itemStyle.color)).toEqual([p.short, p.short, p.long, p.long])
    expect(s.markArea.data).toEqual([[{ xAxis: 2960000 }, { xAxis: 2963200 }]])
    expect(s.markLine.data[0].xAxis).toBe(2963200)
  })

  it('under a target probability: P(survived) from 0 to 1 with the target line', () => {
    const mc: SolveReport = { ...solve, target: { p: 0.9, draws: 10, model: {} as never }, runs: [{ value: '0', survived: false, finalEquity: '1', odds: prop(5, 10), binding: null, phase: 'bound' }] }
    expect(solvePoints(mc)[0].y).toBe(0.5)
    const o = buildSolveRunsOption(mc, env)
    expect(o.yAxis).toMatchObject({ min: 0, max: 1 })
    expect((o.series as Array<{ markLine: { data: Array<{ yAxis?: number }> } }>)[0].markLine.data[1].yAxis).toBe(0.9)
  })
})
