// Turns a book, a scenario and a study's options into what the pool runs, or says why it cannot:
// the book's verdict (as for a run), the crowd size, the study's own what-if set checked against
// the pair, then per study its request: Monte Carlo (the model made from the scenario), grid (its
// two axes, every corner checked), solve (the axis, its range and step). The CLI and the IPC
// handlers both come through here, so both give the same verdicts with the same field paths.
import { createHash } from 'node:crypto'
import { dec, minDec, text } from '../../../shared/decimal'
import {
  AXIS_HELP,
  applySet,
  canonicalSet,
  checkValue,
  modelFor,
  niceStep,
  parseAxis,
  positionIds,
  prepareWhatIf,
  type AxisRange,
  type AxisSet,
  type SolveSpec,
  type WhatIfBase,
  withOverrides,
} from '../../../shared/engine/whatif'
import type { FieldIssue } from '../../../shared/model/issues'
import type { Portfolio } from '../../../shared/model/portfolio'
import type { Scenario } from '../../../shared/model/scenario'
import type { GridRequest, MonteCarloModel, MonteCarloRequest, StudyInputs } from '../../../shared/model/study'
import { SCENARIO_LIMITS } from '../../../shared/schemas/scenario'
import { venueFundsTotal } from '../../../shared/engine/bottom'
import type { SolvePlan } from '../studies/run-study'
import { resolveJob, type VenueSource } from './run-preparation'
import type { PresetSource } from './scenario-resolution'

export interface StudyOptions {
  seed?: number
  /** Perpetual traders of the crowd (the scenario's own when absent). */
  crowd?: number
  pricing?: 'book' | 'historical'
  /** The what-if set every run of the study starts from, already checked (`validateSet`). */
  set?: AxisSet
  /** A desk's own figures for the Monte Carlo model (`withOverrides`), checked here. */
  model?: unknown
}

export interface PreparedStudy {
  base: WhatIfBase
  inputs: StudyInputs
  seed: number
  /** The scenario with the study's set applied: the Monte Carlo model is made from it. */
  applied: Scenario
  /** The Monte Carlo model for it, with the desk's figures (docs/DECISIONS.md §2). */
  model: MonteCarloModel
}

export type Prepared<T> = { ok: true; value: T } | { ok: false; stage: 'resolve' | 'scenario' | 'set' | 'cascade' | 'study'; issues: FieldIssue[] }

/** Most draws of one Monte Carlo (and per grid cell, per solve probe). */
export const MAX_DRAWS = 1_000_000
/** Most runs of one study: a 256 x 256 grid, or 1,000 draws on 1,000 cells. */
export const MAX_STUDY_RUNS = 10_000_000

const refuse = (path: string, message: string): { ok: false; stage: 'study'; issues: FieldIssue[] } => ({ ok: false, stage: 'study', issues: [{ path, message }] })

/** sha256 of everything the runs read: parts of different inputs never merge. */
function fingerprint(base: WhatIfBase): string {
  return createHash('sha256')
    .update(JSON.stringify([base.portfolio, base.scenario, base.venue, base.lending ?? null, base.pricing ?? 'book']))
    .digest('hex')
}

/** `presets`: a date resolves to the book's venue's preset, as for a run (scenario-resolution.ts). */
export function prepareStudy(portfolio: Portfolio, asked: Scenario, opts: StudyOptions, venues: VenueSource, presets?: PresetSource): Prepared<PreparedStudy> {
  if (opts.crowd !== undefined && !(Number.isInteger(opts.crowd) && opts.crowd >= 1 && opts.crowd <= SCENARIO_LIMITS.crowdAccounts)) {
    return refuse('crowd', `must be a whole number of accounts from 1 to ${SCENARIO_LIMITS.crowdAccounts}, got ${String(opts.crowd)}`)
  }
  const job = resolveJob(portfolio, asked, { seed: opts.seed, pricing: opts.pricing, crowd: opts.crowd }, venues, presets)
  if (!job.ok) return job
  // The scenario the book's venue runs (a date resolved to its preset), sized to the crowd asked.
  const sized = job.value.scenario
  const scenario = sized
  const { venue, lending, seed } = job.value
  const base: WhatIfBase = { portfolio: job.value.portfolio, venue, ...(lending ? { lending } : {}), scenario: sized, ...(opts.pricing ? { pricing: opts.pricing } : {}) }
  const set = canonicalSet(opts.set ?? {})
  const ready = prepareWhatIf(base, set)
  if (!ready.ok) return ready
  const applied = applySet(base.portfolio, base.scenario, set)
  if (!applied.ok) return { ok: false, stage: 'set', issues: applied.issues }
  const inputs: StudyInputs = {
    portfolio: portfolio.name,
    fingerprint: fingerprint(base),
    scenario: scenario.id,
    start: scenario.start,
    venue: venue.id,
    pricing: opts.pricing ?? 'book',
    crowd: sized.crowd.accounts,
    set: ready.set,
    positions: positionIds(portfolio),
  }
  const model = opts.model === undefined ? { ok: true as const, value: modelFor(applied.scenario) } : withOverrides(modelFor(applied.scenario), opts.model)
  if (!model.ok) return { ok: false, stage: 'study', issues: model.issues }
  return { ok: true, value: { base, inputs, seed, applied: applied.scenario, model: model.value } }
}

