// ADL lights over time: run-length segments per position and the strip's custom series.
import { describe, expect, it } from 'vitest'
import { adlStripHeight, buildAdlStripOption, lightSegments, lightsAt, STRIP_ROW, stripTooltip } from '../../../renderer/src/charts/adl-strip'
import { chartPalette } from '../../../renderer/src/charts/palette'
import { TIME_GRID } from '../../../renderer/src/charts/timeline'
import { runResult } from './run-fixture'
import { tEn, tJa } from '../translate'

const r = runResult()
const t = r.series.t.map((x) => Date.parse(x))
const at = (i: number): number => t[i]
const STEP = 10 * 60_000

describe('light segments', () => {
  it('turn each position series into runs of equal lights', () => {
    const segs = lightSegments(t, r.series.user.adlLights, ['btc', 'doge'])
    expect(segs.filter((s) => s.row === 0)).toEqual([
      { row: 0, start: at(0), end: at(4), lights: 1 },
      { row: 0, start: at(4), end: at(12) + STEP, lights: 0 },
    ])
    expect(segs.filter((s) => s.row === 1)).toEqual([
      { row: 1, start: at(0), end: at(4), lights: 1 },
      { row: 1, start: at(4), end: at(5), lights: 2 },
      { row: 1, start: at(5), end: at(6), lights: 3 },
      { row: 1, start: at(6), end: at(8), lights: 5 },
      { row: 1, start: at(8), end: at(12) + STEP, lights: 0 },
    ])
  })

  it('treat a position without a series as dark all along', () => {
    expect(lightSegments(t, {}, ['gone'])).toEqual([{ row: 0, start: at(0), end: at(12) + STEP, lights: 0 }])
  })
})

describe('strip option', () => {
  const palette = chartPalette('dark')
  const input = {
    t,
    lights: r.series.user.adlLights,
    positions: [
      { id: 'btc', label: 'btc ▲', detail: 'btc: BTCUSDT long' },
      { id: 'doge', label: 'doge ▼', detail: 'doge: DOGEUSDT short' },
    ],
  }
  const o = buildAdlStripOption(input, { palette, t: tEn })

  it('has a row per position on the timeline margins', () => {
    expect((o.yAxis as { data: string[] }).data).toEqual(['btc ▲', 'doge ▼'])
    const grid = o.grid as { left: number; right: number }
    expect([grid.left, grid.right]).toEqual([TIME_GRID.left, TIME_GRID.right])
    expect(adlStripHeight(2)).toBe(2 * STRIP_ROW + 40)
  })

  it('draws each segment as a rectangle coloured by its light count', () => {
    const s = (o.series as Array<{ data: number[][]; renderItem: (p: unknown, api: unknown) => { shape: { x: number; width: number }; style: { fill: string } } }>)[0]
    expect(s.data).toHaveLength(7)
    const row = s.data[5] // doge, 5 lights
    const api = {
      value: (d: number) => row[d],
      coord: ([x, y]: [number, number]) => [(x - t[0]) / 1000, y * 20],
      size: () => [0, 20],
    }
    const rect = s.renderItem({}, api)
    expect(rect.style.fill).toBe(palette.lights[5])
    expect(rect.shape.width).toBe((at(8) - at(6)) / 1000)
  })
})

describe('zoom', () => {
  it('follows the timeline zoom (same ids) and clips segments to the grid', () => {
    const o = buildAdlStripOption({ t, lights: r.series.user.adlLights, positions: [{ id: 'doge', label: 'doge ▼' }] }, { palette: chartPalette('light'), t: tEn })
    expect((o.dataZoom as Array<{ id: string }>).map((z) => z.id)).toEqual(['time-zoom-inside', 'time-zoom-slider'])
    expect((o.series as Array<{ clip: boolean }>)[0].clip).toBe(true)
  })
})

describe('pointer', () => {
  const input = { t, lights: r.series.user.adlLights, positions: [{ id: 'btc', label: 'btc ▲', detail: 'btc: BTCUSDT long' }, { id: 'doge', label: 'doge ▼', detail: 'doge: DOGEUSDT short' }] }
  const segs = lightSegments(t, input.lights, ['btc', 'doge'])

  // Hovering the strip must move the linked timeline to the same TIME: an item tooltip sent the
  // hovered segment's data index, which the timeline read as an index into its own series.
  it('triggers on the time axis, never on a segment, so linked charts follow the time', () => {
    const o = buildAdlStripOption(input, { palette: chartPalette('dark'), t: tEn })
    expect(o.tooltip).toMatchObject({ trigger: 'axis', axisPointer: { axis: 'x' } })
  })

  it('reads each row at the instant under the pointer', () => {
    expect(lightsAt(segs, 2, at(5))).toEqual([0, 3])
    expect(lightsAt(segs, 2, at(6) + 1)).toEqual([0, 5])
    expect(lightsAt(segs, 2, at(0) - 1)).toEqual([0, 0])
    const o = buildAdlStripOption(input, { palette: chartPalette('dark'), t: tEn })
    const tip = (o.tooltip as { formatter: (p: unknown) => string }).formatter([{ axisValue: at(6) }])
    expect(tip).toContain('UTC')
    // 5 lights are the top fifth of the queue, as the Book tab says (the tooltip once read "top 100%").
    expect(tip).toContain('doge: DOGEUSDT short: <b>ADL 5 of 5 lights: in the top 20% of its side\'s queue (deleveraged first)</b>')
    expect(tip).toContain('btc: BTCUSDT long: <b>no lights (closed or not in profit)</b>')
    expect(stripTooltip(input, segs, at(5), tJa)).toContain('ランプ 3/5')
    expect(stripTooltip(input, segs, at(5), tEn)).toContain('ADL 3 of 5 lights: in the 40-60% band from the bottom')
  })
})
