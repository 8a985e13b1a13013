// A grid study as a heat map (docs/FORMATS.md §7.2): x along the first axis, y along the second,
// each cell coloured by its final equity (one run per cell) with a liquidation or an ADL written
// in the cell, or by the probability of surviving (Monte Carlo per cell). A click on a cell names
// it (i along x, j along y) so the screen can open that cell's run. Pure.
import type { GridOddsCell, GridReport, GridRunCell } from '../../../shared/model/study'
import type { Translate } from '../i18n'
import { compactUsd, money, utcClock } from '../lib/format'
import { axisName, axisValueExact, axisValueLabel, interval, isOddsGrid, pct } from '../lib/studies/study-view'
import { tooltipStyle, type ChartPalette } from './palette'
import type { ChartOption } from './types'

export interface HeatmapEnv {
  palette: ChartPalette
  t: Translate
  font: string
}

/** Height for a grid of `rows` values along y: cells at least 34 px, within 260 to 640 px. */
export function heatmapHeight(rows: number): number {
  return Math.max(260, Math.min(640, 110 + rows * 44))
}

export interface HeatCell {
  value: [number, number, number]
  /** The label printed in the cell. */
  label: string
  survived: boolean
}

/** One entry per cell, i along x then j along y, with the figure it is coloured by. */
export function heatCells(r: GridReport, t: Translate): HeatCell[] {
  const out: HeatCell[] = []
  r.x.values.forEach((_, i) =>
    r.y.values.forEach((__, j) => {
      if (isOddsGrid(r)) {
        const c = (r.cells as GridOddsCell[][])[i][j]
        out.push({ value: [i, j, c.survived.p], label: pct(c.survived.p, 0), survived: c.survived.p === 1 })
      } else {
        const c = (r.cells as GridRunCell[][])[i][j]
        // Both marks when both happened: the header counts ADL'd cells, liquidated ones included.
        const mark = [c.survived ? '' : t('studies.grid.liqMark'), c.adl ? t('studies.grid.adlMark') : ''].filter(Boolean).join(' · ')
        out.push({ value: [i, j, Number(c.finalEquity)], label: `${compactUsd(c.finalEquity)}${mark ? `\n${mark}` : ''}`, survived: c.survived })
      }
    }),
  )
  return out
}

function tooltipOf(r: GridReport, i: number, j: number, t: Translate): string {
  const head = `${axisName(r.x.axis, t)} = <b>${axisValueExact(r.x.axis, r.x.values[i])}</b><br/>${axisName(r.y.axis, t)} = <b>${axisValueExact(r.y.axis, r.y.values[j])}</b>`
  if (isOddsGrid(r)) {
    const c = (r.cells as GridOddsCell[][])[i][j]
    return [
      head,
      `${t('studies.grid.pSurvived')}: <b>${pct(c.survived.p)}</b> (${interval(c.survived)})`,
      `${t('studies.grid.pAdl')}: <b>${pct(c.adl.p)}</b> (${interval(c.adl)})`,
      `${t('studies.mc.mean')}: ${money(String(c.finalEquity.mean))} · p5 ${money(String(c.finalEquity.p5))}`,
    ].join('<br/>')
  }
  const c = (r.cells as GridRunCell[][])[i][j]
  const lines = [head, `${t('studies.grid.finalEquity')}: <b>${money(c.finalEquity)}</b>`, c.survived ? t('studies.grid.survived') : t('studies.grid.liquidatedAt', { time: utcClock(c.firstLiquidation) })]
  if (c.liquidated.length) lines.push(`${t('studies.grid.liquidatedPositions')}: ${c.liquidated.join(', ')}`)
  if (c.adlPositions.length) lines.push(`${t('studies.grid.adlPositions')}: ${c.adlPositions.join(', ')}`)
  lines.push(`<i>${t('studies.grid.clickToOpen')}</i>`)
  return lines.join('<br/>')
}

export function buildGridHeatmapOption(r: GridReport, env: HeatmapEnv): ChartOption {
  const { palette: p, t, font } = env
  const cells = heatCells(r, t)
  const odds = isOddsGrid(r)
  const values = cells.map((c) => c.value[2])
  const lo = odds ? 0 : Math.min(...values)
  const hi = odds ? 1 : Math.max(...values)
  return {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { fontFamily: font },
    grid: { left: 8, right: 90, top: 28, bottom: 30, containLabel: true },
    tooltip: {
      ...tooltipStyle(p, font),
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const v = (params as { value: [number, number, number] }).value
        return tooltipOf(r, v[0], v[1], t)
      },
    },
    xAxis: {
      type: 'category',
      name: axisName(r.x.axis, t),
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: { color: p.text, fontSize: 11, fontFamily: font },
      data: r.x.values.map((v) => axisValueLabel(r.x.axis, v)),
      splitArea: { show: false },
      axisLine: { lineStyle: { color: p.axis } },
      axisTick: { show: false },
      axisLabel: { color: p.muted, fontSize: 10, fontFamily: font, interval: 0, hideOverlap: true },
    },
    yAxis: {
      type: 'category',
      name: axisName(r.y.axis, t),
      nameTextStyle: { color: p.text, fontSize: 11, fontFamily: font, align: 'left' },
      data: r.y.values.map((v) => axisValueLabel(r.y.axis, v)),
      axisLine: { lineStyle: { color: p.axis } },
      axisTick: { show: false },
      axisLabel: { color: p.muted, fontSize: 10, fontFamily: font },
    },
    visualMap: {
      type: 'continuous',
      min: lo,
      // A grid where every cell ended the same still needs a span to colour by.
      max: hi > lo ? hi : lo + 1,
      calculable: false,
      orient: 'vertical',
      right: 4,
      top: 'middle',
      itemHeight: 140,
      itemWidth: 12,
      text: odds ? [t('studies.grid.legendHighP'), t('studies.grid.legendLowP')] : [compactUsd(hi), compactUsd(lo)],
      textStyle: { color: p.muted, fontSize: 10, fontFamily: font },
      inRange: { color: [p.short, p.warn, p.long] },
    },
    series: [
      {
        type: 'heatmap',
        data: cells.map((c) => ({
          value: c.value,
          label: { formatter: c.label },
          // A run that did not survive is framed, so it reads without the colour.
          itemStyle: c.survived ? { borderColor: p.panel, borderWidth: 2 } : { borderColor: p.textStrong, borderWidth: 2, borderType: 'dashed' as const },
        })),
        label: { show: true, color: '#fff', fontSize: 11, lineHeight: 14, fontFamily: font, textBorderColor: 'rgba(0,0,0,0.55)', textBorderWidth: 2 },
        emphasis: { itemStyle: { borderColor: p.accent, borderWidth: 3 } },
        cursor: 'pointer',
      },
    ],
  }
}
