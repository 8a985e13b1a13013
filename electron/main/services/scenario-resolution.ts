// Which scenario a book runs under (docs/FORMATS.md §4.5): one crash per venue. A preset names the
// venue it is calibrated for; running it on another venue is refused with the reason and the
// choices that fit. A date (`2025-10-10`, the id of that date's market file) picks the date's preset
// for the book's venue, or, where the venue has none, the date's market moves with the crowd, its
// cohorts and its depth scaled to the venue's share (`venueShares`) and the venue's own insurance
// fund: a run that says it is not calibrated there. A what-if that names no venue runs as it is.
import type { FieldIssue } from '../../../shared/model/issues'
import { unCalibratedName, type CrowdContract, type Scenario, type ScenarioCrowd } from '../../../shared/model/scenario'
import type { ExchangeProfile, VenueProfile } from '../../../shared/model/venue'
import type { ScenarioBasis } from '../../../shared/model/run'
import { dec, text } from '../../../shared/decimal'

/** The crash date of a scenario: the UTC day its window starts. */
export const dateOf = (doc: Pick<Scenario, 'start'>): string => doc.start.slice(0, 10)

/** A date's market file: the moves of one day, with the shares a venue without a preset gets. */
export const isDateMarket = (doc: Scenario): boolean => doc.venue === undefined && doc.venueShares !== undefined

export type ScenarioResolution = { ok: true; doc: Scenario; basis: ScenarioBasis } | { ok: false; issues: FieldIssue[] }

/** What the resolution reads of the catalogue: the shipped presets. */
export interface PresetSource {
  presets(): Scenario[]
}

/**
 * The scenario a book on `venue` runs under when it asks for `doc` (a preset, a date's market or a
 * what-if). `profile` is the book's venue profile (its symbols and fund for a date's market).
 */
export function resolveScenario(doc: Scenario, venue: VenueProfile, source: PresetSource): ScenarioResolution {
  const presets = source.presets()
  if (doc.venue !== undefined) {
    if (doc.venue === venue.id) {
      return { ok: true, doc, basis: { calibrated: doc.calibration.length > 0, note: `${doc.id} is calibrated for ${venue.id}: ${doc.calibration.length} published outputs with their tolerances (resources/scenarios/README.md)` } }
    }
    return { ok: false, issues: [{ path: 'scenario', message: refusal(doc, venue.id, presets) }] }
  }
  // Only a shipped date's market is an alias: a what-if saved from one runs as it is.
  if (!isDateMarket(doc) || !presets.some((p) => p.id === doc.id)) {
    return { ok: true, doc, basis: { calibrated: false, note: `${doc.id} names no venue: a what-if, not a preset calibrated on ${venue.id}` } }
  }
  const date = dateOf(doc)
  const own = presets.find((p) => p.venue === venue.id && dateOf(p) === date)
  if (own) {
    return { ok: true, doc: own, basis: { requested: doc.id, calibrated: own.calibration.length > 0, note: `${date} on ${venue.id} is the preset ${own.id}, calibrated for ${venue.id} (resources/scenarios/README.md)` } }
  }
  const shares = doc.venueShares ?? {}
  const share = shares[venue.id] ?? shares.default
  if (!share) return { ok: false, issues: [{ path: 'scenario', message: `${doc.id} gives no share for ${venue.id} and no default in venueShares` }] }
  // The date's venue presets (the date's market itself names no venue).
  const others = presets.filter((p) => Boolean(p.venue) && dateOf(p) === date).map((p) => `${p.id} (${p.venue})`)
  const note =
    `not calibrated on ${venue.id}: no ${date} preset for ${venue.id}${others.length ? ` (presets: ${others.join(', ')})` : ''}; ` +
    `the date's market moves with a crowd, cohorts and depth sized to ${venue.id} at ${pct(share.share)} of the date's market` +
    `${shares[venue.id] ? '' : ' (the default share: no figure for this venue)'} and ${venue.id}'s own insurance fund`
  return { ok: true, doc: marketForVenue(doc, venue, share.share), basis: { requested: doc.id, calibrated: false, note } }
}

