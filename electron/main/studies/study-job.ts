// The body of every study worker, thread or process: keeps the shared inputs and a crowd cache,
// runs each task to its outcome.
import { CrowdCache, runTask, TaskRefusedError, type WhatIfBase } from '../../../shared/engine/whatif'
import type { StudyHostMessage, StudyWorkerMessage } from './study-protocol'

export function studyWorker(post: (m: StudyWorkerMessage) => void): (m: StudyHostMessage) => void {
  let base: WhatIfBase | null = null
  let cache = new CrowdCache()
  return (m) => {
    if (m.type === 'init') {
      base = m.base
      cache = new CrowdCache(m.cacheBytes)
      return
    }
    if (!base) {
      post({ type: 'failed', task: m.task, message: 'the worker got a task before its inputs' })
      return
    }
    const t0 = performance.now()
    const misses = cache.misses
    try {
      const outcome = runTask(base, { seed: m.seed, set: m.set }, m.keep ? cache : undefined)
      post({ type: 'done', task: m.task, outcome, ms: performance.now() - t0, crowd: m.keep && cache.misses === misses ? 'reused' : 'generated' })
    } catch (e) {
      post({ type: 'failed', task: m.task, message: e instanceof Error ? e.message : String(e), ...(e instanceof TaskRefusedError ? { issues: e.issues } : {}) })
    }
  }
}
