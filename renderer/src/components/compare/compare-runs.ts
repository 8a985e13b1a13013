// The compared runs as the Compare screen's parts read them: each run's label and colour, and the
// comparison itself (shared/compare) of the runs' stored results.
import type { RunView } from '../../../../shared/ipc/channels'
import { compareRuns, type CompareRun, type RunComparison } from '../../../../shared/compare/run-compare'

export interface ComparedRun {
  id: string
  index: number
  book: string
  /** The scenario's name in the app's language. */
  scenario: string
  /** What names the run at a glance: its book when the runs' books differ, else its scenario. */
  heading: string
  scenarioId: string
  seed: number
  color: string
}

export function toCompareRun(v: RunView): CompareRun {
  if (!v.summary) throw new Error(`run ${v.id} has no result`)
  return { id: v.id, start: v.scenario.start, summary: v.summary, events: v.pathEvents, positions: v.portfolio.positions.map((p) => ({ id: p.id, symbol: p.symbol, side: p.side })) }
}

export function comparisonOf(views: readonly RunView[]): RunComparison {
  return compareRuns(views.map(toCompareRun))
}
