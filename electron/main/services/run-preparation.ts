// Turns a book and a scenario into a self-contained run job, or says why it cannot run: the book's
// verdict every door gives (`checkStoredBook`: its venue, the engine's limits), the lending protocol
// of its DeFi positions and loops, the seed, the scenario for the book's venue (a date resolved to
// its preset or its market; another venue's preset refused: scenario-resolution.ts), then the
// engine's own checks of the pair (every asset priced by the scenario). The IPC handler and
// `cascade run` both come through here.
import { validateCascadeInput } from '../../../shared/engine/cascade'
import { applySet, nameAddedRows, type AxisSet } from '../../../shared/engine/whatif'
import type { FieldIssue } from '../../../shared/model/issues'
import type { Portfolio } from '../../../shared/model/portfolio'
import type { Scenario } from '../../../shared/model/scenario'
import type { VenueProfile } from '../../../shared/model/venue'
import type { RunJob } from '../runs/run-protocol'
import { checkStoredBook, type VenueSource } from './book-check'
import { resolveScenario, type PresetSource } from './scenario-resolution'

export type { VenueSource } from './book-check'

/** The lending protocol a book uses: its DeFi positions name one; loops default to Aave v3. */
export const DEFAULT_LENDING = 'aave-v3'

export type Prepared =
  | { ok: true; value: Omit<RunJob, 'runId'> }
  /**
   * `resolve`: the book itself is refused (its venue, the engine's limits), whatever the scenario;
   * `scenario`: the scenario does not fit the book's venue (another venue's preset); `set`: a
   * what-if axis does not apply to the pair; `cascade`: the engine refuses the pair.
   */
  | { ok: false; stage: 'resolve' | 'scenario' | 'set' | 'cascade'; issues: FieldIssue[] }

/** How the run is set up beyond the book and the scenario. */
export interface RunOptions {
  seed?: number
  pricing?: 'book' | 'historical'
  collateralPricing?: 'market' | 'conversion'
  /** The crowd's size (`--crowd N`): its perpetual traders, applied to the scenario the book resolves to. */
  crowd?: number
  /** What-if axes applied to the book and the scenario (docs/DECISIONS.md §1), recorded in the summary. */
  set?: AxisSet
}

const NO_PRESETS: PresetSource = { presets: () => [] }

/** The venue and lending profiles of a book, by catalogue id, once the book passes its venue's checks. */
export function resolveJob(portfolio: Portfolio, asked: Scenario, opts: RunOptions, venues: VenueSource, presets: PresetSource = NO_PRESETS): Prepared {
  const verdict = checkStoredBook(portfolio, venues)
  if (!verdict.ok) return { ok: false, stage: 'resolve', issues: verdict.issues }
  const chosen = resolveScenario(asked, verdict.venue, presets)
  if (!chosen.ok) return { ok: false, stage: 'scenario', issues: chosen.issues }
  const scenario = opts.crowd === undefined ? chosen.doc : { ...chosen.doc, crowd: { ...chosen.doc.crowd, accounts: opts.crowd } }
  let lending: VenueProfile | undefined
  if (portfolio.defi.length || portfolio.loops.length) {
    // The check found every protocol among the venue's (the catalogue attaches its lending
    // profiles); one that is the exchange profile's own has no profile of its own to add.
    const r = venues.get(portfolio.defi[0]?.protocol ?? DEFAULT_LENDING)
    if (r.ok && r.value.kind === 'lending') lending = r.value
  }
  return {
    ok: true,
    value: {
      portfolio,
      venue: verdict.venue,
      lending,
      scenario,
      seed: opts.seed ?? scenario.crowd.seed,
      basis: chosen.basis,
      ...(opts.pricing ? { pricing: opts.pricing } : {}),
      ...(opts.collateralPricing ? { collateralPricing: opts.collateralPricing } : {}),
    },
  }
}

/** `resolveJob`, the what-if set applied, then the engine's checks (every asset priced, every symbol known, …). */
export function prepareRun(portfolio: Portfolio, scenario: Scenario, opts: RunOptions, venues: VenueSource, presets: PresetSource = NO_PRESETS): Prepared {
  const job = resolveJob(portfolio, scenario, opts, venues, presets)
  if (!job.ok) return job
  let value = job.value
  let added: Record<number, string> = {}
  if (opts.set && Object.keys(opts.set).length) {
    const applied = applySet(value.portfolio, value.scenario, opts.set)
    if (!applied.ok) return { ok: false, stage: 'set', issues: applied.issues }
    value = { ...value, portfolio: applied.portfolio, scenario: applied.scenario, set: applied.set }
    added = applied.addedWallet
  }
  const problems = validateCascadeInput(value)
  return problems.length ? { ok: false, stage: 'cascade', issues: nameAddedRows(problems, added) } : { ok: true, value }
}
