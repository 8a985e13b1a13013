// The one verdict on a schema-valid book: its venue looked up in the catalogue (path `venue`), then
// the engine's limits on it (`checkBook`: contracts, leverage brackets, lending protocols and
// assets, loop LTVs). Every door asks this and gives its findings unchanged: `cascade validate`
// and `import`, `portfolio:import` (refuse), `portfolio:save` (stores a draft that carries them),
// `portfolio:get`/`list` (a stored book is a draft while they exist), `portfolio:metrics`,
// `cascade metrics`, `run:start` and `cascade run` (refuse). What a door adds on top is its own:
// metrics needs a price for every asset, a run needs the scenario to price them (docs/FORMATS.md §2.6).
import { checkBook } from '../../../shared/engine/account/book-check'
import type { FieldIssue } from '../../../shared/model/issues'
import type { Portfolio } from '../../../shared/model/portfolio'
import type { VenueProfile } from '../../../shared/model/venue'
import type { VenueCatalog } from './venue-catalog'

export type VenueSource = Pick<VenueCatalog, 'get'>

export type BookVerdict = { ok: true; venue: VenueProfile } | { ok: false; venue: VenueProfile | null; issues: FieldIssue[] }

/** The venue's findings on a book, by its catalogue id. */
export function checkStoredBook(doc: Portfolio, venues: VenueSource): BookVerdict {
  const v = venues.get(doc.venue)
  if (!v.ok) return { ok: false, venue: null, issues: v.issues.map((i) => ({ path: i.path ? `venue.${i.path}` : 'venue', message: i.message })) }
  const issues = checkBook(doc, v.value)
  return issues.length ? { ok: false, venue: v.value, issues } : { ok: true, venue: v.value }
}

/** The findings alone (empty when the engine accepts the book). */
export function bookProblems(doc: Portfolio, venues: VenueSource): FieldIssue[] {
  const r = checkStoredBook(doc, venues)
  return r.ok ? [] : r.issues
}
