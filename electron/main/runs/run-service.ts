// Runs in flight: starts a job on the runner, records it in the store, forwards progress and the
// end as events, and cancels on request. The window never waits on a run.
import type { EventMap, EventName, RunListItem } from '../../../shared/ipc/channels'
import type { RunRepository } from '../store/run-repository'
import { RunCancelledError, type RunJob, type Runner } from './run-protocol'

export interface RunService {
  start(job: Omit<RunJob, 'runId'>, portfolioId: string | null): RunListItem
  cancel(runId: string): boolean
  /** Resolves when no run is in flight (tests, shutdown). */
  idle(): Promise<void>
  cancelAll(): void
}

type Emit = <E extends EventName>(event: E, payload: EventMap[E]) => void

export function createRunService(repo: RunRepository, runner: Runner, emit: Emit): RunService {
  const active = new Map<string, { cancel(): void; settled: Promise<void> }>()
  repo.markInterrupted()

  return {
    start(job, portfolioId) {
      const row = repo.start({ portfolioId, portfolio: job.portfolio, scenario: job.scenario, seed: job.seed })
      const runId = row.id
      const handle = runner({ ...job, runId }, (p) =>
        emit('run:progress', { runId, fraction: p.steps > 0 ? p.step / p.steps : 0, step: p.step, steps: p.steps, t: p.t }),
      )
      const settled = handle.result.then(
        (result) => {
          repo.finish(runId, result)
          emit('run:done', { runId, status: 'done', error: null })
        },
        (e: unknown) => {
          const cancelled = e instanceof RunCancelledError
          const error = cancelled ? null : e instanceof Error ? e.message : String(e)
          repo.end(runId, cancelled ? 'cancelled' : 'failed', error)
          emit('run:done', { runId, status: cancelled ? 'cancelled' : 'failed', error })
        },
      )
      active.set(runId, { cancel: handle.cancel, settled: settled.finally(() => active.delete(runId)) })
      return row
    },
    cancel(runId) {
      const run = active.get(runId)
      run?.cancel()
      return Boolean(run)
    },
    async idle() {
      while (active.size) await Promise.all([...active.values()].map((r) => r.settled))
    },
    cancelAll() {
      for (const run of active.values()) run.cancel()
    },
  }
}
