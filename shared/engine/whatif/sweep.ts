// A sweep is a list of tasks (Monte Carlo draws, grid cells, or cells x draws), each one run with
// a crowd seed and a what-if set, and a report built from their outcomes in task order. Task i is
// a function of the request and i alone, so shards (`--shard i/N`: the tasks with index = i mod N)
// can run anywhere and `mergeParts` rebuilds exactly the report of the unsharded sweep
// (docs/DECISIONS.md §4, docs/SCALE-OUT.md).
import type { FieldIssue } from '../../model/issues'
import type {
  DrawOutcome,
  GridOddsCell,
  GridReport,
  GridRequest,
  GridRunCell,
  MonteCarloReport,
  MonteCarloRequest,
  RunOutcome,
  StudyInputs,
  StudyTiming,
  SweepPart,
  WhatIfSet,
} from '../../model/study'
import { canonicalSet } from './axes'
import { drawOf } from './draws'
import { equityDistribution, histogram, quantile, wilson } from './stats'

export type SweepRequest = MonteCarloRequest | GridRequest

export interface SweepTask {
  task: number
  seed: number
  set: WhatIfSet
  /** Tasks with the same affinity share a crowd: a pool sends them to the same worker when it can. */
  affinity: number
  /** Whether the worker keeps the crowd for later tasks (a Monte Carlo draw's crowd is never seen again). */
  keep: boolean
}

export interface Shard {
  index: number
  count: number
}

export function taskCount(req: SweepRequest): number {
  return req.kind === 'montecarlo' ? req.draws : req.x.values.length * req.y.values.length * (req.draws ?? 1)
}

const cellsOf = (req: GridRequest) => req.x.values.length * req.y.values.length

/** The axes of grid cell c (c = i x ny + j) on top of the request's set. */
function cellSet(req: GridRequest, c: number, under: WhatIfSet): WhatIfSet {
  const ny = req.y.values.length
  return canonicalSet({ ...under, [req.x.axis]: req.x.values[Math.floor(c / ny)], [req.y.axis]: req.y.values[c % ny] })
}

/**
 * Task i. Monte Carlo: draw i. Grid: cell i (one run at the request's seed), or under Monte Carlo
 * draw d of cell c for i = d x cells + c: draw d is the same draw in every cell (common random
 * numbers), the cell's two axes fixed on top of it.
 */
export function taskOf(req: SweepRequest, i: number): SweepTask {
  if (req.kind === 'montecarlo') {
    const d = drawOf(req.model, req.set, req.seed, i)
    return { task: i, seed: d.seed, set: d.set, affinity: i, keep: false }
  }
  const cells = cellsOf(req)
  if (req.draws === null || req.model === null) return { task: i, seed: req.seed, set: cellSet(req, i, req.set), affinity: i, keep: true }
  const d = Math.floor(i / cells)
  const draw = drawOf(req.model, req.set, req.seed, d)
  return { task: i, seed: draw.seed, set: cellSet(req, i % cells, draw.set), affinity: d, keep: true }
}

export function shardTasks(total: number, shard: Shard): number[] {
  const out: number[] = []
  for (let i = shard.index; i < total; i += shard.count) out.push(i)
  return out
}

/** The inputs every report records, in a fixed key order. */
function inputsOf(req: StudyInputs): StudyInputs {
  return { portfolio: req.portfolio, fingerprint: req.fingerprint, scenario: req.scenario, start: req.start, venue: req.venue, pricing: req.pricing, crowd: req.crowd, set: req.set, positions: req.positions }
}

const secondsAfter = (start: string, t: string) => (Date.parse(t) - Date.parse(start)) / 1000
const isoAfter = (start: string, s: number) => new Date(Date.parse(start) + s * 1000).toISOString().replace('.000Z', 'Z')

export function monteCarloReport(req: MonteCarloRequest, outcomes: readonly RunOutcome[], timing?: StudyTiming): MonteCarloReport {
  const n = outcomes.length
  const count = (f: (o: RunOutcome) => boolean) => outcomes.reduce((k, o) => k + (f(o) ? 1 : 0), 0)
  const survived = count((o) => o.survived)
  const positions: MonteCarloReport['positions'] = {}
  for (const id of req.positions) positions[id] = { adl: wilson(count((o) => o.adl.includes(id)), n), liquidated: wilson(count((o) => o.liquidated.includes(id)), n) }
  const times = outcomes.filter((o) => o.firstLiquidation !== null).map((o) => secondsAfter(req.start, o.firstLiquidation as string))
  const sorted = [...times].sort((a, b) => a - b)
  const at = (q: number) => (sorted.length ? isoAfter(req.start, quantile(sorted, q)) : null)
  const draws: DrawOutcome[] = outcomes.map((o, d) => {
    const draw = drawOf(req.model, req.set, req.seed, d)
    return { draw: d, seed: draw.seed, set: draw.set, ...o }
  })
  return {
    format: 'cascade.montecarlo/1',
    draws: n,
    seed: req.seed,
    inputs: inputsOf(req),
    model: req.model,
    survived: wilson(survived, n),
    liquidated: wilson(n - survived, n),
    adl: wilson(count((o) => o.adl.length > 0), n),
    positions,
    finalEquity: equityDistribution(outcomes.map((o) => Number(o.finalEquity))),
    firstLiquidation: { count: sorted.length, earliest: at(0), p5: at(0.05), p50: at(0.5), p95: at(0.95), histogram: histogram(times) },
    outcomes: draws,
    ...(timing ? { timing } : {}),
  }
}