function pct(share: string): string {
  return `${text(dec(share).mul(100))}%`
}

function refusal(doc: Scenario, bookVenue: string, presets: Scenario[]): string {
  const date = dateOf(doc)
  const mine = presets.filter((p) => p.venue === bookVenue).map((p) => p.id)
  const sameDate = mine.find((id) => presets.find((p) => p.id === id && dateOf(p) === date))
  const choice = sameDate ? `use ${sameDate} or the date ${date}` : `use the date ${date} (its market on ${bookVenue}, not calibrated there)`
  return (
    `${doc.id} is calibrated for ${doc.venue}: its crowd, depth and published targets are ${doc.venue}'s, and this book trades on ${bookVenue}. ` +
    `For this book ${choice}${mine.length ? `; ${bookVenue}'s presets: ${mine.join(', ')}` : ''}`
  )
}

const scale = (value: string, share: string): string => text(dec(value).mul(dec(share)))

/** The venue's contract for a base asset, preferring a USDT quote, then USDC, then any. */
function venueSymbol(profile: ExchangeProfile, base: string): string | null {
  const matches = Object.entries(profile.contracts).filter(([, c]) => c.base === base)
  const pick = matches.find(([, c]) => c.quote === 'USDT') ?? matches.find(([, c]) => c.quote === 'USDC') ?? matches[0]
  return pick ? pick[0] : null
}

/**
 * The date's market on a venue without a preset: open interest, cohorts and the depth of the
 * priced assets' books times `share` (the venue's books and crowd are its share of the market; the
 * pegged assets keep their venue-local books), the crowd's contracts renamed to the venue's symbols
 * (so its brackets apply), the venue profile's insurance funds (no scenario fund: a date's market
 * sets none, docs/CASCADE-NOTES.md "Insurance funds"), and no calibration targets.
 */
export function marketForVenue(doc: Scenario, venue: VenueProfile, share: string): Scenario {
  const profile = venue.kind === 'exchange' ? venue : null
  const contracts: Record<string, CrowdContract> = {}
  for (const [symbol, k] of Object.entries(doc.crowd.contracts)) {
    const renamed = (profile && venueSymbol(profile, k.base)) ?? symbol
    contracts[contracts[renamed] ? symbol : renamed] = { ...k, openInterest: scale(k.openInterest, share) }
  }
  const c = doc.crowd
  const crowd: ScenarioCrowd = {
    ...c,
    contracts,
    ...(c.loopers ? { loopers: { ...c.loopers, capital: scale(c.loopers.capital, share) } } : {}),
    ...(c.whales ? { whales: { ...c.whales, collateralValue: scale(c.whales.collateralValue, share) } } : {}),
    ...(c.marketMakers ? { marketMakers: { ...c.marketMakers, inventoryValue: scale(c.marketMakers.inventoryValue, share) } } : {}),
  }
  const depth = Object.fromEntries(
    Object.entries(doc.depth).map(([asset, bands]) => [asset, asset in doc.pegs ? bands : Object.fromEntries(Object.entries(bands).map(([x, usd]) => [x, scale(usd, share)]))]),
  )
  const { venueShares: _shares, ...rest } = doc
  return {
    ...rest,
    // The venue as traders name it: the profile name's first word ("Binance USDⓈ-M futures ..." -> "Binance").
    name: unCalibratedName(doc.name, venue.name.split(/\s+/)[0]),
    depth,
    crowd,
    calibration: [],
    inputs: [{ field: 'crowd, cohorts, depth', value: `x${share} of ${doc.id}'s market`, source: `venueShares.${doc.venueShares?.[venue.id] ? venue.id : 'default'} of ${doc.id}` }],
  }
}
