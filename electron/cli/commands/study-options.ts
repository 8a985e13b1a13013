// What the study commands (montecarlo, grid, solve) and `run --set` share: reading the book and
// the scenario, the seed, crowd, set, workers and shard options, progress on stderr, Ctrl-C, and
// where the JSON goes.
import { join, resolve } from 'node:path'
import { parseAssignments, shardTasks, sweepReport, taskCount, type AxisSet, type SweepRequest } from '../../../shared/engine/whatif'
import { describeIssue, type FieldIssue } from '../../../shared/model/issues'
import type { Portfolio } from '../../../shared/model/portfolio'
import type { Scenario } from '../../../shared/model/scenario'
import type { GridReport, MonteCarloReport, SweepPart } from '../../../shared/model/study'
import { readPortfolioFile } from '../../main/services/portfolio-files'
import { createScenarioCatalog } from '../../main/services/scenario-catalog'
import { prepareStudy, type Prepared, type PreparedStudy } from '../../main/services/study-preparation'
import { defaultWorkers } from '../../main/studies/study-pool'
import { StudyCancelledError, StudyTaskError } from '../../main/studies/study-protocol'
import { poolStudyWorkers } from '../../main/studies/study-processes'
import { runSweepTasks, type StudyEnv, type StudyHandle, type StudyProgress } from '../../main/studies/run-study'
import { EXIT, refusedFile, UsageError, type CliContext } from '../context'
import { readUserFile, writeOutput } from '../files'
import { crowdFlag, seedFlag } from '../run-job'
import { withVenueCatalog } from '../store'
import { findScenario } from './scenarios'

export type Values = Record<string, string | boolean | string[] | undefined>

/** Options every study command takes. */
export const STUDY_OPTIONS = {
  scenario: { type: 'string' },
  seed: { type: 'string' },
  crowd: { type: 'string' },
  set: { type: 'string', multiple: true },
  model: { type: 'string' },
  'historical-prices': { type: 'boolean' },
  workers: { type: 'string' },
  out: { type: 'string' },
  'no-timing': { type: 'boolean' },
  db: { type: 'string' },
  format: { type: 'string', default: 'json' },
  quiet: { type: 'boolean' },
} as const

export const str = (v: Values[string]): string | undefined => (typeof v === 'string' ? v : undefined)

/** A whole number option in [min, max]. */
export function wholeOption(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw.slice(0, 40)}"`)
  return Number(raw)
}

export function refused(what: string, issues: readonly FieldIssue[]): UsageError {
  return new UsageError(`${what}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`, issues.map(describeIssue))
}

/** `--set AXIS=VALUE`, repeated (docs/DECISIONS.md §1). */
export function parseSetOption(raw: Values[string]): AxisSet {
  const entries = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []
  const r = parseAssignments(entries)
  if (!r.ok) throw refused('--set', r.issues)
  return r.value
}

export function parseWorkers(raw: string | undefined): number {
  return wholeOption('workers', raw, 1, 256) ?? defaultWorkers()
}

/** The environment variables of array jobs that give a shard's index (docs/SCALE-OUT.md). */
export const SHARD_INDEX_VARS = ['JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX', 'SLURM_ARRAY_TASK_ID'] as const
/** The shard count when an index comes from the environment and `--shards` is not given. */
export const SHARD_COUNT_VAR = 'CASCADE_SHARDS'

