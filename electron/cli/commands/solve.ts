// cascade solve <portfolio> --scenario S --collateral ASSET (or --axis AXIS): reverse stress by
// bracketing and bisection (docs/DECISIONS.md §5), one seed or, with --target-p P --draws N, the
// least value with which the book survives with probability P. Prints answer, step, bracket,
// monotone, binding and every run (docs/FORMATS.md §7.3).
import type { SolveReport } from '../../../shared/model/study'
import { solvePlan } from '../../main/services/study-preparation'
import { runSolve } from '../../main/studies/run-study'
import { EXIT, UsageError } from '../context'
import type { Command } from './command'
import { awaitStudy, emitJson, prepareFromArgs, str, STUDY_OPTIONS, studyEnv, studyProgress, unwrap, wholeOption } from './study-options'

function solveText(r: SolveReport): string {
  const b = r.binding
  return [
    `${r.inputs.portfolio} under ${r.inputs.scenario} (seed ${r.seed}${r.target ? `, survive with p >= ${r.target.p} over ${r.target.draws} draws` : ''}): ${r.axis}`,
    `  answer   ${r.answer ?? '-'} (step ${r.step}; ${r.failsAt ?? '-'} fails)`,
    `  monotone ${r.monotone ? 'yes' : 'NO'}${r.stableAnswer ? ` (every run from ${r.stableAnswer} survived)` : ''}`,
    `  binding  ${b ? `${b.kind} of ${b.position ?? b.asset ?? 'the account'} at ${b.t} (event ${b.eventId}${b.draw !== null ? `, draw ${b.draw}, ${Math.round((b.share ?? 0) * 100)}% of failures` : ''})` : '-'}`,
    `  note     ${r.note}`,
    `  runs     ${r.runs.map((x) => `${x.value}:${x.survived ? 'S' : 'F'}`).join(' ')}`,
  ].join('\n')
}

export const solveCommand: Command = {
  name: 'solve',
  summary: 'Reverse stress: the least collateral (or fund) with which the book survives, the largest shock scale it survives',
  usage: 'cascade solve <portfolio.json> --scenario <id|date|file> (--collateral ASSET | --axis AXIS) [--from V] [--to V] [--step V] [--probes N] [--target-p P --draws N] [--seed N] [--workers W] [--crowd N] [--set AXIS=VALUE ...] [--model FILE] [--out FILE] [--no-timing] [--historical-prices] [--db <path>] [--format json|text] [--quiet]',
  options: { ...STUDY_OPTIONS, collateral: { type: 'string' }, axis: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, step: { type: 'string' }, probes: { type: 'string' }, 'target-p': { type: 'string' }, draws: { type: 'string' } },
  async run(ctx, positionals, values) {
    const collateral = str(values.collateral)
    const axisOpt = str(values.axis)
    if ((collateral === undefined) === (axisOpt === undefined)) throw new UsageError('solve needs one of --collateral ASSET or --axis AXIS (collateral:ASSET, fund, scale, withdrawal, depeg:ASSET, shock:ASSET)')
    const axis = collateral !== undefined ? `collateral:${collateral}` : (axisOpt as string)
    const p = str(values['target-p'])
    const draws = wholeOption('draws', str(values.draws), 1, 1_000_000)
    if ((p === undefined) !== (draws === undefined)) throw new UsageError('--target-p P and --draws N go together (survive with probability P over N draws)')
    if (p !== undefined && !/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(p)) throw new UsageError(`--target-p must be a probability such as 0.95, got "${p.slice(0, 40)}"`)
    const [file] = positionals
    const study = await prepareFromArgs(ctx, file, values, 'solve')
    const plan = unwrap(
      solvePlan(study, { axis, from: str(values.from), to: str(values.to), step: str(values.step), probes: wholeOption('probes', str(values.probes), 1, 256), ...(p !== undefined ? { target: { p: Number(p), draws: draws as number } } : {}) }),
      file,
      study.inputs.scenario,
    )
    const quiet = Boolean(values.quiet)
    const report = await awaitStudy(ctx, runSolve(study.base, plan, studyEnv(values), studyProgress(ctx, quiet)), quiet)
    if (!report) return 130
    emitJson(ctx, values, report, () => solveText(report))
    return EXIT.ok
  },
}
