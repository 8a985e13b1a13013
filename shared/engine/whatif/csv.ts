// A study's report as CSV for a spreadsheet: one row per Monte Carlo draw, grid cell or solve run,
// one column per figure (a draw's what-if axes one column each, `set.<axis>`), no JSON in a cell.
import { csvCell } from '../../model/liquidation-path'
import type { GridOddsCell, GridRunCell, MonteCarloReport, Proportion, StudyReport } from '../../model/study'

const table = (header: string[], rows: unknown[][]) => `${header.map(csvCell).join(',')}\n${rows.map((r) => r.map(csvCell).join(',')).join('\n')}${rows.length ? '\n' : ''}`
const odds = (name: string) => [`${name}.p`, `${name}.lo`, `${name}.hi`]
const oddsCells = (p: Proportion) => [p.p, p.lo, p.hi]

function monteCarloCsv(r: MonteCarloReport): string {
  const axes: string[] = []
  for (const o of r.outcomes) for (const a of Object.keys(o.set)) if (!axes.includes(a)) axes.push(a)
  const header = ['draw', 'seed', 'survived', 'finalEquity', 'firstLiquidation', 'adl', 'liquidated', 'binding.kind', 'binding.position', 'binding.t', 'binding.eventId', ...axes.map((a) => `set.${a}`)]
  const rows = r.outcomes.map((o) => [o.draw, o.seed, o.survived, o.finalEquity, o.firstLiquidation, o.adl, o.liquidated, o.binding?.kind, o.binding?.position ?? o.binding?.asset, o.binding?.t, o.binding?.eventId, ...axes.map((a) => o.set[a])])
  return table(header, rows)
}

export function studyToCsv(report: StudyReport): string {
  if (report.format === 'cascade.montecarlo/1') return monteCarloCsv(report)
  if (report.format === 'cascade.grid/1') {
    const { x, y } = report
    if (report.draws === null) {
      const cells = report.cells as GridRunCell[][]
      return table(
        [x.axis, y.axis, 'survived', 'finalEquity', 'adl', 'adlPositions', 'liquidated', 'firstLiquidation'],
        x.values.flatMap((xv, i) => y.values.map((yv, j) => [xv, yv, cells[i][j].survived, cells[i][j].finalEquity, cells[i][j].adl, cells[i][j].adlPositions, cells[i][j].liquidated, cells[i][j].firstLiquidation])),
      )
    }
    const cells = report.cells as GridOddsCell[][]
    return table(
      [x.axis, y.axis, ...odds('survived'), ...odds('adl'), 'finalEquity.mean', 'finalEquity.p5', 'finalEquity.p50', 'finalEquity.p95', 'finalEquity.es95', 'finalEquity.es99'],
      x.values.flatMap((xv, i) =>
        y.values.map((yv, j) => {
          const c = cells[i][j]
          const e = c.finalEquity
          return [xv, yv, ...oddsCells(c.survived), ...oddsCells(c.adl), e.mean, e.p5, e.p50, e.p95, e.es95, e.es99]
        }),
      ),
    )
  }
  return table(
    [report.axis, 'phase', 'survived', 'finalEquity', ...odds('survived'), 'binding.kind', 'binding.position', 'binding.t', 'binding.eventId'],
    report.runs.map((r) => [r.value, r.phase, r.survived, r.finalEquity, ...(r.odds ? oddsCells(r.odds) : ['', '', '']), r.binding?.kind, r.binding?.position ?? r.binding?.asset, r.binding?.t, r.binding?.eventId]),
  )
}