/** `--shard i/N`, or an array job's index with `--shards N` (or CASCADE_SHARDS); null: not sharded. */
export function parseShard(values: Values, env: Record<string, string | undefined>): { index: number; count: number } | null {
  const raw = str(values.shard)
  const countRaw = str(values.shards)
  if (raw !== undefined) {
    const m = /^(\d{1,6})\/(\d{1,6})$/.exec(raw)
    if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) throw new UsageError(`--shard must be i/N with 0 <= i < N, e.g. 0/4, got "${raw.slice(0, 40)}"`)
    if (countRaw !== undefined) throw new UsageError('give --shard i/N or --shards N, not both')
    return { index: Number(m[1]), count: Number(m[2]) }
  }
  const from = SHARD_INDEX_VARS.find((v) => env[v] !== undefined && env[v] !== '')
  if (!from) {
    if (countRaw !== undefined) throw new UsageError(`--shards needs a shard index: --shard i/N, or one of ${SHARD_INDEX_VARS.join(', ')} (set by an array job)`)
    return null
  }
  const index = env[from] as string
  const count = countRaw ?? env[SHARD_COUNT_VAR]
  if (count === undefined) throw new UsageError(`${from}=${index.slice(0, 20)} is set (an array job): give the number of shards with --shards N or ${SHARD_COUNT_VAR}=N`)
  if (!/^\d{1,6}$/.test(count) || Number(count) < 1) throw new UsageError(`the shard count must be a whole number of 1 or more, got "${count.slice(0, 40)}"`)
  if (!/^\d{1,6}$/.test(index) || Number(index) >= Number(count)) throw new UsageError(`${from} must be a shard index from 0 to ${Number(count) - 1}, got "${index.slice(0, 40)}"`)
  return { index: Number(index), count: Number(count) }
}

/** The worker entry beside this module: TypeScript under tsx, the bundled .cjs when built. */
export function studyWorkerEntry(): string {
  return __filename.endsWith('.ts') ? resolve(__dirname, '../../main/studies/study-worker.ts') : join(__dirname, 'study-worker.cjs')
}

/** Workers as child processes (study-processes.ts). */
export function studyEnv(values: Values): StudyEnv {
  const workers = parseWorkers(str(values.workers))
  return { spawn: poolStudyWorkers(studyWorkerEntry(), workers), workers }
}

/** The book, checked against the venue catalogue (the store's imported profiles with `--db`). */
export async function readBook(ctx: CliContext, file: string | undefined, command: string, db?: string): Promise<Portfolio> {
  if (!file) throw new UsageError(`${command} needs a portfolio file`)
  const { path, text } = readUserFile(ctx, file)
  const book = await withVenueCatalog(ctx, db, (venues) => readPortfolioFile(path, text, venues))
  if (!book.ok) throw refusedFile(file, `cannot run`, book.issues)
  return book.value
}

/** A file, a preset id or date, or (with the store) a saved what-if: as `cascade run` reads it. */
export function readScenario(ctx: CliContext, values: Values, command: string): Scenario {
  const s = str(values.scenario)
  if (s === undefined) throw new UsageError(`${command} needs --scenario <id|date|file> (see \`cascade scenarios\`)`)
  return findScenario(ctx, s, str(values.db))
}

/** The book, scenario and the study's common options made ready, or exit 2 with every finding. */
export async function prepareFromArgs(ctx: CliContext, file: string, values: Values, command: string): Promise<PreparedStudy> {
  const book = await readBook(ctx, file, command, str(values.db))
  const scenario = readScenario(ctx, values, command)
  const set = parseSetOption(values.set)
  const modelFile = str(values.model)
  let model: unknown
  if (modelFile !== undefined) {
    try {
      model = JSON.parse(readUserFile(ctx, modelFile).text)
    } catch (e) {
      if (e instanceof UsageError) throw e
      throw new UsageError(`${modelFile}: not JSON (${(e as Error).message})`)
    }
  }
  const opts = { seed: seedFlag(values.seed), crowd: crowdFlag(values.crowd), pricing: values['historical-prices'] ? ('historical' as const) : ('book' as const), set, ...(modelFile !== undefined ? { model } : {}) }
  const r = await withVenueCatalog(ctx, str(values.db), (venues) => prepareStudy(book, scenario, opts, venues, createScenarioCatalog(join(ctx.resourcesDir, 'scenarios'))))
  return unwrap(r, file, scenario.id)
}

