// The run's clock: a scenario window cut into equal steps. Engine time is float64 seconds since
// `start`, so the market and the crowd never touch Date or strings inside the loop.
import { durationMs, isoTimeMs, type Scenario } from '../../model/scenario'

export interface TimeGrid {
  startMs: number
  endMs: number
  stepSeconds: number
  /** Number of steps; times run over 0, step, ..., steps x step = duration. */
  steps: number
  durationSeconds: number
}

function mustParse(value: number | null, what: string): number {
  if (value === null) throw new RangeError(`${what} is not valid: validate the scenario first`)
  return value
}

export function timeGridOf(scenario: Pick<Scenario, 'start' | 'end' | 'step'>): TimeGrid {
  const startMs = mustParse(isoTimeMs(scenario.start), 'start')
  const endMs = mustParse(isoTimeMs(scenario.end), 'end')
  const stepMs = mustParse(durationMs(scenario.step), 'step')
  return {
    startMs,
    endMs,
    stepSeconds: stepMs / 1000,
    steps: Math.floor((endMs - startMs) / stepMs),
    durationSeconds: (endMs - startMs) / 1000,
  }
}

/** Seconds since the grid's start of an ISO time (validated scenarios only). */
export function secondsAt(grid: TimeGrid, iso: string): number {
  return (mustParse(isoTimeMs(iso), iso) - grid.startMs) / 1000
}

/** ISO time of a run time, for events and series. */
export function isoAt(grid: TimeGrid, seconds: number): string {
  return new Date(grid.startMs + Math.round(seconds * 1000)).toISOString().replace('.000Z', 'Z')
}