export function gridReport(req: GridRequest, outcomes: readonly RunOutcome[], timing?: StudyTiming): GridReport {
  const nx = req.x.values.length
  const ny = req.y.values.length
  const cells = nx * ny
  const runCell = (o: RunOutcome): GridRunCell => ({ survived: o.survived, finalEquity: o.finalEquity, adl: o.adl.length > 0, adlPositions: o.adl, liquidated: o.liquidated, firstLiquidation: o.firstLiquidation })
  const oddsCell = (c: number): GridOddsCell => {
    const draws = req.draws as number
    const mine = Array.from({ length: draws }, (_, d) => outcomes[d * cells + c])
    return {
      survived: wilson(mine.filter((o) => o.survived).length, draws),
      adl: wilson(mine.filter((o) => o.adl.length > 0).length, draws),
      finalEquity: equityDistribution(mine.map((o) => Number(o.finalEquity))),
    }
  }
  const grid = Array.from({ length: nx }, (_, i) => Array.from({ length: ny }, (_, j) => (req.draws === null ? runCell(outcomes[i * ny + j]) : oddsCell(i * ny + j))))
  return {
    format: 'cascade.grid/1',
    seed: req.seed,
    inputs: inputsOf(req),
    draws: req.draws,
    model: req.model,
    x: req.x,
    y: req.y,
    cells: grid as GridRunCell[][] | GridOddsCell[][],
    ...(timing ? { timing } : {}),
  }
}

export function sweepReport(req: SweepRequest, outcomes: readonly RunOutcome[], timing?: StudyTiming): MonteCarloReport | GridReport {
  return req.kind === 'montecarlo' ? monteCarloReport(req, outcomes, timing) : gridReport(req, outcomes, timing)
}

/** Parts' timing: their work summed, the longest wall time (the parts ran side by side). */
export function mergeTiming(parts: readonly (StudyTiming | undefined)[]): StudyTiming | undefined {
  const known = parts.filter((t): t is StudyTiming => t !== undefined)
  if (known.length !== parts.length) return undefined
  const sum = (f: (t: StudyTiming) => number) => known.reduce((s, t) => s + f(t), 0)
  return {
    wallMs: Math.max(...known.map((t) => t.wallMs)),
    runMs: sum((t) => t.runMs),
    workers: sum((t) => t.workers),
    runs: sum((t) => t.runs),
    crowdsGenerated: sum((t) => t.crowdsGenerated),
    crowdsReused: sum((t) => t.crowdsReused),
    parts: sum((t) => t.parts),
  }
}

/**
 * The parts of one sweep put back together: the same request in every part, every shard of the
 * count once, every task once. Returns the request and the outcomes in task order.
 */
export function mergeParts(parts: readonly { name: string; part: SweepPart }[]): { ok: true; request: SweepRequest; outcomes: RunOutcome[]; timing?: StudyTiming } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = []
  if (parts.length === 0) return { ok: false, issues: [{ path: 'parts', message: 'no part to merge' }] }
  const [first] = parts
  const request = JSON.stringify(first.part.request)
  const { count } = first.part.shard
  const total = first.part.tasks
  const seen = new Map<number, string>()
  const outcomes: (RunOutcome | undefined)[] = new Array(total)
  for (const { name, part } of parts) {
    if (JSON.stringify(part.request) !== request) issues.push({ path: `${name}: request`, message: `another sweep than ${first.name} (its book, scenario, seed, draws or axes differ)` })
    else if (part.shard.count !== count || part.tasks !== total) issues.push({ path: `${name}: shard`, message: `shard ${part.shard.index}/${part.shard.count} of ${part.tasks} tasks; ${first.name} is one of ${count} shards of ${total}` })
    else if (seen.has(part.shard.index)) issues.push({ path: `${name}: shard`, message: `shard ${part.shard.index}/${count} is also ${seen.get(part.shard.index)}` })
    else {
      seen.set(part.shard.index, name)
      const expected = shardTasks(total, part.shard)
      const rows = new Map(part.rows.map((r) => [r.task, r.outcome]))
      const missing = expected.filter((t) => !rows.has(t))
      if (missing.length || rows.size !== expected.length || part.rows.length !== expected.length) issues.push({ path: `${name}: rows`, message: `shard ${part.shard.index}/${count} should hold tasks ${part.shard.index}, ${part.shard.index + count}, ... (${expected.length}); ${missing.length ? `task ${missing[0]} is missing` : 'it holds others'}` })
      else for (const t of expected) outcomes[t] = rows.get(t)
    }
  }
  for (let i = 0; i < count && issues.length === 0; i++) if (!seen.has(i)) issues.push({ path: 'parts', message: `shard ${i}/${count} is missing` })
  if (issues.length) return { ok: false, issues }
  const timing = mergeTiming(parts.map((p) => p.part.timing))
  return { ok: true, request: first.part.request, outcomes: outcomes as RunOutcome[], ...(timing ? { timing } : {}) }
}
