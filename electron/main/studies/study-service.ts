// Studies in flight in the app: each recorded in the store with its inputs, run one at a time on a
// pool of workers sized to the machine (a study already takes every core; the next waits its
// turn), progress and the end forwarded as events, cancel on request. The window never waits on a
// study, and a study is never left `running` by this service: a pool that cannot start, a report
// the store cannot save and a close mid-study each end the row with the reason.
import type { EventMap, EventName, StudyListItem } from '../../../shared/ipc/channels'
import type { WhatIfBase } from '../../../shared/engine/whatif'
import type { Portfolio } from '../../../shared/model/portfolio'
import type { Scenario } from '../../../shared/model/scenario'
import type { StudyKind, StudyReport } from '../../../shared/model/study'
import type { StudyRepository } from '../store/study-repository'
import { runSolve, runSweep, type SolvePlan, type StudyEnv, type StudyHandle } from './run-study'
import type { SweepRequest } from '../../../shared/engine/whatif'
import { taskCount } from '../../../shared/engine/whatif'
import { StudyCancelledError } from './study-protocol'

/** A study ready to run: what every run shares, and its request (a sweep) or plan (a solve). */
export type StudyJob = { base: WhatIfBase; portfolio: Portfolio; scenario: Scenario; seed: number } & ({ kind: 'montecarlo' | 'grid'; request: SweepRequest } | { kind: 'solve'; plan: SolvePlan })

export interface StudyService {
  start(job: StudyJob, portfolioId: string | null): StudyListItem
  cancel(id: string): boolean
  /** Cancels the study if it is queued or running, and resolves once its row is ended. */
  stop(id: string): Promise<void>
  /** A report this session finished but could not save, so it can still be read and exported. */
  unsaved(id: string): StudyReport | undefined
  idle(): Promise<void>
  busy(): number
  close(): void
}

export interface StudyServiceOptions {
  /** Where the workers come from, how many (default: one per core). */
  env: StudyEnv | null
  owner: string
  isOwnerGone: (owner: string | null) => boolean
  /** Least time between two progress events of one study (ms). */
  progressEveryMs?: number
  log?: (message: string) => void
}

type Emit = <E extends EventName>(event: E, payload: EventMap[E]) => void

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

export function createStudyService(repo: StudyRepository, emit: Emit, opts: StudyServiceOptions): StudyService {
  const queue: Array<StudyJob & { id: string }> = []
  let active: { id: string; handle: StudyHandle<StudyReport>; settled: Promise<void> } | null = null
  const unsaved = new Map<string, StudyReport>()
  let drained: Array<() => void> = []
  let closed = false
  const log = opts.log ?? ((m: string) => console.error(`[studies] ${m}`))
  const every = opts.progressEveryMs ?? 100
  repo.markInterrupted(opts.isOwnerGone)

  const end = (id: string, status: 'failed' | 'cancelled', error: string | null) => {
    if (closed) return
    try {
      repo.end(id, status, error)
    } catch (e) {
      log(`could not record the end of study ${id}: ${message(e)}`)
    }
    emit('study:done', { studyId: id, status, error })
  }

  const finish = (id: string, report: StudyReport) => {
    if (closed) return
    let saved = false
    try {
      saved = repo.finish(id, report)
    } catch (e) {
      unsaved.set(id, report)
      end(id, 'failed', `the report could not be saved (${message(e)}); export it before closing Cascade`)
      return
    }
    if (!saved) {
      unsaved.set(id, report)
      emit('study:done', { studyId: id, status: 'failed', error: 'the study was ended elsewhere before its report was saved' })
      return
    }
    emit('study:done', { studyId: id, status: 'done', error: null })
  }

  const launch = (job: StudyJob & { id: string }) => {
    const { id } = job
    if (!opts.env) {
      end(id, 'failed', 'studies cannot run in this host (no workers)')
      return
    }
    let last = 0
    const onProgress = (p: { done: number; total: number | null; phase: string }) => {
      const now = Date.now()
      if (now - last < every && p.done !== p.total) return
      last = now
      emit('study:progress', { studyId: id, ...p })
    }
    let handle: StudyHandle<StudyReport>
    try {
      handle = job.kind === 'solve' ? runSolve(job.base, job.plan, opts.env, onProgress) : runSweep(job.base, job.request, opts.env, taskCount(job.request), onProgress)
    } catch (e) {
      end(id, 'failed', `the study could not start: ${message(e)}`)
      return
    }
    const settled = handle.result
      .then(
        (report) => finish(id, report),
        (e: unknown) => (e instanceof StudyCancelledError ? end(id, 'cancelled', null) : end(id, 'failed', message(e))),
      )
      .finally(() => {
        active = null
        pump()
      })
    active = { id, handle, settled }
  }

  function pump(): void {
    if (!closed && !active && queue.length) launch(queue.shift() as StudyJob & { id: string })
    if (!active && queue.length === 0) {
      const waiting = drained
      drained = []
      waiting.forEach((resolve) => resolve())
    }
  }

  const kindOf = (job: StudyJob): StudyKind => job.kind
  return {
    start(job, portfolioId) {
      const row = repo.start({ owner: opts.owner, kind: kindOf(job), portfolioId, portfolio: job.portfolio, scenario: job.scenario, seed: job.seed, request: job.kind === 'solve' ? job.plan : job.request })
      queue.push({ ...job, id: row.id })
      pump()
      return row
    },
    cancel(id) {
      const at = queue.findIndex((j) => j.id === id)
      if (at >= 0) {
        queue.splice(at, 1)
        end(id, 'cancelled', null)
        pump()
        return true
      }
      if (active?.id === id) {
        active.handle.cancel()
        return true
      }
      return false
    },
    stop(id) {
      const at = queue.findIndex((j) => j.id === id)
      if (at >= 0) {
        this.cancel(id)
        return Promise.resolve()
      }
      if (active?.id !== id) return Promise.resolve()
      const { settled } = active
      active.handle.cancel()
      return settled
    },
    unsaved: (id) => unsaved.get(id),
    busy: () => (active ? 1 : 0) + queue.length,
    idle() {
      if (!active && queue.length === 0) return Promise.resolve()
      return new Promise((resolve) => drained.push(resolve))
    },
    close() {
      for (const job of queue.splice(0)) end(job.id, 'cancelled', 'Cascade closed before the study started')
      if (active) {
        end(active.id, 'cancelled', 'Cascade closed during the study')
        active.handle.cancel()
      }
      closed = true
      drained.forEach((resolve) => resolve())
      drained = []
    },
  }
}
