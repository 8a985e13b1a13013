// What `cascade run` and `cascade report` share: reading --seed and --crowd, and running a job in
// a worker thread with a progress bar on stderr and Ctrl-C to cancel.
import { join, resolve } from 'node:path'
import type { RunResult } from '../../shared/model/run'
import { SCENARIO_LIMITS } from '../../shared/schemas/scenario'
import { RunCancelledError, type RunJob } from '../main/runs/run-protocol'
import { createThreadRunner } from '../main/runs/thread-runner'
import { UsageError, type CliContext } from './context'

/** The worker entry beside this module: TypeScript under tsx, the bundled .cjs when built. */
function workerEntry(): string {
  return __filename.endsWith('.ts') ? resolve(__dirname, '../main/runs/run-worker.ts') : join(__dirname, 'run-worker.cjs')
}

/** `--seed N`: a whole number from 0 to 2^32 - 1; absent: the scenario's own. */
export function seedFlag(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined
  if (!/^\d{1,10}$/.test(value) || Number(value) > 2 ** 32 - 1) throw new UsageError(`--seed must be a whole number from 0 to 4294967295, got "${value}"`)
  return Number(value)
}

/** `--crowd N`: a crowd of N perpetual traders (the run preparation sizes it; absent: the scenario's own). */
export function crowdFlag(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined
  const n = Number(value)
  if (!/^\d{1,7}$/.test(value) || n < 1 || n > SCENARIO_LIMITS.crowdAccounts) {
    throw new UsageError(`--crowd must be a whole number of accounts from 1 to ${SCENARIO_LIMITS.crowdAccounts}, got "${value}"`)
  }
  return n
}

/** `--collateral-pricing market|conversion`: the venue's conversion-rate collateral index, or the scenario's prices. */
export function collateralPricingFlag(value: unknown): 'market' | 'conversion' {
  const v = value ?? 'market'
  if (v !== 'market' && v !== 'conversion') throw new UsageError(`--collateral-pricing must be "market" or "conversion", got "${String(v)}"`)
  return v
}

function progressBar(ctx: CliContext) {
  let last = -1
  const every = ctx.stderrIsTty ? 1 : 10
  return (p: { step: number; steps: number; t: string }) => {
    const pct = p.steps ? Math.floor((100 * p.step) / p.steps) : 100
    if (Math.floor(pct / every) === Math.floor(last / every)) return
    last = pct
    const filled = Math.round(pct / 4)
    const bar = `[${'#'.repeat(filled)}${' '.repeat(25 - filled)}] ${String(pct).padStart(3)}%  ${p.t}`
    ctx.stderr(ctx.stderrIsTty ? `\r${bar}` : `${bar}\n`)
  }
}

/** Runs the job off this thread; `cancelled` when Ctrl-C stopped it (exit 130). */
export async function runInWorker(ctx: CliContext, job: Omit<RunJob, 'runId'>, quiet: boolean): Promise<RunResult | 'cancelled'> {
  const handle = createThreadRunner(workerEntry())({ ...job, runId: 'cli' }, quiet ? () => {} : progressBar(ctx))
  const onSigint = () => handle.cancel()
  process.once('SIGINT', onSigint)
  try {
    return await handle.result
  } catch (e) {
    if (e instanceof RunCancelledError) {
      ctx.stderr('\ncancelled\n')
      return 'cancelled'
    }
    throw e
  } finally {
    process.off('SIGINT', onSigint)
    if (!quiet && ctx.stderrIsTty) ctx.stderr('\n')
  }
}
