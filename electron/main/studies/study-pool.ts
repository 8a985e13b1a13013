// A pool of study workers (threads or utility processes) sized to the machine, for one study: each
// worker is told the shared inputs once and keeps its own crowd cache; tasks go out one at a time
// to whichever worker is free, those sharing a crowd (same affinity) to the same worker when it
// can, so a cached crowd is reused; an idle worker takes work from the longest queue. Outcomes come
// back in the order of the tasks, whatever the number of workers. Closing the pool (cancel) stops
// every worker at once: the engine is synchronous, so terminating it is the only way that never
// waits on it.
import { availableParallelism } from 'node:os'
import type { WhatIfBase } from '../../../shared/engine/whatif'
import type { SweepTask } from '../../../shared/engine/whatif'
import type { RunOutcome } from '../../../shared/model/study'
import { StudyCancelledError, StudyTaskError, type StudyHostMessage, type StudyWorkerMessage } from './study-protocol'

export interface StudyWorkerLike {
  post(m: StudyHostMessage): void
  onMessage(listener: (m: StudyWorkerMessage) => void): void
  onError(listener: (e: Error) => void): void
  onExit(listener: (code: number | null) => void): void
  kill(): void
}

export type SpawnStudyWorker = () => StudyWorkerLike

export interface PoolStats {
  runs: number
  runMs: number
  crowdsGenerated: number
  crowdsReused: number
}

export interface StudyPool {
  readonly size: number
  /** Runs the tasks; outcomes in their order. Rejects on a refused task, a lost worker or close. */
  run(tasks: readonly Pick<SweepTask, 'seed' | 'set' | 'affinity' | 'keep'>[], onDone?: (done: number, total: number) => void): Promise<RunOutcome[]>
  stats(): PoolStats
  /** Stops every worker; a run in flight rejects with StudyCancelledError. */
  close(): void
}

/** One worker per core: runs are CPU-bound and each worker keeps its own crowds. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism())
}

export function openPool(base: WhatIfBase, spawn: SpawnStudyWorker, size: number, opts: { cacheBytes?: number } = {}): StudyPool {
  const stats: PoolStats = { runs: 0, runMs: 0, crowdsGenerated: 0, crowdsReused: 0 }
  let closed = false
  let failure: Error | null = null
  interface Current {
    tasks: readonly Pick<SweepTask, 'seed' | 'set' | 'affinity' | 'keep'>[]
    queues: number[][]
    outcomes: RunOutcome[]
    done: number
    onDone?: (done: number, total: number) => void
    resolve: (o: RunOutcome[]) => void
    reject: (e: Error) => void
  }
  let current: Current | null = null

  const end = (e: Error) => {
    if (!failure) failure = e
    const c = current
    current = null
    stop()
    c?.reject(e)
  }

  const next = (w: number) => {
    const c = current
    if (!c) return
    let i = c.queues[w].shift()
    if (i === undefined) {
      // Steal from the tail of the longest queue: its owner reaches that end last.
      let longest = -1
      for (let q = 0; q < c.queues.length; q++) if (c.queues[q].length > 0 && (longest < 0 || c.queues[q].length > c.queues[longest].length)) longest = q
      if (longest >= 0) i = c.queues[longest].pop()
    }
    if (i === undefined) return
    workers[w].post({ type: 'task', task: i, seed: c.tasks[i].seed, set: c.tasks[i].set, keep: c.tasks[i].keep })
  }

  const onMessage = (w: number, m: StudyWorkerMessage) => {
    const c = current
    if (!c) return
    if (m.type === 'failed') {
      end(new StudyTaskError(m.message, m.issues))
      return
    }
    c.outcomes[m.task] = m.outcome
    stats.runs++
    stats.runMs += m.ms
    if (m.crowd === 'generated') stats.crowdsGenerated++
    else stats.crowdsReused++
    c.done++
    c.onDone?.(c.done, c.tasks.length)
    if (c.done === c.tasks.length) {
      current = null
      c.resolve(c.outcomes)
    } else next(w)
  }

  const workers: StudyWorkerLike[] = []
  for (let w = 0; w < size; w++) {
    const worker = spawn()
    workers.push(worker)
    worker.onMessage((m) => onMessage(w, m))
    worker.onError((e) => end(e))
    worker.onExit((code) => {
      if (!closed) end(new Error(`a study worker exited (code ${code}) before the study finished`))
    })
    worker.post({ type: 'init', base, ...(opts.cacheBytes ? { cacheBytes: opts.cacheBytes } : {}) })
  }

  function stop(): void {
    if (closed) return
    closed = true
    for (const w of workers) w.kill()
  }

  return {
    size,
    run(tasks, onDone) {
      if (failure) return Promise.reject(failure)
      if (closed) return Promise.reject(new StudyCancelledError())
      if (current) return Promise.reject(new Error('the pool is already running tasks'))
      if (tasks.length === 0) return Promise.resolve([])
      return new Promise<RunOutcome[]>((resolve, reject) => {
        const queues = Array.from({ length: size }, () => [] as number[])
        tasks.forEach((t, i) => queues[t.affinity % size].push(i))
        current = { tasks, queues, outcomes: new Array(tasks.length), done: 0, onDone, resolve, reject }
        for (let w = 0; w < size; w++) next(w)
      })
    },
    stats: () => ({ ...stats }),
    close() {
      if (closed) return
      const c = current
      current = null
      stop()
      c?.reject(new StudyCancelledError())
    },
  }
}
