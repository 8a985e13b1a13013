// cascade montecarlo <portfolio> --scenario S --draws N: N seeded draws of the crowd and the shocks
// (docs/DECISIONS.md §2) on a pool of worker processes; the report (docs/FORMATS.md §7.1) on stdout
// or to --out. With --shard i/N (or an array job's index) it runs every N-th draw and writes a
// part for `cascade merge` (docs/SCALE-OUT.md).
import type { MonteCarloReport } from '../../../shared/model/study'
import { monteCarloRequest } from '../../main/services/study-preparation'
import { UsageError } from '../context'
import { forPeople as h } from '../output'
import type { Command } from './command'
import { prepareFromArgs, runSweepCommand, str, STUDY_OPTIONS, unwrap, wholeOption } from './study-options'

const pct = (x: number) => `${(100 * x).toFixed(1)}%`

export function monteCarloText(r: MonteCarloReport): string {
  const lines = [
    `${r.inputs.portfolio} under ${r.inputs.scenario}: ${r.draws} draws (seed ${r.seed}, crowd ${r.inputs.crowd})`,
    `  liquidated        ${pct(r.liquidated.p)} (95% ${pct(r.liquidated.lo)} - ${pct(r.liquidated.hi)})`,
    `  ADL'd             ${pct(r.adl.p)} (95% ${pct(r.adl.lo)} - ${pct(r.adl.hi)})`,
    ...Object.entries(r.positions).map(([id, o]) => `  ${id.padEnd(17)} liquidated ${pct(o.liquidated.p)}, ADL ${pct(o.adl.p)}`),
    `  final equity      mean ${h(String(r.finalEquity.mean))}, p5 ${h(String(r.finalEquity.p5))}, p50 ${h(String(r.finalEquity.p50))}, p95 ${h(String(r.finalEquity.p95))}`,
    `  shortfall         ES95 ${h(String(r.finalEquity.es95))}, ES99 ${h(String(r.finalEquity.es99))}`,
    `  first liquidation ${r.firstLiquidation.count ? `${r.firstLiquidation.earliest} earliest, ${r.firstLiquidation.p50} median` : '-'}`,
  ]
  return lines.join('\n')
}

export const montecarloCommand: Command = {
  name: 'montecarlo',
  summary: 'Monte Carlo draws of the crowd and the shocks: probabilities of liquidation and ADL, final-equity distribution',
  usage: 'cascade montecarlo <portfolio.json> --scenario <id|date|file> --draws N [--seed N] [--workers W] [--crowd N] [--set AXIS=VALUE ...] [--model FILE] [--shard i/N | --shards N] [--out FILE] [--no-timing] [--historical-prices] [--db <path>] [--format json|text] [--quiet]',
  options: { ...STUDY_OPTIONS, draws: { type: 'string' }, shard: { type: 'string' }, shards: { type: 'string' } },
  async run(ctx, positionals, values) {
    const draws = wholeOption('draws', str(values.draws), 1, 1_000_000)
    if (draws === undefined) throw new UsageError('montecarlo needs --draws N')
    const [file] = positionals
    const study = await prepareFromArgs(ctx, file, values, 'montecarlo')
    const req = unwrap(monteCarloRequest(study, draws), file, study.inputs.scenario)
    return runSweepCommand(ctx, values, study, req, monteCarloText)
  },
}
