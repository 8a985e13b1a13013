// What a study keeps of one run: survived or not, final equity, when the first liquidation came,
// which of the user's positions ADL or liquidation closed, and the binding constraint (the event
// that ended survival). Everything else of the run (events, series) stays in the worker.
import type { Portfolio } from '../../model/portfolio'
import { USER_ACCOUNT, type CascadeEvent, type EventKind, type RunResult } from '../../model/run'
import type { Binding, RunOutcome } from '../../model/study'

/** The kinds of the user's events that end survival (summary.survived: neither liquidated nor bankrupt). */
export const FAILURE_KINDS: ReadonlySet<EventKind> = new Set(['liquidation', 'defi-liquidation', 'loop-unwind', 'bankrupt'])

/** Every id a study reports a probability for: perpetual positions, DeFi positions, loops. */
export function positionIds(portfolio: Portfolio): string[] {
  return [...portfolio.positions.map((p) => p.id), ...portfolio.defi.map((d) => d.id), ...portfolio.loops.map((l) => l.id)]
}

export function bindingOf(e: CascadeEvent): Binding {
  return { position: e.position ?? null, asset: e.asset ?? null, t: e.t, eventId: e.id, kind: e.kind, note: e.note ?? null }
}

export function outcomeOf(result: RunResult): RunOutcome {
  const s = result.summary
  const adl = new Set<string>()
  const liquidated = new Set<string>()
  let binding: Binding | null = null
  for (const e of result.events) {
    if (e.account !== USER_ACCOUNT) continue
    if (e.kind === 'adl' && e.position) adl.add(e.position)
    if (FAILURE_KINDS.has(e.kind)) {
      if (e.position && e.kind !== 'bankrupt') liquidated.add(e.position)
      binding ??= bindingOf(e)
    }
  }
  return {
    survived: s.survived,
    finalEquity: s.finalEquity,
    firstLiquidation: s.firstLiquidation,
    adl: [...adl].sort(),
    liquidated: [...liquidated].sort(),
    binding: s.survived ? null : binding,
  }
}
