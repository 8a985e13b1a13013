// The run timeline: which assets are the book's, the user's markers, the dataset columns and
// the stacked panels of the option, on the synthetic run of run-fixture.ts.
import { describe, expect, it } from 'vitest'
import type { CascadeEvent } from '../../../shared/model/run'
import { chartPalette } from '../../../renderer/src/charts/palette'
import { bookAssets, buildTimelineOption, markerLabels, timelineColumns, TIME_GRID, userMarkers } from '../../../renderer/src/charts/timeline'
import { tEn } from '../translate'
import { BOOK, EVENTS, runResult } from './run-fixture'

describe('book assets', () => {
  it('are the bases of the positions and the non-stable balances the run priced', () => {
    expect(bookAssets(BOOK, ['BTC', 'DOGE', 'USDT', 'ETH'])).toEqual(['BTC', 'DOGE'])
    expect(bookAssets({ ...BOOK, wallet: [{ asset: 'ETH', amount: '1' }] }, ['BTC', 'DOGE', 'USDT', 'ETH'])).toEqual(['BTC', 'DOGE', 'ETH'])
  })

  it('fall back to every priced non-stable asset when the book touches none', () => {
    expect(bookAssets({ ...BOOK, positions: [] }, ['USDT', 'SOL', 'ETH'])).toEqual(['SOL', 'ETH'])
  })
})

describe('markers', () => {
  it('mark the first margin call, each ADL and each liquidation of the user', () => {
    expect(userMarkers(EVENTS, tEn)).toEqual([
      { t: Date.parse('2025-10-10T21:10:00Z'), kind: 'margin-call', label: 'CALL' },
      { t: Date.parse('2025-10-10T21:15:00Z'), kind: 'adl', label: 'ADL doge' },
      { t: Date.parse('2025-10-10T21:20:00Z'), kind: 'liquidation', label: 'LIQ btc' },
    ])
  })

  it('merge events of a kind within a minute and ignore the crowd', () => {
    const more: CascadeEvent[] = [
      ...EVENTS,
      { id: 10, t: '2025-10-10T21:20:30Z', kind: 'liquidation', account: 'user', position: 'eth', causes: [] },
      { id: 11, t: '2025-10-10T21:30:00Z', kind: 'margin-call', account: 'user', causes: [] },
    ]
    const m = userMarkers(more, tEn)
    expect(m.map((x) => x.label)).toEqual(['CALL', 'ADL doge', 'LIQ btc, eth'])
  })
})

describe('marker labels', () => {
  it('cluster close markers into one label and step clusters down the rows', () => {
    const m = (min: number, label: string) => ({ t: min * 60_000, kind: 'adl' as const, label })
    expect(markerLabels([m(0, 'ADL doge'), m(2, 'CALL'), m(3, 'LIQ btc'), m(30, 'LIQ eth'), m(60, 'ADL sol')], 5 * 60_000)).toEqual([
      { show: true, text: 'ADL doge · CALL · LIQ btc', row: 0 },
      { show: false, text: 'CALL', row: 0 },
      { show: false, text: 'LIQ btc', row: 0 },
      { show: true, text: 'LIQ eth', row: 1 },
      { show: true, text: 'ADL sol', row: 2 },
    ])
  })
})

describe('columns', () => {
  it('normalise prices to the start and drop what cannot be drawn', () => {
    const r = runResult()
    const c = timelineColumns(r.series, ['BTC', 'DOGE'])
    expect(c.t[0]).toBe(Date.parse('2025-10-10T20:00:00Z'))
    expect(c['p:BTC'][0]).toBe(0)
    expect(c['p:BTC'][8]).toBeCloseTo(105000 / 122000 - 1, 12)
    expect(c['p:DOGE'][8]).toBeCloseTo(-0.28, 12)
    // Infinite margin ratio (no equity left) and zero depth (log axis) are gaps, not points.
    expect(c.marginRatio[8]).toBeNull()
    expect(c['d:DOGE'].every((v) => v === null)).toBe(true)
    expect(c.fund[0]).toBe(4e8)
  })
})

describe('timeline option', () => {
  const r = runResult()
  const o = buildTimelineOption({ series: r.series, events: EVENTS, portfolio: BOOK }, { palette: chartPalette('dark'), t: tEn })
  type Line = { name: string; xAxisIndex: number; yAxisIndex: number; encode: { y: string }; markLine?: { data: Array<{ xAxis?: number; label: { show: boolean; formatter?: string } }> } }
  const series = o.series as Line[]

  it('stacks four panels on one time axis, with the same margins as the ADL strip', () => {
    const grids = o.grid as Array<{ left: number; right: number; top: number }>
    expect(grids).toHaveLength(4)
    expect(grids.every((g) => g.left === TIME_GRID.left && g.right === TIME_GRID.right)).toBe(true)
    const xs = o.xAxis as Array<{ type: string; min: number; max: number }>
    expect(new Set(xs.map((x) => `${x.type}:${x.min}:${x.max}`)).size).toBe(1)
    expect(o.useUTC).toBe(true)
  })

  it('draws the book prices, equity, margin ratio, the fund and the depth of assets that have a book', () => {
    expect(series.map((s) => `${s.name}@${s.xAxisIndex}/${s.yAxisIndex}`)).toEqual([
      'BTC@0/0',
      'DOGE@0/0',
      'Equity@1/1',
      'Margin ratio@1/2',
      'Insurance fund@2/3',
      'BTC depth@3/4',
    ])
    expect(series[0].encode.y).toBe('p:BTC')
    const source = (o.dataset as { source: Record<string, unknown[]> }).source
    expect(Object.keys(source)).toEqual(expect.arrayContaining(['t', 'p:BTC', 'p:DOGE', 'equity', 'marginRatio', 'fund', 'd:BTC']))
  })

  it('puts the user markers on the price panel (labelled) and the equity panel', () => {
    const priceMarks = series[0].markLine?.data ?? []
    // 21:10, 21:15 and 21:20 in a 2-hour window: more than 4% apart, three labels on three rows.
    expect(priceMarks.map((d) => d.label.formatter)).toEqual(['CALL', 'ADL doge', 'LIQ btc'])
    expect(priceMarks[2].xAxis).toBe(Date.parse('2025-10-10T21:20:00Z'))
    expect(series[2].markLine?.data.every((d) => d.label.show === false)).toBe(true)
    expect(series[1].markLine).toBeUndefined()
  })
})
