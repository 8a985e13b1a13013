// Equity and margin ratio of several runs overlaid, on time since each scenario's start (so runs
// of different windows line up): equity in USD or relative to each run's start equity (books of
// different sizes), margin ratio with the 100% liquidation line. Pure: the option is unit-tested.
import type { RunSeries } from '../../../shared/model/run'
import { compactUsd, duration } from '../lib/format'
import { FONT, tooltipStyle, type ChartPalette } from './palette'
import type { ChartOption } from './types'

/** One colour per compared run, distinct from the asset colours, per theme. */
const RUN_COLORS: Record<ChartPalette['theme'], string[]> = {
  dark: ['#3d8bfd', '#f0883e', '#c084fc', '#2ebd85', '#facc15', '#f472b6'],
  light: ['#1f6feb', '#c4590b', '#9333ea', '#078a55', '#a16207', '#db2777'],
}

export function runColor(p: ChartPalette, index: number): string {
  const list = RUN_COLORS[p.theme]
  return list[index % list.length]
}

export interface CurveRun {
  label: string
  /** The scenario window's start (ISO). */
  start: string
  series: RunSeries
  /** The run's start equity (USD), the base of the relative view. */
  startEquity: number
}

export type EquityMode = 'usd' | 'relative'

export interface CurveTexts {
  equityTitle: string
  equityRelativeTitle: string
  marginTitle: string
  liqLine: string
}

export const COMPARE_CURVES_HEIGHT = 500

const GRIDS = { equity: { top: 58, height: 200 }, margin: { top: 306, height: 120 } }

/** [ms since start, value] points; non-finite values break the line. */
export function curvePoints(run: CurveRun, pick: (s: RunSeries, i: number) => number | null | undefined): Array<[number, number | null]> {
  const t0 = Date.parse(run.start)
  return run.series.t.map((t, i) => {
    const v = pick(run.series, i)
    return [Date.parse(t) - t0, typeof v === 'number' && Number.isFinite(v) ? v : null]
  })
}

export function buildCompareCurvesOption(runs: readonly CurveRun[], opts: { palette: ChartPalette; mode: EquityMode; text: CurveTexts }): ChartOption {
  const p = opts.palette
  const relative = opts.mode === 'relative'
  const equity = runs.map((r) =>
    curvePoints(r, (s, i) => {
      const v = s.user.equity[i]
      if (!relative) return v
      return r.startEquity > 0 && Number.isFinite(v) ? v / r.startEquity - 1 : null
    }),
  )
  const margin = runs.map((r) => curvePoints(r, (s, i) => s.user.marginRatio[i]))
  const tMax = Math.max(1, ...runs.map((r) => Date.parse(r.series.t[r.series.t.length - 1] ?? r.start) - Date.parse(r.start)))
  const since = (v: number) => (v <= 0 ? '0' : `+${duration(v)}`)
  const fmtEquity = (v: number) => (relative ? `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%` : compactUsd(v))
  const fmtRatio = (v: number) => `${(v * 100).toFixed(1)}%`
  const title = (text: string, top: number) => ({ text, left: 4, top: top - 20, textStyle: { color: p.muted, fontSize: 11, fontWeight: 'normal' as const, fontFamily: FONT } })
  // A time axis from the epoch: its ticks fall on round minutes and hours of elapsed time, and
  // stay round when zoomed; the labels print the elapsed time, not a date.
  const xAxis = (gridIndex: number, labels: boolean) => ({
    type: 'time' as const,
    gridIndex,
    min: 0,
    max: tMax,
    axisLine: { lineStyle: { color: p.axis } },
    axisTick: { show: labels },
    axisLabel: { show: labels, color: p.muted, fontSize: 10, formatter: since, hideOverlap: true },
    splitLine: { show: true, lineStyle: { color: p.split } },
  })
  const series: NonNullable<ChartOption['series']> = []
  runs.forEach((r, i) => {
    const color = runColor(p, i)
    series.push({ type: 'line', name: r.label, xAxisIndex: 0, yAxisIndex: 0, data: equity[i], showSymbol: false, sampling: 'lttb', color, lineStyle: { width: 1.6 }, connectNulls: false })
    series.push({
      type: 'line',
      name: r.label,
      xAxisIndex: 1,
      yAxisIndex: 1,
      data: margin[i],
      showSymbol: false,
      sampling: 'lttb',
      color,
      lineStyle: { width: 1.2, type: 'dashed' },
      ...(i === 0
        ? { markLine: { silent: true, symbol: ['none', 'none'], data: [{ yAxis: 1, lineStyle: { color: p.short, type: 'solid', width: 1, opacity: 0.6 }, label: { show: true, formatter: opts.text.liqLine, position: 'insideStartTop', color: p.short, fontSize: 9 } }] } }
        : {}),
    })
  })
  return {
    backgroundColor: 'transparent',
    animation: false,
    useUTC: true,
    textStyle: { fontFamily: FONT },
    title: [title(relative ? opts.text.equityRelativeTitle : opts.text.equityTitle, GRIDS.equity.top), title(opts.text.marginTitle, GRIDS.margin.top)],
    legend: { top: 0, left: 4, itemWidth: 14, itemHeight: 8, textStyle: { color: p.text, fontSize: 11 }, data: runs.map((r) => r.label) },
    grid: [
      { left: 64, right: 24, ...GRIDS.equity },
      { left: 64, right: 24, ...GRIDS.margin },
    ],
    axisPointer: { link: [{ xAxisIndex: 'all' }], lineStyle: { color: p.faint } },
    tooltip: {
      ...tooltipStyle(p),
      trigger: 'axis',
      confine: true,
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as Array<{ seriesName: string; marker: string; axisIndex?: number; value: [number, number | null]; seriesIndex: number }>
        if (!list.length) return ''
        const head = since(list[0].value[0])
        const lines = list.map((q) => {
          const v = q.value[1]
          const text = v === null ? '—' : q.seriesIndex % 2 === 0 ? fmtEquity(v) : fmtRatio(v)
          return `${q.marker}${q.seriesName} <b style="float:right;margin-left:14px">${text}</b>`
        })
        return [head, ...lines].join('<br/>')
      },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: [0, 1], filterMode: 'none' },
      {
        type: 'slider',
        xAxisIndex: [0, 1],
        filterMode: 'none',
        left: 64,
        right: 24,
        bottom: 8,
        height: 18,
        borderColor: p.axis,
        textStyle: { color: p.muted, fontSize: 10 },
        labelFormatter: (v: number) => since(v),
        showDataShadow: false,
      },
    ],
    xAxis: [xAxis(0, false), xAxis(1, true)],
    yAxis: [
      { type: 'value', gridIndex: 0, scale: !relative, splitNumber: 4, axisLine: { show: false }, axisLabel: { color: p.muted, fontSize: 10, formatter: fmtEquity }, splitLine: { lineStyle: { color: p.split } } },
      { type: 'value', gridIndex: 1, min: 0, splitNumber: 3, axisLine: { show: false }, axisLabel: { color: p.muted, fontSize: 10, formatter: (v: number) => `${(v * 100).toFixed(0)}%` }, splitLine: { lineStyle: { color: p.split } } },
    ],
    series,
  }
}
