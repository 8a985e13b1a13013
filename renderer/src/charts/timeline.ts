// The run timeline (docs/MODEL.md §6.4): stacked panels on one time axis — the book's asset
// prices normalised to the start with markers at the user's margin calls, ADL events and
// liquidations; the account's equity and margin ratio; the insurance fund; book depth. One
// dataset (columns of the run's series), one grid per panel, axis pointers linked. Pure; words
// from the `Translate` given (catalogue `timeline.*`).
import type { Portfolio } from '../../../shared/model/portfolio'
import type { Translate } from '../i18n'
import type { CascadeEvent, RunSeries } from '../../../shared/model/run'
import { USER_ACCOUNT } from '../../../shared/model/run'
import { compactAxis, compactUsd, utcClock } from '../lib/format'
import { assetColor, FONT, tooltipStyle, type ChartPalette } from './palette'
import type { ChartOption } from './types'

/** Left and right margins shared with the ADL strip, so both time axes line up. */
export const TIME_GRID = { left: 64, right: 58 }

const STABLES = new Set(['USDT', 'USDC', 'USD', 'FDUSD', 'DAI'])

/** The assets a book is exposed to (position bases, wallet, loans, DeFi, loops) that the run priced. */
export function bookAssets(portfolio: Portfolio, available: readonly string[]): string[] {
  const have = new Set(available)
  const wanted: string[] = []
  const add = (a: string | undefined): void => {
    if (a && have.has(a) && !wanted.includes(a)) wanted.push(a)
  }
  // A contract's base is the longest priced asset its symbol starts with (BTCUSDT -> BTC).
  const byLength = [...available].sort((a, b) => b.length - a.length)
  for (const p of portfolio.positions) add(byLength.find((a) => p.symbol.startsWith(a) && !STABLES.has(a)))
  for (const w of portfolio.wallet) if (!STABLES.has(w.asset)) add(w.asset)
  for (const l of portfolio.loans) if (!STABLES.has(l.asset)) add(l.asset)
  for (const d of portfolio.defi) for (const x of [...d.supplies, ...d.borrows]) if (!STABLES.has(x.asset)) add(x.asset)
  for (const l of portfolio.loops) for (const a of [l.asset, l.borrow]) if (!STABLES.has(a)) add(a)
  return wanted.length ? wanted : available.filter((a) => !STABLES.has(a))
}

export interface TimeMarker {
  t: number
  kind: 'liquidation' | 'adl' | 'margin-call'
  label: string
}

export interface MarkerLabel {
  show: boolean
  text: string
  /** Row of text from the top of the price panel (0, 1, 2), so neighbouring clusters do not overlap. */
  row: number
}

/**
 * Labels of the markers: markers closer than `gap` ms to the first of a cluster share one
 * horizontal label on that first marker ("ADL doge · CALL · LIQ btc, eth"); consecutive
 * clusters step down a row.
 */
export function markerLabels(markers: readonly TimeMarker[], gap: number): MarkerLabel[] {
  const out: MarkerLabel[] = []
  let head = -1
  let cluster = -1
  markers.forEach((m, i) => {
    if (head >= 0 && m.t - markers[head].t < gap) {
      out[head].text += ` · ${m.label}`
      out.push({ show: false, text: m.label, row: out[head].row })
      return
    }
    head = i
    cluster++
    out.push({ show: true, text: m.label, row: cluster % 3 })
  })
  return out
}

const MARKER_KINDS: Record<string, TimeMarker['kind']> = {
  liquidation: 'liquidation',
  'defi-liquidation': 'liquidation',
  bankrupt: 'liquidation',
  adl: 'adl',
  'margin-call': 'margin-call',
}
/**
 * The user's liquidation, ADL and margin-call events as vertical markers; events of one kind
 * within `mergeMs` of each other share a marker ("LIQ btc, eth"). Only the first margin call.
 * Tags are the catalogue's `timeline.tag.*` (LIQ / ADL / CALL).
 */
