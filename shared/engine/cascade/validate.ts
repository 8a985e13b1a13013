// Checks a run's input before it starts (`validateCascadeInput`) and builds the user's exact book
// for it: the portfolio through its validator, the profiles' kinds, the seed, the venue's limits
// (`checkBook`, the same findings every other door gives), the scenario the run uses (re-based on
// the book's marks unless `pricing` is `historical`, with the book's class assets added:
// start-prices.ts), every asset the book holds priced by it (directly or through a profile's peg),
// and the book through the exact engine's `buildBook` at its start prices. Every finding names the
// field to fix.
import type { FieldIssue } from '../../model/issues'
import type { Portfolio } from '../../model/portfolio'
import type { Scenario } from '../../model/scenario'
import { USD, type Peg, type VenueProfile } from '../../model/venue'
import { validatePortfolio } from '../../schemas/portfolio'
import { buildBook, type Book } from '../account/account-book'
import { checkBook } from '../account/book-check'
import { dec, text } from '../../decimal'
import { assetUniverse, timeGridOf } from '../market'
import { priced, RUN_PRICINGS, scenarioForRun, type RunPricing } from './start-prices'

/** The fields of CascadeInput this needs (index.ts re-exports the full type). */
export interface InputLike {
  portfolio: Portfolio
  venue: VenueProfile
  lending?: VenueProfile
  scenario: Scenario
  seed?: number
  pricing?: RunPricing
  collateralPricing?: CollateralPricingChoice
}

export const COLLATERAL_PRICING_CHOICES = ['market', 'conversion'] as const
/**
 * `market`: collateral priced as the scenario prices it (on 2025-10-10, Binance's own book);
 * `conversion`: the venue profile's conversion-rate index (`conversionPricing`, Binance since
 * 2025-10-14) replaces it for the assets the rule names (docs/MODEL.md §3).
 */
export type CollateralPricingChoice = (typeof COLLATERAL_PRICING_CHOICES)[number]

/** The scenario with the venue's conversion-rate index for every asset the rule names that the scenario has. */
export function withConversionPricing(scenario: Scenario, venue: VenueProfile): Scenario | null {
  if (venue.kind !== 'exchange' || !venue.conversionPricing) return null
  const known = new Set(Object.keys(scenario.pegs))
  const collateralIndex = { ...scenario.collateralIndex }
  for (const [asset, rule] of Object.entries(venue.conversionPricing.assets)) if (known.has(asset)) collateralIndex[asset] = rule
  return { ...scenario, collateralIndex }
}

/** The exchange profile with the lending profile's protocol and pegs attached (as the catalog does). */
export function venueWithLending(venue: VenueProfile, lending: VenueProfile | undefined): VenueProfile {
  if (venue.kind !== 'exchange' || !lending || lending.kind !== 'lending') return venue
  return { ...venue, defi: { ...venue.defi, [lending.id]: lending.lending }, pegs: { ...lending.pegs, ...venue.pegs } }
}

/** Every peg a run may follow: the lending profile's, then the exchange's (which win). */
export function pegsOf(venue: VenueProfile, lending: VenueProfile | undefined): Record<string, Peg> {
  return { ...(lending?.pegs ?? {}), ...venue.pegs }
}

/** Start prices of every scenario asset as exact decimal strings (a peg is its target x ratio). */
export function scenarioStartPrices(scenario: Scenario): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of assetUniverse(scenario)) {
    const peg = scenario.pegs[name]
    if (!peg) out[name] = scenario.prices[name]
    else out[name] = text(dec(peg.to === USD ? '1' : out[peg.to] ?? scenario.prices[peg.to]).mul(dec(peg.ratio)))
  }
  return out
}


/** The book built at the run's start, its pegs, and the scenario the run uses (re-based or historical). */
export type PreparedBook = { ok: true; book: Book; pegs: Record<string, Peg>; scenario: Scenario } | { ok: false; issues: FieldIssue[] }

