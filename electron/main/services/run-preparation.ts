// Turns a book and a scenario into a self-contained run job, or says why it cannot run: the venue
// profile the book names, the lending protocol of its DeFi positions and loops, the seed, then the
// engine's own checks of the pair. The IPC handler and `cascade run` both come through here.
import { validateCascadeInput } from '../../../shared/engine/cascade'
import type { FieldIssue } from '../../../shared/model/issues'
import type { Portfolio } from '../../../shared/model/portfolio'
import type { Scenario } from '../../../shared/model/scenario'
import type { VenueProfile } from '../../../shared/model/venue'
import type { RunJob } from '../runs/run-protocol'
import type { VenueCatalog } from './venue-catalog'

export type VenueSource = Pick<VenueCatalog, 'get'>

/** The lending protocol a book uses: its DeFi positions name one; loops default to Aave v3. */
export const DEFAULT_LENDING = 'aave-v3'

export type Prepared =
  | { ok: true; value: Omit<RunJob, 'runId'> }
  /** `resolve`: the book names a venue or protocol that is not in the catalogue; `cascade`: the engine refuses the pair. */
  | { ok: false; stage: 'resolve' | 'cascade'; issues: FieldIssue[] }

/** The venue and lending profiles of a book, by catalogue id. */
/** How the run is set up beyond the book and the scenario. */
export interface RunOptions {
  seed?: number
  pricing?: 'book' | 'historical'
}

export function resolveJob(portfolio: Portfolio, scenario: Scenario, opts: RunOptions, venues: VenueSource): Prepared {
  const venue = venues.get(portfolio.venue)
  if (!venue.ok) return { ok: false, stage: 'resolve', issues: venue.issues.map((i) => ({ path: i.path ? `venue.${i.path}` : 'venue', message: i.message })) }
  let lending: VenueProfile | undefined
  if (portfolio.defi.length || portfolio.loops.length) {
    const protocol = portfolio.defi[0]?.protocol ?? DEFAULT_LENDING
    const r = venues.get(protocol)
    if (!r.ok) return { ok: false, stage: 'resolve', issues: [{ path: portfolio.defi.length ? 'defi[0].protocol' : 'loops', message: r.issues[0]?.message ?? `unknown protocol "${protocol}"` }] }
    lending = r.value
  }
  return { ok: true, value: { portfolio, venue: venue.value, lending, scenario, seed: opts.seed ?? scenario.crowd.seed, ...(opts.pricing ? { pricing: opts.pricing } : {}) } }
}

/** `resolveJob`, then the engine's checks (every asset priced, every symbol known, …). */
export function prepareRun(portfolio: Portfolio, scenario: Scenario, opts: RunOptions, venues: VenueSource): Prepared {
  const job = resolveJob(portfolio, scenario, opts, venues)
  if (!job.ok) return job
  const problems = validateCascadeInput(job.value)
  return problems.length ? { ok: false, stage: 'cascade', issues: problems } : job
}
