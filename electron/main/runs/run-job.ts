// Runs one job to completion in the current thread: the body of every worker (thread or process).
import { runCascade } from '../../../shared/engine/cascade'
import type { RunJob, WorkerMessage } from './run-protocol'

export function executeJob(job: RunJob, post: (m: WorkerMessage) => void): void {
  try {
    const result = runCascade(
      { portfolio: job.portfolio, venue: job.venue, lending: job.lending, scenario: job.scenario, seed: job.seed, pricing: job.pricing, collateralPricing: job.collateralPricing, basis: job.basis },
      { onProgress: (p) => post({ type: 'progress', runId: job.runId, ...p }) },
    )
    // The summary says which what-if axes made this run (the book and scenario already carry them).
    if (job.set && Object.keys(job.set).length) result.summary.set = job.set
    post({ type: 'done', runId: job.runId, result })
  } catch (e) {
    post({ type: 'failed', runId: job.runId, message: e instanceof Error ? e.message : String(e) })
  }
}