function checkDraws(draws: number, path = 'draws'): FieldIssue | null {
  return Number.isInteger(draws) && draws >= 1 && draws <= MAX_DRAWS ? null : { path, message: `must be a whole number of draws from 1 to ${MAX_DRAWS}, got ${String(draws)}` }
}

export function monteCarloModel(study: PreparedStudy): MonteCarloModel {
  return study.model
}

export function monteCarloRequest(study: PreparedStudy, draws: number): Prepared<MonteCarloRequest> {
  const bad = checkDraws(draws)
  if (bad) return { ok: false, stage: 'study', issues: [bad] }
  return { ok: true, value: { kind: 'montecarlo', ...study.inputs, seed: study.seed, draws, model: monteCarloModel(study) } }
}

/** A set refused by the engine at a grid corner or a solve's end, named by the value that broke it. */
function checkCorner(study: PreparedStudy, set: AxisSet, where: string, flags: Record<string, string> = {}): CornerIssue[] {
  const r = prepareWhatIf(study.base, canonicalSet({ ...study.inputs.set, ...set }))
  if (r.ok) return []
  // A refusal of a swept axis is the flag's that gave it (`x`, `y`, `axis`), not the study's `--set`.
  return r.issues.map((i) => {
    const axis = i.path.startsWith('set.') ? i.path.slice('set.'.length) : null
    return { path: (axis !== null && flags[axis]) || i.path || where, message: `${where}: ${i.message}`, engine: i.message }
  })
}

/** A corner's refusal, with the engine's own message (the same at every corner of a bad axis). */
type CornerIssue = FieldIssue & { engine: string }

/** The corners' refusals, one per field and engine message. */
function cornerIssues(issues: CornerIssue[]): FieldIssue[] {
  const seen = new Set<string>()
  const out: FieldIssue[] = []
  for (const { engine, ...issue } of issues) {
    const key = `${issue.path}\u0000${engine}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(issue)
  }
  return out
}

/** A study whose issues all name its own flags is refused as the study's, not as its `--set`. */
function stageOf(issues: FieldIssue[], flags: Record<string, string>): 'set' | 'study' {
  const own = new Set(Object.values(flags))
  return issues.every((i) => own.has(i.path)) ? 'study' : 'set'
}

export function gridRequest(study: PreparedStudy, x: AxisRange, y: AxisRange, draws: number | null): Prepared<GridRequest> {
  if (x.axis.name === y.axis.name) return refuse('y', `the two axes are both ${x.axis.name}: give two different axes`)
  if (draws !== null) {
    const bad = checkDraws(draws)
    if (bad) return { ok: false, stage: 'study', issues: [bad] }
  }
  const runs = x.values.length * y.values.length * (draws ?? 1)
  if (runs > MAX_STUDY_RUNS) return refuse('draws', `${runs} runs is more than one study runs (${MAX_STUDY_RUNS}); shard it across machines or take fewer values`)
  for (const [flag, r] of [['x', x], ['y', y]] as const) {
    if (Object.hasOwn(study.inputs.set, r.axis.name)) return refuse(flag, `${r.axis.name} is also in the study's set; sweep it without setting it`)
  }
  const ends = (r: AxisRange) => [...new Set([r.values[0], r.values[r.values.length - 1]])]
  const flags = { [x.axis.name]: 'x', [y.axis.name]: 'y' }
  const found: CornerIssue[] = []
  for (const xv of ends(x)) for (const yv of ends(y)) found.push(...checkCorner(study, { [x.axis.name]: xv, [y.axis.name]: yv }, `cell ${x.axis.name}=${xv}, ${y.axis.name}=${yv}`, flags))
  const issues = cornerIssues(found)
  if (issues.length) return { ok: false, stage: stageOf(issues, flags), issues }
  return {
    ok: true,
    value: { kind: 'grid', ...study.inputs, seed: study.seed, x: { axis: x.axis.name, values: x.values }, y: { axis: y.axis.name, values: y.values }, draws, model: draws === null ? null : monteCarloModel(study) },
  }
}

export interface SolveOptions {
  /** An axis name: `collateral:USDT`, `fund`, `scale`, `withdrawal`, `depeg:USDe`, `shock:BTC`. */
  axis: string
  from?: string
  to?: string
  step?: string
  /** Intervals of the coarse grid that looks for more than one change of survival (default 16, 8 under Monte Carlo). */
  probes?: number
  target?: { p: number; draws: number }
}

/** Gross exposure in USD: perpetual notionals (at entry), DeFi supplies priced later by the run, loops' capital. */
function grossExposure(p: Portfolio): number {
  let sum = 0
  for (const x of p.positions) sum += Math.abs(Number(x.notional ?? Number(x.qty ?? '0') * Number(x.entryPrice)))
  for (const l of p.loops) sum += Number(l.capital) * Math.max(1, l.loops)
  return sum
}

