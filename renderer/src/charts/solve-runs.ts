// A solve's runs along its axis (docs/FORMATS.md §7.3): each value it ran, its final equity (one
// run) or its probability of surviving (Monte Carlo), green when it survived and red when not,
// the bracket [fails, survives] shaded and the answer marked. A survival that changes more than
// once shows as red and green interleaved. Pure.
import type { SolveReport } from '../../../shared/model/study'
import type { Translate } from '../i18n'
import { compactAxis, money } from '../lib/format'
import { axisName, axisValueLabel, pct } from '../lib/studies/study-view'
import { tooltipStyle, type ChartPalette } from './palette'
import type { ChartOption } from './types'

export interface SolveChartEnv {
  palette: ChartPalette
  t: Translate
  font: string
}

export const SOLVE_CHART_HEIGHT = 240

/** The runs by value (numbers on the axis), with what each shows: final equity or P(survived). */
export function solvePoints(r: SolveReport): Array<{ x: number; y: number; survived: boolean; value: string }> {
  return [...r.runs]
    .map((run) => ({ x: Number(run.value), y: r.target && run.odds ? run.odds.p : Number(run.finalEquity), survived: run.survived, value: run.value }))
    .sort((a, b) => a.x - b.x)
}

export function buildSolveRunsOption(r: SolveReport, env: SolveChartEnv): ChartOption {
  const { palette: p, t, font } = env
  const points = solvePoints(r)
  const odds = r.target !== null
  const yLabel = (v: number) => (odds ? pct(v, 0) : compactAxis(v))
  const marks: Array<Record<string, unknown>> = []
  if (r.answer !== null) marks.push({ xAxis: Number(r.answer), name: 'answer', lineStyle: { color: p.accent, width: 1.5 }, label: { formatter: t('studies.solve.answerMark', { value: axisValueLabel(r.axis, r.answer) }), color: p.accent, fontSize: 10, fontFamily: font } })
  if (odds) marks.push({ yAxis: r.target!.p, name: 'target', lineStyle: { color: p.muted, type: 'dashed', width: 1 }, label: { formatter: t('studies.solve.targetMark', { p: pct(r.target!.p, 0) }), color: p.muted, fontSize: 10, position: 'insideEndTop', fontFamily: font } })
  return {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { fontFamily: font },
    grid: { left: 8, right: 24, top: 24, bottom: 24, containLabel: true },
    tooltip: {
      ...tooltipStyle(p, font),
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const i = (params as { dataIndex: number }).dataIndex
        const pt = points[i]
        if (!pt) return ''
        const fig = odds ? `${t('studies.solve.pSurvived')}: <b>${pct(pt.y)}</b>` : `${t('studies.grid.finalEquity')}: <b>${money(String(pt.y))}</b>`
        return `${axisName(r.axis, t)} = <b>${pt.value}</b><br/>${fig}<br/>${pt.survived ? t('studies.grid.survived') : t('studies.solve.failed')}`
      },
    },
    xAxis: {
      type: 'value',
      name: axisName(r.axis, t),
      nameLocation: 'middle',
      nameGap: 22,
      nameTextStyle: { color: p.text, fontSize: 11, fontFamily: font },
      scale: true,
      axisLine: { lineStyle: { color: p.axis } },
      axisLabel: { color: p.muted, fontSize: 10, fontFamily: font, formatter: (v: number) => axisValueLabel(r.axis, String(v)), hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      ...(odds ? { min: 0, max: 1 } : { scale: true }),
      splitNumber: 4,
      axisLine: { show: false },
      axisLabel: { color: p.muted, fontSize: 10, fontFamily: font, formatter: yLabel },
      splitLine: { lineStyle: { color: p.split } },
    },
    series: [
      {
        type: 'line',
        data: points.map((pt) => ({ value: [pt.x, pt.y], itemStyle: { color: pt.survived ? p.long : p.short } })),
        symbol: 'circle',
        symbolSize: 7,
        lineStyle: { color: p.faint, width: 1 },
        markArea: r.bracket
          ? { silent: true, itemStyle: { color: p.accent, opacity: 0.12 }, data: [[{ xAxis: Number(r.bracket[0]) }, { xAxis: Number(r.bracket[1]) }]] }
          : undefined,
        markLine: marks.length ? { silent: true, symbol: 'none', animation: false, data: marks as never } : undefined,
      },
    ],
  }
}
