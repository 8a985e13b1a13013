// cascade grid <portfolio> --scenario S --x AXIS=FROM:TO:N --y AXIS=FROM:TO:N: one run per cell
// (or --draws N Monte Carlo draws per cell) on a pool of worker processes; cells[i][j] is x value i,
// y value j (docs/FORMATS.md §7.2). A cell is the run `cascade run --set X --set Y` gives.
import { parseRange } from '../../../shared/engine/whatif'
import type { GridReport, GridRunCell } from '../../../shared/model/study'
import { gridRequest } from '../../main/services/study-preparation'
import { UsageError } from '../context'
import type { Command } from './command'
import { prepareFromArgs, refused, runSweepCommand, str, STUDY_OPTIONS, unwrap, wholeOption } from './study-options'

export function gridText(r: GridReport): string {
  const head = `${r.inputs.portfolio} under ${r.inputs.scenario} (seed ${r.seed}, crowd ${r.inputs.crowd}): rows ${r.x.axis}, columns ${r.y.axis}; S survived, L liquidated, A ADL'd${r.draws ? `, figures: survival %, ${r.draws} draws a cell` : ''}`
  // Each column as wide as its value or its cells, whichever is wider, so they line up.
  const widths = r.y.values.map((v) => Math.max(v.length, 3))
  const rows = r.x.values.map((xv, i) => {
    const cells = r.y.values.map((_, j) => {
      if (r.draws === null) {
        const c = (r.cells as GridRunCell[][])[i][j]
        return `${c.survived ? 'S' : 'L'}${c.adl ? 'A' : ''}`.padEnd(widths[j])
      }
      const c = r.cells[i][j] as { survived: { p: number } }
      return String(Math.round(c.survived.p * 100)).padStart(widths[j])
    })
    return `${xv.padStart(12)} ${cells.join(' ')}`.trimEnd()
  })
  return [head, `${''.padStart(12)} ${r.y.values.map((v, j) => v.padEnd(widths[j])).join(' ')}`.trimEnd(), ...rows].join('\n')
}

export const gridCommand: Command = {
  name: 'grid',
  summary: 'A heat map over two what-if axes: final equity, survived and ADL per cell',
  usage: 'cascade grid <portfolio.json> --scenario <id|date|file> --x AXIS=FROM:TO:N --y AXIS=FROM:TO:N [--draws N] [--seed N] [--workers W] [--crowd N] [--set AXIS=VALUE ...] [--model FILE] [--shard i/N | --shards N] [--out FILE] [--no-timing] [--historical-prices] [--db <path>] [--format json|text] [--quiet]',
  options: { ...STUDY_OPTIONS, x: { type: 'string' }, y: { type: 'string' }, draws: { type: 'string' }, shard: { type: 'string' }, shards: { type: 'string' } },
  async run(ctx, positionals, values) {
    const xs = str(values.x)
    const ys = str(values.y)
    if (xs === undefined || ys === undefined) throw new UsageError('grid needs --x AXIS=FROM:TO:N and --y AXIS=FROM:TO:N (e.g. --x shock:BTC=-0.3:0:16 --y collateral:USDT=0:2000000:16)')
    const x = parseRange(xs, 'x')
    const y = parseRange(ys, 'y')
    if (!x.ok || !y.ok) throw refused('the grid', [...(x.ok ? [] : x.issues), ...(y.ok ? [] : y.issues)])
    const draws = wholeOption('draws', str(values.draws), 1, 1_000_000) ?? null
    const [file] = positionals
    const study = await prepareFromArgs(ctx, file, values, 'grid')
    const req = unwrap(gridRequest(study, x.value, y.value, draws), file, study.inputs.scenario)
    return runSweepCommand(ctx, values, study, req, gridText)
  },
}