export function userMarkers(events: readonly CascadeEvent[], t: Translate, mergeMs = 60_000): TimeMarker[] {
  const out: TimeMarker[] = []
  let sawCall = false
  const mine = events.filter((e) => e.account === USER_ACCOUNT && MARKER_KINDS[e.kind]).sort((a, b) => Date.parse(a.t) - Date.parse(b.t) || a.id - b.id)
  for (const e of mine) {
    const kind = MARKER_KINDS[e.kind]
    if (kind === 'margin-call') {
      if (sawCall) continue
      sawCall = true
    }
    const at = Date.parse(e.t)
    const what = e.position ?? e.symbol ?? e.asset ?? ''
    const near = out.find((m) => m.kind === kind && Math.abs(m.t - at) <= mergeMs)
    if (near) {
      if (what && !near.label.split(/[ ,]+/).includes(what)) near.label += `, ${what}`
      continue
    }
    out.push({ t: at, kind, label: `${t(`timeline.tag.${kind}`)}${what ? ` ${what}` : ''}` })
  }
  return out
}

/** Series columns for the dataset: time in ms and each panel's values (non-finite -> null). */
export function timelineColumns(series: RunSeries, assets: readonly string[]): Record<string, Array<number | null>> {
  const finite = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
  const cols: Record<string, Array<number | null>> = { t: series.t.map((x) => Date.parse(x)) }
  for (const a of assets) {
    const ps = series.prices[a] ?? []
    const p0 = ps.find((v) => typeof v === 'number' && Number.isFinite(v) && v > 0)
    cols[`p:${a}`] = ps.map((v) => (p0 && finite(v) !== null ? v / p0 - 1 : null))
    cols[`d:${a}`] = (series.depth[a] ?? []).map((v) => (finite(v) !== null && v > 0 ? v : null))
  }
  cols.equity = series.user.equity.map(finite)
  cols.marginRatio = series.user.marginRatio.map(finite)
  cols.fund = series.insuranceFund.map(finite)
  return cols
}

export interface TimelineInput {
  series: RunSeries
  events: readonly CascadeEvent[]
  portfolio: Portfolio
}

export interface TimelineOptions {
  palette: ChartPalette
  t: Translate
  /** The canvas font for the app's language (palette.ts `chartFont`). */
  font?: string
}

export const TIMELINE_HEIGHT = 640

/** Ids of the time zoom, the same in every chart of a run's group. */
export const ZOOM_IDS = { inside: 'time-zoom-inside', slider: 'time-zoom-slider' } as const

const PANELS = {
  prices: { top: 46, height: 168 },
  account: { top: 246, height: 112 },
  fund: { top: 392, height: 72 },
  depth: { top: 498, height: 82 },
}

type Fmt = 'pct' | 'usd' | 'ratio'

function fmt(kind: Fmt, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—'
  if (kind === 'pct') return `${v >= 0 ? '+' : ''}${(v * 100).toFixed(2)}%`
  if (kind === 'ratio') return `${(v * 100).toFixed(1)}%`
  return compactUsd(v)
}

