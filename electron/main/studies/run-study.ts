// Runs a study on a pool of workers: a sweep's tasks (all of them, or a shard's), or a solve's
// probes round after round. The CLI and the app's study service both come through here; the
// arithmetic (draws, statistics, bisection, merge) is the engine's (shared/engine/whatif/).
import {
  canonicalSet,
  drawOf,
  solveAxis,
  sweepReport,
  taskOf,
  wilson,
  type SolveSpec,
  type SweepRequest,
  type Verdict,
  type WhatIfBase,
} from '../../../shared/engine/whatif'
import { usd } from '../../../shared/engine/cascade/format'
import type { MonteCarloModel, MonteCarloReport, GridReport, RunOutcome, SolveReport, StudyInputs, StudyTiming, SweepPart } from '../../../shared/model/study'
import { openPool, type PoolStats, type SpawnStudyWorker, type StudyPool } from './study-pool'

export interface StudyEnv {
  spawn: SpawnStudyWorker
  workers: number
  cacheBytes?: number
}

export interface StudyProgress {
  done: number
  /** Runs in all; null while a solve does not know yet how many rounds it needs. */
  total: number | null
  phase: string
}

export interface StudyHandle<T> {
  result: Promise<T>
  cancel(): void
}

function timingOf(began: number, stats: PoolStats, workers: number): StudyTiming {
  return { wallMs: Math.round(performance.now() - began), runMs: Math.round(stats.runMs), workers, runs: stats.runs, crowdsGenerated: stats.crowdsGenerated, crowdsReused: stats.crowdsReused, parts: 1 }
}

/** Opens the pool, runs `body`, closes the pool whatever happens; cancel closes it at once. */
function withPool<T>(base: WhatIfBase, env: StudyEnv, body: (pool: StudyPool, began: number) => Promise<T>): StudyHandle<T> {
  const began = performance.now()
  const pool = openPool(base, env.spawn, env.workers, { cacheBytes: env.cacheBytes })
  const result = body(pool, began).finally(() => pool.close())
  return { result, cancel: () => pool.close() }
}

/** Every task of a sweep, or the shard's (`tasks`): the rows in task order and the timing. */
export function runSweepTasks(
  base: WhatIfBase,
  req: SweepRequest,
  tasks: readonly number[],
  env: StudyEnv,
  onProgress: (p: StudyProgress) => void = () => {},
): StudyHandle<{ rows: SweepPart['rows']; timing: StudyTiming }> {
  return withPool(base, env, async (pool, began) => {
    const outcomes = await pool.run(
      tasks.map((i) => taskOf(req, i)),
      (done, total) => onProgress({ done, total, phase: req.kind }),
    )
    return { rows: tasks.map((task, k) => ({ task, outcome: outcomes[k] })), timing: timingOf(began, pool.stats(), pool.size) }
  })
}

/** A whole sweep: its report, timing included. */
export function runSweep(base: WhatIfBase, req: SweepRequest, env: StudyEnv, total: number, onProgress?: (p: StudyProgress) => void): StudyHandle<MonteCarloReport | GridReport> {
  const tasks = Array.from({ length: total }, (_, i) => i)
  const h = runSweepTasks(base, req, tasks, env, onProgress)
  return { result: h.result.then(({ rows, timing }) => sweepReport(req, rows.map((r) => r.outcome), timing)), cancel: h.cancel }
}

export interface SolvePlan {
  inputs: StudyInputs
  seed: number
  axis: string
  spec: SolveSpec
  /** Monte Carlo: survive with probability at least p over `draws` draws, drawn from `model`. */
  target: { p: number; draws: number; model: MonteCarloModel } | null
}

/** The verdict of one value under Monte Carlo: the share that survived, the commonest first failure. */
function oddsVerdict(outcomes: readonly RunOutcome[], p: number): Verdict {
  const n = outcomes.length
  const survived = outcomes.filter((o) => o.survived).length
  const odds = wilson(survived, n)
  const failing = outcomes.map((o, d) => ({ o, d })).filter(({ o }) => !o.survived && o.binding)
  const counts = new Map<string, { count: number; d: number }>()
  for (const { o, d } of failing) {
    const key = `${o.binding?.kind}|${o.binding?.position ?? o.binding?.asset}`
    const c = counts.get(key)
    if (c) c.count++
    else counts.set(key, { count: 1, d })
  }
  let top: { count: number; d: number } | null = null
  for (const c of counts.values()) if (!top || c.count > top.count) top = c
  let sum = 0
  for (const o of outcomes) sum += Number(o.finalEquity)
  const binding = top ? { ...(outcomes[top.d].binding as NonNullable<RunOutcome['binding']>), draw: top.d, share: Math.round((top.count / failing.length) * 1e6) / 1e6 } : null
  // The mean in cents, written as every amount is (normalised: "685633.9", not "685633.90").
  return { survived: odds.p >= p, finalEquity: usd(sum / n), odds, binding }
}

export function runSolve(base: WhatIfBase, plan: SolvePlan, env: StudyEnv, onProgress: (p: StudyProgress) => void = () => {}): StudyHandle<SolveReport> {
  return withPool(base, env, async (pool, began) => {
    let done = 0
    const evaluate = async (values: string[], phase: string): Promise<Verdict[]> => {
      const per = plan.target?.draws ?? 1
      const tasks = values.flatMap((v, k) =>
        Array.from({ length: per }, (_, d) => {
          if (!plan.target) return { seed: plan.seed, set: canonicalSet({ ...plan.inputs.set, [plan.axis]: v }), affinity: k, keep: true }
          // The same draws at every value (common random numbers), the solved axis fixed on top;
          // each draw's crowd comes back at every value, so it is kept (as far as the cache holds).
          const draw = drawOf(plan.target.model, plan.inputs.set, plan.seed, d)
          return { seed: draw.seed, set: canonicalSet({ ...draw.set, [plan.axis]: v }), affinity: d, keep: true }
        }),
      )
      const outcomes = await pool.run(tasks, (n) => onProgress({ done: done + n, total: null, phase }))
      done += tasks.length
      return values.map((_, k) => {
        const mine = outcomes.slice(k * per, (k + 1) * per)
        if (plan.target) return oddsVerdict(mine, plan.target.p)
        const [o] = mine
        return { survived: o.survived, finalEquity: o.finalEquity, odds: null, binding: o.binding ? { ...o.binding, draw: null, share: null } : null }
      })
    }
    const out = await solveAxis(plan.spec, evaluate)
    return {
      format: 'cascade.solve/1',
      seed: plan.seed,
      inputs: plan.inputs,
      axis: plan.axis,
      safe: out.safe,
      target: plan.target,
      answer: out.answer,
      step: out.step,
      failsAt: out.failsAt,
      bracket: out.bracket,
      monotone: out.monotone,
      stableAnswer: out.stableAnswer,
      binding: out.binding,
      bindingAt: out.bindingAt,
      range: out.range,
      runs: out.runs,
      note: out.note,
      timing: timingOf(began, pool.stats(), pool.size),
    }
  })
}
