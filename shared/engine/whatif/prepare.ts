// A book, a scenario and a what-if set made ready to run: the set applied (apply.ts), the pair
// checked as every door checks it (`validateCascadeInput`), and the scenario resolved as the run
// will resolve it (re-based on the book's marks, the book's class assets added:
// cascade/start-prices.ts). Handing the run the resolved scenario changes nothing in the run (the
// resolution finds nothing left to do and keeps the object), and lets a crowd generated for it be
// reused: the run reuses a crowd only for the scenario it was given.
import type { FieldIssue } from '../../model/issues'
import type { Portfolio } from '../../model/portfolio'
import type { Scenario } from '../../model/scenario'
import type { VenueProfile } from '../../model/venue'
import { validatePortfolio } from '../../schemas/portfolio'
import { validateCascadeInput } from '../cascade'
import { scenarioForRun, type RunPricing } from '../cascade/start-prices'
import { pegsOf } from '../cascade/validate'
import { applySet, nameAddedRows } from './apply'
import type { AxisSet } from './axes'

/** What every run of a study shares: the book, its venue, the scenario and how prices start. */
export interface WhatIfBase {
  portfolio: Portfolio
  venue: VenueProfile
  lending?: VenueProfile
  scenario: Scenario
  pricing?: RunPricing
}

export interface ReadyInput extends WhatIfBase {
  /** The scenario as the run resolves it. */
  scenario: Scenario
}

export type Ready =
  | { ok: true; input: ReadyInput; set: AxisSet }
  /** `set`: an axis does not apply to this pair; `cascade`: the engine refuses the changed pair. */
  | { ok: false; stage: 'set' | 'cascade'; issues: FieldIssue[] }

export function prepareWhatIf(base: WhatIfBase, set: AxisSet): Ready {
  const applied = applySet(base.portfolio, base.scenario, set)
  if (!applied.ok) return { ok: false, stage: 'set', issues: applied.issues }
  const input: ReadyInput = { ...base, portfolio: applied.portfolio, scenario: applied.scenario }
  const problems = validateCascadeInput(input)
  if (problems.length) return { ok: false, stage: 'cascade', issues: nameAddedRows(problems, applied.addedWallet) }
  const portfolio = validatePortfolio(applied.portfolio)
  if (!portfolio.ok) return { ok: false, stage: 'cascade', issues: portfolio.issues }
  const exchange = base.venue.kind === 'exchange' ? base.venue : null
  const terms = { pegs: pegsOf(base.venue, base.lending), contracts: exchange?.contracts ?? {}, assetClasses: exchange?.assetClasses ?? {} }
  const resolved = scenarioForRun(applied.scenario, portfolio.value, terms, base.pricing)
  if (!resolved.ok) return { ok: false, stage: 'cascade', issues: resolved.issues }
  return { ok: true, input: { ...input, scenario: resolved.scenario }, set: applied.set }
}
