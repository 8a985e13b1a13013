// A histogram as a study report gives it (docs/FORMATS.md §7.1: bin edges, one more than the
// counts; the last bin includes its upper edge), drawn bin by bin on a value axis so the bars sit
// exactly on their edges, with vertical markers (p5, p50, p95, ES95, ES99) and the bins below a
// threshold in the loss colour (the tail the expected shortfall averages). Markers that fall
// within a few pixels of each other (p5 = ES95 = ES99 when few draws failed) share one label.
// Used for final equity and for the time of the first liquidation. Pure: every number comes from
// the report.
import type { Histogram } from '../../../shared/model/study'
import { tooltipStyle, type ChartPalette } from './palette'
import type { ChartOption } from './types'

export interface HistogramMarker {
  value: number
  label: string
  /** `loss`: the short colour (expected shortfall); `mid`: the text colour; otherwise muted. */
  tone?: 'loss' | 'mid' | 'plain'
  dashed?: boolean
}

export interface HistogramInput {
  histogram: Histogram
  markers: HistogramMarker[]
  /** Bins holding a value at or below this (their lower edge at or below it) are drawn in the loss colour. */
  tailBelow?: number
  /** Width given to a histogram of one value (all draws equal), in axis units. */
  minWidth?: number
  /** Text of a value on the axis and in the tooltip. */
  axisLabel: (v: number) => string
  valueLabel: (v: number) => string
  /** Tooltip line of a bin: "12 draws". */
  countLabel: (n: number) => string
}

export interface HistogramEnv {
  palette: ChartPalette
  font: string
}

export const HISTOGRAM_HEIGHT = 240

interface RenderApi {
  value(dim: number): number
  coord(v: [number, number]): number[]
}

/** Bars as [from, to, count], a single-valued histogram widened (to `minWidth`) so it shows as a bar. */
export function histogramBars(h: Histogram, minWidth?: number): Array<[number, number, number]> {
  const bars: Array<[number, number, number]> = h.counts.map((c, i) => [h.edges[i], h.edges[i + 1], c])
  if (bars.length === 1 && bars[0][0] === bars[0][1]) {
    const half = (minWidth ?? Math.max(Math.abs(bars[0][0]) * 0.01, 1)) / 2
    bars[0] = [bars[0][0] - half, bars[0][1] + half, bars[0][2]]
  }
  return bars
}

/** Markers closer than `gap` (axis units) merged, left to right, their labels joined: "ES99 · ES95 · p5". */
export function mergeMarkers(markers: readonly HistogramMarker[], gap: number): HistogramMarker[] {
  const sorted = [...markers].sort((a, b) => a.value - b.value)
  const out: HistogramMarker[] = []
  for (const m of sorted) {
    const last = out[out.length - 1]
    if (last && m.value - last.value <= gap) {
      last.label = `${last.label} · ${m.label}`
      // The loss colour wins: a tail marker stays visible as one.
      if (m.tone === 'loss' || last.tone === 'loss') last.tone = 'loss'
      else if (m.tone === 'mid') last.tone = 'mid'
      last.dashed = last.dashed && m.dashed
    } else out.push({ ...m })
  }
  return out
}

export function buildHistogramOption(input: HistogramInput, env: HistogramEnv): ChartOption {
  const p = env.palette
  const bars = histogramBars(input.histogram, input.minWidth)
  const lo = Math.min(bars[0]?.[0] ?? 0, ...input.markers.map((m) => m.value))
  const hi = Math.max(bars[bars.length - 1]?.[1] ?? 1, ...input.markers.map((m) => m.value))
  const pad = (hi - lo) * 0.02 || 1
  const markers = mergeMarkers(input.markers, (hi - lo) * 0.04)
  // A label near either end reads inward, so it neither leaves the chart nor covers the axis.
  const alignOf = (v: number): 'left' | 'right' | 'center' => {
    const at = (v - lo) / (hi - lo || 1)
    return at < 0.15 ? 'left' : at > 0.85 ? 'right' : 'center'
  }
  const toneColor = (m: HistogramMarker) => (m.tone === 'loss' ? p.short : m.tone === 'mid' ? p.textStrong : p.muted)
  return {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { fontFamily: env.font },
    grid: { left: 8, right: 16, top: 40, bottom: 6, containLabel: true },
    tooltip: {
      ...tooltipStyle(p, env.font),
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const { dataIndex, seriesType } = params as { dataIndex: number; seriesType: string }
        if (seriesType !== 'custom') return ''
        const [a, b, n] = bars[dataIndex]
        return `${input.valueLabel(a)} – ${input.valueLabel(b)}<br/><b>${input.countLabel(n)}</b>`
      },
    },
    xAxis: {
      type: 'value',
      min: lo - pad,
      max: hi + pad,
      scale: true,
      splitNumber: 6,
      axisLine: { lineStyle: { color: p.axis } },
      axisLabel: { color: p.muted, fontSize: 10, fontFamily: env.font, formatter: (v: number) => input.axisLabel(v), hideOverlap: true, showMinLabel: false, showMaxLabel: false },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      splitNumber: 4,
      axisLine: { show: false },
      axisLabel: { color: p.muted, fontSize: 10, fontFamily: env.font },
      splitLine: { lineStyle: { color: p.split } },
    },
    series: [
      {
        type: 'custom',
        encode: { x: [0, 1], y: 2 },
        renderItem: ((params: { dataIndex: number }, api: RenderApi) => {
          const a = api.coord([api.value(0), api.value(2)])
          const b = api.coord([api.value(1), 0])
          const [from] = bars[params.dataIndex]
          const tail = input.tailBelow !== undefined && from <= input.tailBelow
          const x = Math.min(a[0], b[0]) + 0.5
          const width = Math.max(1, Math.abs(b[0] - a[0]) - 1)
          return { type: 'rect', shape: { x, y: a[1], width, height: Math.max(0, b[1] - a[1]) }, style: { fill: tail ? p.short : p.accent, opacity: tail ? 0.85 : 0.75 } }
        }) as never,
        data: bars,
      },
      {
        type: 'line',
        data: [],
        silent: true,
        markLine: {
          silent: true,
          symbol: 'none',
          animation: false,
          data: markers.map((m, i) => ({
            xAxis: m.value,
            name: m.label,
            lineStyle: { color: toneColor(m), type: m.dashed ? 'dashed' : 'solid', width: 1 },
            // Alternate heights so neighbouring markers' labels do not print over each other.
            label: { formatter: m.label, color: toneColor(m), fontSize: 10, fontFamily: env.font, position: 'end', distance: i % 2 ? 14 : 2, align: alignOf(m.value) },
          })),
        },
      },
    ],
  }
}
