// One run of a study, as a worker does it: the set applied and checked, the crowd taken from the
// cache (or generated and kept), the cascade run, the outcome kept and the rest dropped.
import type { FieldIssue } from '../../model/issues'
import { describeIssue } from '../../model/issues'
import type { RunOutcome, WhatIfSet } from '../../model/study'
import { runCascade } from '../cascade'
import type { CrowdCache } from './crowd-cache'
import { outcomeOf } from './outcome'
import { prepareWhatIf, type WhatIfBase } from './prepare'

/** A task whose set the engine refuses (a grid corner past what a scenario allows). */
export class TaskRefusedError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map(describeIssue).join('; '))
    this.name = 'TaskRefusedError'
  }
}

export function runTask(base: WhatIfBase, task: { seed: number; set: WhatIfSet }, cache?: CrowdCache): RunOutcome {
  const ready = prepareWhatIf(base, task.set)
  if (!ready.ok) throw new TaskRefusedError(ready.issues)
  const crowd = cache?.get(ready.input.scenario, task.seed, base.venue)
  // A study reads the user's events and the summary only: no per-step series, and the crowd's
  // events counted, not built (the user's events and the summary are the same either way).
  return outcomeOf(runCascade({ ...ready.input, seed: task.seed, crowd, series: false, events: 'user' }))
}
