// Messages between a study's pool and its workers (threads in the CLI, utility processes in the
// app). A worker is told once what every run shares (`init`), then gets small tasks: a crowd seed
// and a what-if set. It keeps its crowds between tasks (shared/engine/whatif/crowd-cache.ts).
import type { FieldIssue } from '../../../shared/model/issues'
import type { RunOutcome, WhatIfSet } from '../../../shared/model/study'
import type { WhatIfBase } from '../../../shared/engine/whatif'

export type StudyHostMessage =
  | { type: 'init'; base: WhatIfBase; cacheBytes?: number }
  /** `keep`: keep the crowd for later tasks (a grid's, a solve's), or let it go (a Monte Carlo draw's). */
  | { type: 'task'; task: number; seed: number; set: WhatIfSet; keep: boolean }

export type StudyWorkerMessage =
  | { type: 'done'; task: number; outcome: RunOutcome; ms: number; crowd: 'generated' | 'reused' }
  | { type: 'failed'; task: number; message: string; issues?: FieldIssue[] }

export class StudyCancelledError extends Error {
  constructor() {
    super('cancelled')
    this.name = 'StudyCancelledError'
  }
}

/** A task the engine refused (its set past what the scenario allows), with the findings. */
export class StudyTaskError extends Error {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message)
    this.name = 'StudyTaskError'
  }
}