function startPrice(scenario: Scenario, portfolio: Portfolio, asset: string): number {
  const mark = portfolio.prices?.[asset] ?? scenario.prices[asset]
  if (mark !== undefined) return Number(mark)
  const peg = scenario.pegs[asset]
  if (peg) return (peg.to === 'USD' ? 1 : startPrice(scenario, portfolio, peg.to)) * Number(peg.ratio)
  return 1
}

export function solvePlan(study: PreparedStudy, opts: SolveOptions): Prepared<SolvePlan> {
  const axis = parseAxis(opts.axis, 'axis')
  if (!axis.ok) return { ok: false, stage: 'study', issues: axis.issues }
  const { kind, asset, name } = axis.value
  const issues: FieldIssue[] = []
  const value = (raw: string | undefined, path: string): string | undefined => {
    if (raw === undefined) return undefined
    const v = checkValue(axis.value, raw, path)
    if (!v.ok) issues.push(...v.issues)
    return v.ok ? v.value : undefined
  }
  const from = value(opts.from, 'from')
  const to = value(opts.to, 'to')
  if (opts.step !== undefined && !(/^\d*\.?\d+(e[+-]?\d+)?$/i.test(opts.step) && dec(opts.step).gt(0))) issues.push({ path: 'step', message: `must be a number above 0, got "${opts.step.slice(0, 40)}"` })
  const probes = opts.probes ?? (opts.target ? 8 : 16)
  if (!(Number.isInteger(probes) && probes >= 1 && probes <= 256)) issues.push({ path: 'probes', message: `must be a whole number from 1 to 256, got ${String(probes)}` })
  if (opts.target) {
    if (!(opts.target.p > 0 && opts.target.p <= 1)) issues.push({ path: 'targetP', message: `must be a probability above 0 and at most 1, got ${String(opts.target.p)}` })
    const bad = checkDraws(opts.target.draws)
    if (bad) issues.push(bad)
  }
  if (Object.hasOwn(study.inputs.set, name)) issues.push({ path: 'axis', message: `${name} is also in the study's set; solve it without setting it` })
  if (issues.length) return { ok: false, stage: 'study', issues }
  // Default ranges: unbounded axes start at 0 and double; bounded ones span their whole range.
  const fixed: Record<string, [string, string]> = { withdrawal: ['0', '0.999'], depeg: ['0', '0.99'], shock: ['-0.95', '0'] }
  const caps: Record<string, string> = { collateral: '1e15', fund: '1e13', scale: '100' }
  // The first span searched above the low end, when the range doubles until the verdict changes.
  let firstSpan = '1'
  if (kind === 'collateral') {
    // A tenth of the book's gross exposure in the asset, at its start price.
    const usd = Math.max(10_000, 0.1 * grossExposure(study.base.portfolio))
    firstSpan = text(niceStep(dec(String(usd / startPrice(study.applied, study.base.portfolio, asset as string)))))
  } else if (kind === 'fund') {
    // The fund the run starts with: the scenario's what-if size, else the venue's own funds together.
    const venue = study.base.venue
    const fund = study.applied.insuranceFund ?? (venue.kind === 'exchange' ? venueFundsTotal(venue) : '0')
    firstSpan = text(niceStep(dec(String(Math.max(1e6, Number(fund))))))
  }
  const [lo, hi] = Object.hasOwn(fixed, kind) ? fixed[kind] : ['0', null]
  const spec: SolveSpec = {
    kind,
    lo: from ?? lo,
    hi: to ?? hi,
    firstSpan,
    // Collateral and fund stop 2^14 first spans up (about 1,600 times the book's gross exposure): past that, "none is enough".
    max: to ?? (Object.hasOwn(fixed, kind) ? fixed[kind][1] : kind === 'scale' ? caps.scale : text(minDec(dec(caps[kind]), dec(from ?? lo).plus(dec(firstSpan).mul(2 ** 14))))),
    step: opts.step === undefined ? null : text(dec(opts.step)),
    probes,
  }
  if (dec(spec.lo).gte(dec(spec.hi ?? spec.max))) return refuse('from', `the range ${spec.lo} .. ${spec.hi ?? spec.max} is empty (${AXIS_HELP[kind]})`)
  const target = opts.target ? { ...opts.target, model: monteCarloModel(study) } : null
  const ends = [spec.lo, spec.hi ?? text(dec(spec.lo).plus(dec(firstSpan)))]
  const flags = { [name]: 'axis' }
  const corner = cornerIssues(ends.flatMap((v) => checkCorner(study, { [name]: v }, `${name}=${v}`, flags)))
  if (corner.length) return { ok: false, stage: stageOf(corner, flags), issues: corner }
  return { ok: true, value: { inputs: study.inputs, seed: study.seed, axis: name, spec, target } }
}
