// ADL lights over time, one heat strip per position of the user's book: each run of equal
// lights (0-5) becomes one coloured segment on the same time axis as the timeline, so the
// moment a hedge climbs to the top of the queue lines up with the ADL marker above it. Pure.
//
// The strip and the timeline share one axis pointer by TIME: its tooltip triggers on the x axis,
// so hovering it sends the pointer's time to the linked timeline (`updateAxisPointer` by value).
// An item tooltip would instead send the hovered segment's data index, which the timeline reads
// as an index into its own series: segment 7 pointed the timeline at 20:01:10 while the mouse was
// at 21:16.
import type { Translate } from '../i18n'
import { adlLightsLabel } from '../lib/figures'
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

/** Each row's lights at instant `ms`: the segment holding it (0 outside the run). */
export function lightsAt(segments: readonly LightSegment[], rows: number, ms: number): number[] {
  const out = new Array<number>(rows).fill(0)
  for (const s of segments) if (s.start <= ms && ms < s.end) out[s.row] = s.lights
  return out
}

/** The strip's tooltip at instant `ms`: the time, then each position with its lights. */
export function stripTooltip(input: AdlStripInput, segments: readonly LightSegment[], ms: number, t: Translate): string {
  const lights = lightsAt(segments, input.positions.length, ms)
  const lines = input.positions.map((pos, i) => {
    const n = lights[i]
    // The lights read as the Book tab reads them (1 the bottom fifth of the queue, 5 the top).
    return `${pos.detail ?? pos.label}: <b>${n === 0 ? t('adlStrip.none') : adlLightsLabel(n, t)}</b>`
  })
  return [t('adlStrip.at', { time: utcClock(new Date(ms).toISOString()) }), ...lines].join('<br/>')
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

export function buildAdlStripOption(input: AdlStripInput, opts: { palette: ChartPalette; t: Translate; font?: string }): ChartOption {
  const p = opts.palette
  const font = opts.font ?? FONT
  const segs = lightSegments(input.t, input.lights, input.positions.map((x) => x.id))
  const t0 = input.t[0]
  const t1 = input.t[input.t.length - 1]
  const labels = input.positions.map((x) => x.label)
  return {
    backgroundColor: 'transparent',
    animation: false,
    useUTC: true,
    textStyle: { fontFamily: font },
    tooltip: {
      ...tooltipStyle(p, font),
      // By time, never by item: see the header.
      trigger: 'axis',
      axisPointer: { type: 'line', axis: 'x', lineStyle: { color: p.faint } },
      confine: true,
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as Array<{ axisValue?: number | string }>
        const ms = Number(list[0]?.axisValue)
        return Number.isFinite(ms) ? stripTooltip(input, segs, ms, opts.t) : ''
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
