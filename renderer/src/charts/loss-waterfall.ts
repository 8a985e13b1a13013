// Where the money went, as a waterfall (docs/MODEL.md §6.4): the start equity, each part of the
// loss (price, slippage, fees, profit lost to ADL) stepping down from it in turn (up for a part
// that gained), and the final equity, so the parts visibly add up to the change. Bars are drawn
// from the exact steps of money/run.ts `lossWaterfall`; floats only place them, labels print the
// decimals. Pure.
import type { LossBreakdown } from '../../../shared/model/run'
import type { Translate } from '../i18n'
import { compactAxis, compactUsd, money } from '../lib/format'
import { lossWaterfall, type WaterfallStep } from '../money/run'
import { tooltipStyle, type ChartPalette } from './palette'
import type { ChartOption } from './types'

export interface WaterfallInput {
  startEquity: string
  finalEquity: string
  loss: LossBreakdown
}

export interface WaterfallOptions {
  palette: ChartPalette
  t: Translate
  font: string
}

export const WATERFALL_HEIGHT = 150

interface RenderApi {
  value(dim: number): number
  coord(v: [number, number]): number[]
  size(v: [number, number]): number[]
}

/** The colour of a bar: totals in the accent, losses red, a gain green; each part keeps its table swatch hue when it loses. */
function barColor(step: WaterfallStep, p: ChartPalette): string {
  if (step.key === 'start' || step.key === 'final') return p.accent
  const v = Number(step.value)
  if (v > 0) return p.long
  if (step.key === 'slippage') return p.warn
  if (step.key === 'fees') return p.muted
  if (step.key === 'profitLostToAdl') return p.kinds.adl
  return p.short
}

export function buildLossWaterfallOption(input: WaterfallInput, opts: WaterfallOptions): ChartOption {
  const p = opts.palette
  const t = opts.t
  const steps = lossWaterfall(input.startEquity, input.finalEquity, input.loss)
  const names = steps.map((s) => t(`summary.waterfall.${s.key}`))
  const full = steps.map((s) => (s.key === 'start' || s.key === 'final' ? t(`summary.waterfall.${s.key}Full`) : t(`summary.loss.${s.key}`)))
  const label = (s: WaterfallStep): string => {
    const v = Number(s.value)
    if (s.key === 'start' || s.key === 'final') return compactUsd(s.value)
    if (v === 0) return '0'
    return `${v > 0 ? '+' : ''}${compactUsd(s.value)}`
  }
  return {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { fontFamily: opts.font },
    grid: { left: 8, right: 8, top: 18, bottom: 4, containLabel: true },
    tooltip: {
      ...tooltipStyle(p, opts.font),
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const i = (params as { dataIndex: number }).dataIndex
        const s = steps[i]
        const value = s.key === 'start' || s.key === 'final' ? money(s.value) : `${Number(s.value) > 0 ? '+' : ''}${money(s.value)}`
        return `<b>${full[i]}</b><br/>${value}`
      },
    },
    xAxis: {
      type: 'category',
      data: names,
      axisLine: { lineStyle: { color: p.axis } },
      axisTick: { show: false },
      axisLabel: { color: p.muted, fontSize: 10, interval: 0, fontFamily: opts.font },
    },
    yAxis: {
      type: 'value',
      scale: false,
      splitNumber: 3,
      axisLine: { show: false },
      axisLabel: { color: p.muted, fontSize: 9, formatter: (v: number) => compactAxis(v), fontFamily: opts.font },
      splitLine: { lineStyle: { color: p.split } },
    },
    series: [
      {
        type: 'custom',
        encode: { x: 0, y: [1, 2] },
        renderItem: ((params: { dataIndex: number }, api: RenderApi) => {
          const i = api.value(0)
          const a = api.coord([i, api.value(1)])
          const b = api.coord([i, api.value(2)])
          const w = api.size([1, 0])[0] * 0.6
          const top = Math.min(a[1], b[1])
          const height = Math.max(1, Math.abs(a[1] - b[1]))
          const s = steps[params.dataIndex]
          const children: unknown[] = [{ type: 'rect', shape: { x: a[0] - w / 2, y: top, width: w, height }, style: { fill: barColor(s, p) } }]
          // A thin connector from this bar's end to the next bar's start, as waterfalls draw them.
          if (params.dataIndex < steps.length - 1) {
            const next = api.coord([i + 1, api.value(2)])
            children.push({ type: 'line', shape: { x1: a[0] + w / 2, y1: b[1], x2: next[0] - w / 2, y2: b[1] }, style: { stroke: p.faint, lineDash: [2, 2], lineWidth: 1 } })
          }
          children.push({
            type: 'text',
            style: { text: label(s), x: a[0], y: top - 3, align: 'center', verticalAlign: 'bottom', fill: p.text, fontSize: 10, fontFamily: opts.font },
          })
          return { type: 'group', children }
        }) as never,
        data: steps.map((s, i) => [i, Number(s.from), Number(s.to)]),
      },
    ],
  }
}