export function buildTimelineOption(input: TimelineInput, opts: TimelineOptions): ChartOption {
  const p = opts.palette
  const tr = opts.t
  const font = opts.font ?? FONT
  const available = Object.keys(input.series.prices)
  const assets = bookAssets(input.portfolio, available)
  const depthAssets = assets.filter((a) => (input.series.depth[a] ?? []).some((v) => v > 0))
  const cols = timelineColumns(input.series, assets)
  const markers = userMarkers(input.events, tr)
  const markerColor = (k: TimeMarker['kind']): string => (k === 'liquidation' ? p.short : k === 'adl' ? p.kinds.adl : p.warn)
  const t = cols.t as number[]
  const tMin = t[0]
  const tMax = t[t.length - 1]

  const labels = markerLabels(markers, (tMax - tMin) * 0.04)
  const markLine = (withLabels: boolean) => ({
    silent: true,
    symbol: ['none', 'none'] as [string, string],
    animation: false,
    data: markers.map((m, i) => ({
      xAxis: m.t,
      lineStyle: { color: markerColor(m.kind), type: m.kind === 'margin-call' ? ('dotted' as const) : ('dashed' as const), width: 1.2 },
      // Horizontal, inside the top of the panel ('end' with a negative distance), left-aligned on the line.
      label:
        withLabels && labels[i].show
          ? {
              show: true,
              formatter: labels[i].text,
              position: 'end' as const,
              distance: [0, -(14 + labels[i].row * 15)],
              align: 'left' as const,
              color: markerColor(m.kind),
              fontSize: 10,
              fontWeight: 'bold' as const,
              fontFamily: font,
              backgroundColor: p.panel,
              padding: [1, 3],
              borderRadius: 2,
            }
          : { show: false },
    })),
  })

  const axisCommon = (gridIndex: number, showLabels: boolean) => ({
    type: 'time' as const,
    gridIndex,
    min: tMin,
    max: tMax,
    axisLine: { lineStyle: { color: p.axis } },
    axisTick: { show: showLabels },
    axisLabel: { show: showLabels, color: p.muted, fontSize: 10, hideOverlap: true },
    splitLine: { show: true, lineStyle: { color: p.split } },
  })
  const yCommon = (gridIndex: number, formatter: (v: number) => string, extra: Record<string, unknown> = {}) => ({
    type: 'value' as const,
    gridIndex,
    scale: true,
    splitNumber: 3,
    axisLine: { show: false },
    axisLabel: { color: p.muted, fontSize: 10, formatter },
    splitLine: { lineStyle: { color: p.split } },
    ...extra,
  })

  const kindOf = new Map<string, Fmt>()
  const series: NonNullable<ChartOption['series']> = []
  assets.forEach((a, i) => {
    const name = a
    kindOf.set(name, 'pct')
    series.push({
      type: 'line',
      name,
      xAxisIndex: 0,
      yAxisIndex: 0,
      encode: { x: 't', y: `p:${a}` },
      showSymbol: false,
      sampling: 'lttb',
      lineStyle: { width: 1.4 },
      color: assetColor(p, a, i),
      ...(i === 0 ? { markLine: markLine(true) } : {}),
    })
  })
  const EQUITY = tr('timeline.equity')
  const MARGIN_RATIO = tr('timeline.marginRatio')
  const FUND = tr('timeline.fund')
  kindOf.set(EQUITY, 'usd')
  series.push({
    type: 'line',
    name: EQUITY,
    xAxisIndex: 1,
    yAxisIndex: 1,
    encode: { x: 't', y: 'equity' },
    showSymbol: false,
    sampling: 'lttb',
    color: p.accent,
    lineStyle: { width: 1.6 },
    areaStyle: { opacity: 0.12 },
    markLine: markLine(false),
  })
  kindOf.set(MARGIN_RATIO, 'ratio')
  series.push({
    type: 'line',
    name: MARGIN_RATIO,
    xAxisIndex: 1,
    yAxisIndex: 2,
    encode: { x: 't', y: 'marginRatio' },
    showSymbol: false,
    sampling: 'lttb',
    color: p.warn,
    lineStyle: { width: 1.2, type: 'dashed' },
    // The line is on the ratio's axis (right): its label sits at that end and says which scale it
    // reads, so it is not taken for an equity level on the left axis.
    markLine: {
      silent: true,
      symbol: ['none', 'none'],
      data: [{ yAxis: 1, lineStyle: { color: p.short, type: 'solid', width: 1, opacity: 0.6 }, label: { show: true, formatter: tr('timeline.liq100'), position: 'insideEndTop', color: p.short, fontSize: 9, fontFamily: font } }],
    },
  })
  kindOf.set(FUND, 'usd')
  series.push({
    type: 'line',
    name: FUND,
    xAxisIndex: 2,
    yAxisIndex: 3,
    encode: { x: 't', y: 'fund' },
    showSymbol: false,
    sampling: 'lttb',
    color: p.kinds.insurance,
    lineStyle: { width: 1.4 },
    areaStyle: { opacity: 0.1 },
  })
  depthAssets.forEach((a) => {
    const name = tr('timeline.depthOf', { asset: a })
    kindOf.set(name, 'usd')
    series.push({
      type: 'line',
      name,
      xAxisIndex: 3,
      yAxisIndex: 4,
      encode: { x: 't', y: `d:${a}` },
      showSymbol: false,
      sampling: 'lttb',
      color: assetColor(p, a, assets.indexOf(a)),
      lineStyle: { width: 1.1 },
    })
  })

  // Over the plot, right of the y-axis labels, so a wide tick ("2,000万") never runs into it.
  const title = (text: string, top: number) => ({ text, left: TIME_GRID.left, top: top - 18, textStyle: { color: p.muted, fontSize: 11, fontWeight: 'normal' as const, fontFamily: font } })
  const grids = Object.values(PANELS).map((g) => ({ left: TIME_GRID.left, right: TIME_GRID.right, top: g.top, height: g.height }))

  return {
    backgroundColor: 'transparent',
    animation: false,
    useUTC: true,
    textStyle: { fontFamily: font },
    dataset: { source: cols as Record<string, Array<number | null>> },
    title: [
      title(tr('timeline.titlePrices'), PANELS.prices.top),
      title(tr('timeline.titleAccount'), PANELS.account.top),
      title(tr('timeline.titleFund'), PANELS.fund.top),
      title(tr('timeline.titleDepth'), PANELS.depth.top),
    ],
    legend: {
      top: 0,
      right: TIME_GRID.right,
      itemWidth: 14,
      itemHeight: 8,
      textStyle: { color: p.muted, fontSize: 11 },
      data: [...assets, EQUITY, MARGIN_RATIO],
    },
    grid: grids,
    axisPointer: { link: [{ xAxisIndex: 'all' }], lineStyle: { color: p.faint } },
    tooltip: {
      ...tooltipStyle(p, font),
      trigger: 'axis',
      confine: true,
      axisPointer: { type: 'line' },
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as Array<{ seriesName: string; marker: string; value: unknown; encode?: { y?: number[] }; dimensionNames?: string[] }>
        if (!list.length) return ''
        const row = list[0].value as Array<number | null>
        const head = `${utcClock(new Date(row[0] as number).toISOString())} UTC`
        const lines = list.map((q) => {
          const v = (q.value as Array<number | null>)[q.encode?.y?.[0] ?? 1]
          return `${q.marker}${q.seriesName} <b style="float:right;margin-left:14px">${fmt(kindOf.get(q.seriesName) ?? 'usd', v ?? null)}</b>`
        })
        return [head, ...lines].join('<br/>')
      },
    },
    dataZoom: [
      // Ids shared with the ADL strip, so a zoom here zooms the strip too (charts of one group).
      { type: 'inside', id: ZOOM_IDS.inside, xAxisIndex: [0, 1, 2, 3], filterMode: 'none' },
      {
        type: 'slider',
        id: ZOOM_IDS.slider,
        xAxisIndex: [0, 1, 2, 3],
        filterMode: 'none',
        left: TIME_GRID.left,
        right: TIME_GRID.right,
        bottom: 8,
        height: 18,
        borderColor: p.axis,
        textStyle: { color: p.muted, fontSize: 10 },
        labelFormatter: (v: number) => utcClock(new Date(v).toISOString()).slice(0, 5),
        showDataShadow: false,
      },
    ],
    xAxis: [axisCommon(0, false), axisCommon(1, false), axisCommon(2, false), axisCommon(3, true)],
    yAxis: [
      // yAxis 0: prices (grid 0); 1 and 2: equity and margin ratio (grid 1); 3: fund (grid 2); 4: depth (grid 3).
      // A price cannot fall below -100%; keep a sliver of room above the start.
      yCommon(0, (v) => `${(v * 100).toFixed(0)}%`, { min: (e: { min: number }) => Math.max(-1, e.min), max: (e: { max: number }) => Math.max(0.02, e.max) }),
      yCommon(1, (v) => compactAxis(v)),
      yCommon(1, (v) => `${(v * 100).toFixed(0)}%`, { position: 'right', splitLine: { show: false }, scale: false, min: 0 }),
      yCommon(2, (v) => compactAxis(v)),
      {
        type: 'log' as const,
        gridIndex: 3,
        axisLine: { show: false },
        axisLabel: { color: p.muted, fontSize: 10, formatter: (v: number) => compactAxis(v) },
        splitLine: { lineStyle: { color: p.split } },
      },
    ],
    series,
  }
}
