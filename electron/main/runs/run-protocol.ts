// Messages between a run host and the process or thread that runs the cascade off the window's thread.
import type { Portfolio } from '../../../shared/model/portfolio'
import type { RunResult } from '../../../shared/model/run'
import type { Scenario } from '../../../shared/model/scenario'
import type { VenueProfile } from '../../../shared/model/venue'
import type { ScenarioBasis } from '../../../shared/model/run'

/** Everything a run needs, resolved to plain data so the worker reads no files. */
export interface RunJob {
  runId: string
  portfolio: Portfolio
  venue: VenueProfile
  lending?: VenueProfile
  scenario: Scenario
  seed: number
  /** Start at the book's marks (default) or re-price the book at the scenario's historical prices. */
  pricing?: 'book' | 'historical'
  /** The what-if set already applied to `portfolio` and `scenario`, recorded in the summary. */
  set?: Record<string, string>
  /** Collateral as the scenario prices it (default) or by the venue's conversion-rate index. */
  collateralPricing?: 'market' | 'conversion'
  /** How the scenario was chosen for the book's venue: calibrated or not, and why. */
  basis?: ScenarioBasis
}

export type HostMessage = { type: 'start'; job: RunJob }

export type WorkerMessage =
  | { type: 'progress'; runId: string; step: number; steps: number; t: string }
  | { type: 'done'; runId: string; result: RunResult }
  | { type: 'failed'; runId: string; message: string }

export class RunCancelledError extends Error {
  constructor() {
    super('cancelled')
    this.name = 'RunCancelledError'
  }
}

/** A run in flight: its result, and a cancel that stops the worker at once. */
export interface RunHandle {
  result: Promise<RunResult>
  cancel(): void
}

/** Starts a job somewhere off the caller's thread; progress arrives while it works. */
export type Runner = (job: RunJob, onProgress: (p: { step: number; steps: number; t: string }) => void) => RunHandle