export function prepareBook(input: InputLike): PreparedBook {
  const issues: FieldIssue[] = []
  const valid = validatePortfolio(input.portfolio)
  if (!valid.ok) return valid
  const doc = valid.value
  const { venue, lending } = input
  if (venue?.kind !== 'exchange' && venue?.kind !== 'lending') issues.push({ path: 'venue', message: 'must be a venue profile (cascade.venue/1)' })
  if (lending !== undefined && lending.kind !== 'lending') issues.push({ path: 'lending', message: `must be a lending profile such as aave-v3, got the ${lending.kind} profile "${lending.id}"` })
  if (input.seed !== undefined && !(Number.isInteger(input.seed) && input.seed >= 0 && input.seed <= 0xffffffff)) {
    issues.push({ path: 'seed', message: `must be a whole number from 0 to 4294967295, got ${String(input.seed)}` })
  }
  if (input.pricing !== undefined && !(RUN_PRICINGS as readonly string[]).includes(input.pricing)) {
    issues.push({ path: 'pricing', message: `must be one of ${RUN_PRICINGS.map((p) => JSON.stringify(p)).join(', ')}` })
  }
  if (input.collateralPricing !== undefined && !(COLLATERAL_PRICING_CHOICES as readonly string[]).includes(input.collateralPricing)) {
    issues.push({ path: 'collateralPricing', message: `must be one of ${COLLATERAL_PRICING_CHOICES.map((p) => JSON.stringify(p)).join(', ')}` })
  } else if (input.collateralPricing === 'conversion' && (venue?.kind !== 'exchange' || !venue.conversionPricing)) {
    issues.push({ path: 'collateralPricing', message: `"conversion" needs a venue with a conversion-rate collateral index (conversionPricing); ${venue?.id ?? 'this venue'} has none` })
  }
  let known = new Set<string>()
  try {
    timeGridOf(input.scenario)
    known = new Set(assetUniverse(input.scenario))
  } catch {
    issues.push({ path: 'scenario', message: 'must be a validated cascade.scenario/1 document (start, end and step)' })
  }
  if (!issues.length && input.scenario.venue !== undefined && venue.id !== input.scenario.venue) {
    issues.push({ path: 'scenario', message: `${input.scenario.id} is calibrated for ${input.scenario.venue} (its crowd, depth and targets are that venue's); this book trades on ${venue.id}` })
  }
  if (issues.length) return { ok: false, issues }
  // The book's own limits before the scenario's prices: an unknown loop asset is named as unknown
  // to the protocol (as metrics and validate name it), not as unpriced by the scenario.
  const limits = checkBook(doc, venueWithLending(venue, lending))
  if (limits.length) return { ok: false, issues: limits }
  const pegs = pegsOf(venue, lending)
  const exchange = venue.kind === 'exchange' ? venue : null
  const forRun = scenarioForRun(input.scenario, doc, { pegs, contracts: exchange?.contracts ?? {}, assetClasses: exchange?.assetClasses ?? {} }, input.pricing)
  if (!forRun.ok) return forRun
  const scenario = input.collateralPricing === 'conversion' ? (withConversionPricing(forRun.scenario, venue) ?? forRun.scenario) : forRun.scenario
  known = new Set(assetUniverse(scenario))
  const list = [...known].sort().join(', ')
  const unpriced = (asset: string) => `${asset} is not priced by scenario ${scenario.id} (it prices ${list}) and no profile pegs it to one of those or to USD`
  const contracts = venue.kind === 'exchange' ? venue.contracts : {}
  doc.positions.forEach((p, i) => {
    const c = contracts[p.symbol]
    if (!c) return // buildBook names the unknown contract
    if (!known.has(c.base)) issues.push({ path: `positions[${i}].symbol`, message: `base asset ${c.base} of ${p.symbol}: ${unpriced(c.base)}; a position's base needs the scenario's book` })
    else if (!priced(c.quote, known, pegs)) issues.push({ path: `positions[${i}].symbol`, message: `quote asset ${c.quote} of ${p.symbol}: ${unpriced(c.quote)}` })
  })
  doc.wallet.forEach((w, i) => {
    if (!priced(w.asset, known, pegs)) issues.push({ path: `wallet[${i}].asset`, message: unpriced(w.asset) })
  })
  doc.loans.forEach((w, i) => {
    if (!priced(w.asset, known, pegs)) issues.push({ path: `loans[${i}].asset`, message: unpriced(w.asset) })
  })
  doc.defi.forEach((d, i) => {
    for (const key of ['supplies', 'borrows'] as const) {
      d[key].forEach((x, j) => {
        if (!priced(x.asset, known, pegs)) issues.push({ path: `defi[${i}].${key}[${j}].asset`, message: unpriced(x.asset) })
      })
    }
  })
  doc.loops.forEach((l, i) => {
    if (!priced(l.asset, known, pegs)) issues.push({ path: `loops[${i}].asset`, message: unpriced(l.asset) })
    if (!priced(l.borrow, known, pegs)) issues.push({ path: `loops[${i}].borrow`, message: unpriced(l.borrow) })
  })
  if ((doc.defi.length || doc.loops.length) && venue.kind === 'exchange' && !lending && Object.keys(venue.defi).length === 0) {
    issues.push({ path: doc.defi.length ? 'defi[0].protocol' : 'loops[0]', message: 'the run needs a lending profile (such as aave-v3) for DeFi positions and loops' })
  }
  if (issues.length) return { ok: false, issues }
  const built = buildBook(doc, venueWithLending(venue, lending), scenarioStartPrices(scenario))
  if (!built.ok) return built
  return { ok: true, book: built.value, pegs, scenario }
}
