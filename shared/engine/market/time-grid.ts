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

const DAY_MS = 86_400_000
/** `YYYY-MM-DDT` of the last few days asked for (a run spans a few). */
const dayPrefixes = new Map<number, string>()
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => (i < 10 ? `0${i}` : String(i)))

/**
 * ISO time of a run time, for events and series: `new Date(ms).toISOString()` without `.000` (a
 * run prints one per series sample). Whole seconds within years 0-9999 are written from the day's
 * prefix (made by `toISOString` once per day) and the clock's two-digit fields: the same text.
 */
export function isoAt(grid: TimeGrid, seconds: number): string {
  const ms = grid.startMs + Math.round(seconds * 1000)
  if (ms % 1000 === 0 && ms >= -62_167_219_200_000 && ms < 253_402_300_800_000) {
    const day = Math.floor(ms / DAY_MS)
    let prefix = dayPrefixes.get(day)
    if (prefix === undefined) {
      if (dayPrefixes.size >= 64) dayPrefixes.clear()
      prefix = new Date(day * DAY_MS).toISOString().slice(0, 11)
      dayPrefixes.set(day, prefix)
    }
    const s = (ms - day * DAY_MS) / 1000
    const h = Math.floor(s / 3600)
    const m = Math.floor((s - h * 3600) / 60)
    return `${prefix}${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[s - h * 3600 - m * 60]}Z`
  }
  return new Date(ms).toISOString().replace('.000Z', 'Z')
}