export function unwrap<T>(r: Prepared<T>, file: string, scenarioId: string): T {
  if (r.ok) return r.value
  if (r.stage === 'resolve') throw refusedFile(file, 'cannot run', r.issues)
  if (r.stage === 'cascade') throw refusedFile(file, `cannot run under ${scenarioId}`, r.issues)
  if (r.stage === 'scenario') throw refused(`--scenario ${scenarioId}`, r.issues)
  throw refused(r.stage === 'set' ? '--set' : 'the study', r.issues)
}

/** Progress on stderr: redrawn in place on a terminal, every 10% in a log. */
export function studyProgress(ctx: CliContext, quiet: boolean): (p: StudyProgress) => void {
  if (quiet) return () => {}
  let last = -1
  return (p) => {
    if (p.total === null) {
      if (ctx.stderrIsTty) ctx.stderr(`\r${p.phase}: ${p.done} runs`)
      return
    }
    const pct = p.total ? Math.floor((100 * p.done) / p.total) : 100
    const every = ctx.stderrIsTty ? 1 : 10
    if (Math.floor(pct / every) === Math.floor(last / every)) return
    last = pct
    const line = `${p.phase}: ${p.done}/${p.total} runs (${pct}%)`
    ctx.stderr(ctx.stderrIsTty ? `\r${line}` : `${line}\n`)
  }
}

/** Waits for a study; Ctrl-C cancels it (exit 130). */
export async function awaitStudy<T>(ctx: CliContext, handle: StudyHandle<T>, quiet: boolean): Promise<T | null> {
  const onSigint = () => handle.cancel()
  process.once('SIGINT', onSigint)
  try {
    return await handle.result
  } catch (e) {
    if (e instanceof StudyCancelledError) {
      ctx.stderr('\ncancelled\n')
      return null
    }
    if (e instanceof StudyTaskError) throw refused('a run of the study was refused', e.issues.length ? e.issues : [{ path: '', message: e.message }])
    throw e
  } finally {
    process.off('SIGINT', onSigint)
    if (!quiet && ctx.stderrIsTty) ctx.stderr('\n')
  }
}

/** The JSON (timing last, or left out with --no-timing) to --out or stdout. */
export function emitJson(ctx: CliContext, values: Values, doc: { timing?: unknown }, text?: () => string): void {
  const { timing, ...rest } = doc
  const out = values['no-timing'] || timing === undefined ? rest : { ...rest, timing }
  const json = `${JSON.stringify(out, null, 2)}\n`
  const file = str(values.out)
  if (file !== undefined) {
    const path = resolve(ctx.cwd, file)
    writeOutput(path, json)
    ctx.stderr(`wrote ${path}\n`)
    if (values.format === 'text' && text) ctx.stdout(`${text()}\n`)
    return
  }
  ctx.stdout(values.format === 'text' && text ? `${text()}\n` : json)
}

/**
 * A sweep (Monte Carlo or grid) as a command runs it: every task or the shard's, progress and
 * Ctrl-C; a shard writes its part (docs/FORMATS.md §7.4), a whole sweep its report.
 */
export async function runSweepCommand<R extends MonteCarloReport | GridReport>(ctx: CliContext, values: Values, study: PreparedStudy, req: SweepRequest, text: (r: R) => string): Promise<number> {
  const shard = parseShard(values, ctx.env)
  const total = taskCount(req)
  const tasks = shard ? shardTasks(total, shard) : Array.from({ length: total }, (_, i) => i)
  const quiet = Boolean(values.quiet)
  const done = await awaitStudy(ctx, runSweepTasks(study.base, req, tasks, studyEnv(values), studyProgress(ctx, quiet)), quiet)
  if (!done) return 130
  if (shard) {
    const part: SweepPart = { format: 'cascade.sweep-part/1', request: req, shard, tasks: total, rows: done.rows, timing: done.timing }
    emitJson(ctx, values, part)
    return EXIT.ok
  }
  const report = sweepReport(req, done.rows.map((r) => r.outcome), done.timing) as R
  emitJson(ctx, values, report, () => text(report))
  return EXIT.ok
}
