// Runs in flight: records each in the store, starts it on the runner when a slot is free (a queue
// beyond `maxConcurrent`, so six big runs do not take six crowds' memory at once), forwards
// progress and the end as events, and cancels on request. The window never waits on a run, and a
// run is never left `running` by this service: a runner that cannot start, a result the store
// cannot save (disk full) and a close mid-run each end the row with the reason, and tell the window.
import type { EventMap, EventName, RunListItem } from '../../../shared/ipc/channels'
import type { RunResult } from '../../../shared/model/run'
import type { RunRepository } from '../store/run-repository'
import { RunCancelledError, type RunJob, type Runner } from './run-protocol'

export interface RunService {
  start(job: Omit<RunJob, 'runId'>, portfolioId: string | null): RunListItem
  cancel(runId: string): boolean
  /** The result of a run this session finished but could not save, so it can still be exported. */
  unsaved(runId: string): RunResult | undefined
  /** Resolves when no run is queued or in flight (tests, shutdown). */
  idle(): Promise<void>
  /** Runs queued or in flight (a restore waits until there are none). */
  busy(): number
  /** Cancels everything and records each run as cancelled; later ends are not written. */
  close(): void
}

export interface RunServiceOptions {
  /** Runs at once; the rest wait in order. */
  maxConcurrent: number
  /** This instance, written on each row it starts. */
  owner: string
  /** Whether the instance that wrote `owner` is gone (so its `running` rows are interrupted). */
  isOwnerGone: (owner: string | null) => boolean
  log?: (message: string) => void
}

type Emit = <E extends EventName>(event: E, payload: EventMap[E]) => void

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

export function createRunService(repo: RunRepository, runner: Runner, emit: Emit, opts: RunServiceOptions): RunService {
  const active = new Map<string, { cancel(): void; settled: Promise<void> }>()
  const queue: RunJob[] = []
  const unsaved = new Map<string, RunResult>()
  let drained: Array<() => void> = []
  let closed = false
  const log = opts.log ?? ((m: string) => console.error(`[runs] ${m}`))
  repo.markInterrupted(opts.isOwnerGone)

  /** Ends the row and tells the window; a store that fails here is logged, the window still told. */
  const end = (runId: string, status: 'failed' | 'cancelled', error: string | null) => {
    if (closed) return
    try {
      repo.end(runId, status, error)
    } catch (e) {
      log(`could not record the end of run ${runId}: ${message(e)}`)
    }
    emit('run:done', { runId, status, error })
  }

  const finish = (runId: string, result: RunResult) => {
    if (closed) return
    let saved = false
    try {
      saved = repo.finish(runId, result)
    } catch (e) {
      unsaved.set(runId, result)
      end(runId, 'failed', `the result could not be saved (${message(e)}); export it before closing Cascade`)
      return
    }
    if (!saved) {
      unsaved.set(runId, result)
      emit('run:done', { runId, status: 'failed', error: 'the run was ended elsewhere before its result was saved' })
      return
    }
    emit('run:done', { runId, status: 'done', error: null })
  }

  const launch = (job: RunJob) => {
    const { runId } = job
    let handle
    try {
      handle = runner(job, (p) => emit('run:progress', { runId, fraction: p.steps > 0 ? p.step / p.steps : 0, step: p.step, steps: p.steps, t: p.t }))
    } catch (e) {
      end(runId, 'failed', `the run could not start: ${message(e)}`)
      return
    }
    const settled = handle.result
      .then(
        (result) => finish(runId, result),
        (e: unknown) => (e instanceof RunCancelledError ? end(runId, 'cancelled', null) : end(runId, 'failed', message(e))),
      )
      .finally(() => {
        active.delete(runId)
        pump()
      })
    active.set(runId, { cancel: handle.cancel, settled })
  }

  function pump(): void {
    while (!closed && queue.length && active.size < opts.maxConcurrent) launch(queue.shift()!)
    if (active.size === 0 && queue.length === 0) {
      const waiting = drained
      drained = []
      waiting.forEach((resolve) => resolve())
    }
  }

  return {
    start(job, portfolioId) {
      const row = repo.start({ owner: opts.owner, portfolioId, portfolio: job.portfolio, scenario: job.scenario, seed: job.seed })
      queue.push({ ...job, runId: row.id })
      pump()
      return row
    },
    cancel(runId) {
      const at = queue.findIndex((j) => j.runId === runId)
      if (at >= 0) {
        queue.splice(at, 1)
        end(runId, 'cancelled', null)
        pump()
        return true
      }
      const run = active.get(runId)
      run?.cancel()
      return Boolean(run)
    },
    unsaved: (runId) => unsaved.get(runId),
    busy: () => active.size + queue.length,
    idle() {
      if (active.size === 0 && queue.length === 0) return Promise.resolve()
      return new Promise((resolve) => drained.push(resolve))
    },
    close() {
      for (const job of queue.splice(0)) end(job.runId, 'cancelled', 'Cascade closed before the run started')
      for (const [runId, run] of active) {
        end(runId, 'cancelled', 'Cascade closed during the run')
        run.cancel()
      }
      closed = true
      drained.forEach((resolve) => resolve())
      drained = []
    },
  }
}
