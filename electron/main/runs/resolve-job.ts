// Turns a book and a scenario into a self-contained run job: the venue profile named by the
// book, the lending protocol of its DeFi positions and loops, and the seed.
import type { FieldIssue } from '../../../shared/model/issues'
import type { Portfolio } from '../../../shared/model/portfolio'
import type { Scenario } from '../../../shared/model/scenario'
import type { VenueProfile } from '../../../shared/model/venue'
import type { RunJob } from './run-protocol'

export interface VenueSource {
  /** A profile by catalogue id; never a path. */
  get(id: string): { ok: true; value: VenueProfile } | { ok: false; issues: FieldIssue[] }
}

/** The lending protocol a book uses: its DeFi positions name one; loops default to Aave v3. */
export const DEFAULT_LENDING = 'aave-v3'

export function resolveJob(
  portfolio: Portfolio,
  scenario: Scenario,
  seed: number | undefined,
  venues: VenueSource,
): { ok: true; value: Omit<RunJob, 'runId'> } | { ok: false; issues: FieldIssue[] } {
  const venue = venues.get(portfolio.venue)
  if (!venue.ok) return { ok: false, issues: venue.issues.map((i) => ({ path: i.path ? `venue.${i.path}` : 'venue', message: i.message })) }
  let lending: VenueProfile | undefined
  if (portfolio.defi.length || portfolio.loops.length) {
    const protocol = portfolio.defi[0]?.protocol ?? DEFAULT_LENDING
    const r = venues.get(protocol)
    if (!r.ok) return { ok: false, issues: [{ path: portfolio.defi.length ? 'defi[0].protocol' : 'loops', message: r.issues[0]?.message ?? `unknown protocol "${protocol}"` }] }
    lending = r.value
  }
  return { ok: true, value: { portfolio, venue: venue.value, lending, scenario, seed: seed ?? scenario.crowd.seed } }
}
