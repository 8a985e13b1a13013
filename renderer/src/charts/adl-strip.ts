// ADL lights over time, one heat strip per position of the user's book: each run of equal
// lights (0-5) becomes one coloured segment on the same time axis as the timeline, so the
// moment a hedge climbs to the top of the queue lines up with the ADL marker above it. Pure.
import { utcClock } from '../lib/format'
import { FONT, tooltipStyle, type ChartPalette } from './palette'
import { TIME_GRID, ZOOM_IDS } from './timeline'
import type { ChartOption } from './types'

export interface LightSegment {
  row: number
  start: number
  end: number
  lights: number
}

/**
 * Run-length segments of each position's lights. `t` is ms per step; a segment ends where the
 * next one starts, the last at the last step plus one step.
 */
export function lightSegments(t: readonly number[], lights: Record<string, readonly number[]>, order: readonly string[]): LightSegment[] {
  const out: LightSegment[] = []
  const step = t.length > 1 ? t[1] - t[0] : 1000
  order.forEach((id, row) => {
    const xs = lights[id] ?? []
    let i = 0
    while (i < t.length) {
      const v = xs[i] ?? 0
      let j = i + 1
      while (j < t.length && (xs[j] ?? 0) === v) j++
      out.push({ row, start: t[i], end: j < t.length ? t[j] : t[t.length - 1] + step, lights: v })
      i = j
    }
  })
  return out
}

export interface AdlStripInput {
  t: readonly number[]
  lights: Record<string, readonly number[]>
  /** Rows top to bottom: position id, the axis label and a longer description for the tooltip. */
  positions: ReadonlyArray<{ id: string; label: string; detail?: string }>
}

export const STRIP_ROW = 26

export function adlStripHeight(rows: number): number {
  return Math.max(1, rows) * STRIP_ROW + 40
}

interface RenderApi {
  value(dim: number): number
  coord(v: [number, number]): number[]
  size(v: [number, number]): number[]
}

export function buildAdlStripOption(input: AdlStripInput, opts: { palette: ChartPalette }): ChartOption {
  const p = opts.palette
  const segs = lightSegments(input.t, input.lights, input.positions.map((x) => x.id))
  const t0 = input.t[0]
  const t1 = input.t[input.t.length - 1]
  const labels = input.positions.map((x) => x.label)
  const details = input.positions.map((x) => x.detail ?? x.label)
  return {
    backgroundColor: 'transparent',
    animation: false,
    useUTC: true,
    textStyle: { fontFamily: FONT },
    tooltip: {
      ...tooltipStyle(p),
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const v = (params as { value: [number, number, number, number] }).value
        const [start, end, row, lights] = v
        return `<b>${details[row] ?? ''}</b><br/>${utcClock(new Date(start).toISOString())} – ${utcClock(new Date(end).toISOString())} UTC<br/>${lights === 0 ? 'no lights (closed or not in profit)' : `${lights} of 5 lights: top ${lights * 20}% of the queue`}`
      },
    },
    grid: { left: TIME_GRID.left, right: TIME_GRID.right, top: 6, bottom: 30 },
    // Follows the timeline's zoom (same ids, same group); its own slider stays hidden.
    dataZoom: [
      { type: 'inside', id: ZOOM_IDS.inside, xAxisIndex: 0, filterMode: 'none' },
      { type: 'slider', id: ZOOM_IDS.slider, xAxisIndex: 0, filterMode: 'none', show: false },
    ],
    xAxis: {
      type: 'time',
      min: t0,
      max: t1,
      axisLine: { lineStyle: { color: p.axis } },
      axisLabel: { color: p.muted, fontSize: 10, hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'category',
      data: labels,
      inverse: true,
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: p.text, fontSize: 10, width: TIME_GRID.left - 8, overflow: 'truncate' },
    },
    series: [
      {
        type: 'custom',
        // Zoomed in, segments reach past the grid: clip them rather than paint over the labels.
        clip: true,
        encode: { x: [0, 1], y: 2 },
        renderItem: ((_params: unknown, api: RenderApi) => {
          const row = api.value(2)
          const a = api.coord([api.value(0), row])
          const b = api.coord([api.value(1), row])
          const h = api.size([0, 1])[1] * 0.62
          return {
            type: 'rect',
            shape: { x: a[0], y: a[1] - h / 2, width: Math.max(1, b[0] - a[0]), height: h },
            style: { fill: p.lights[Math.max(0, Math.min(5, api.value(3)))] },
          }
        }) as never,
        data: segs.map((s) => [s.start, s.end, s.row, s.lights]),
      },
    ],
  }
}
