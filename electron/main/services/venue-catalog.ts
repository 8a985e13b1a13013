// The venue catalogue: the profiles shipped in resources/venues/ plus those the user imported on
// purpose (stored in the local store). A book names its venue and lending protocol by id, and an
// id is only ever looked up here: nothing a document says is used as a file path. Every exchange
// profile comes back with the catalogue's lending profiles (aave-v3) attached under `defi`, so a
// book's DeFi positions and loops price without a second lookup (docs/ENGINE-NOTES.md).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { VenueSummary } from '../../../shared/ipc/channels'
import type { FieldIssue } from '../../../shared/model/issues'
import type { ExchangeProfile, LendingProfile, VenueProfile } from '../../../shared/model/venue'
import { parseVenueText } from '../../../shared/schemas/venue'
import type { VenueRepository } from '../store/venue-repository'

export type VenueResult = { ok: true; value: VenueProfile } | { ok: false; issues: FieldIssue[] }

/** A venue profile file is a page of brackets and tiers; 1 MB is far past any real one. */
export const MAX_VENUE_PROFILE_CHARS = 1_000_000

export interface VenueCatalog {
  /** Every shipped and imported profile, by id. */
  list(): VenueSummary[]
  /** A profile by id (shipped first, then imported), with the catalogue's lending attached. */
  get(id: string): VenueResult
  /** Validates a profile file's text (one the user chose explicitly) and attaches lending, without storing it. */
  parse(text: string, label: string): VenueResult
  /** Validates and stores an imported profile; a shipped id cannot be replaced. */
  import(text: string, label: string): { ok: true; value: VenueSummary & { created: boolean } } | { ok: false; issues: FieldIssue[] }
}

/** Prefixes each issue with the file it came from, keeping the field path intact. */
function inFile(label: string, issues: FieldIssue[]): FieldIssue[] {
  return issues.map((i) => ({ path: i.path, message: `${i.message} (in ${label})` }))
}

function summaryOf(v: VenueProfile, source: VenueSummary['source']): VenueSummary {
  return {
    id: v.id,
    name: v.name,
    kind: v.kind,
    snapshot: v.snapshot,
    symbols: v.kind === 'exchange' ? Object.keys(v.contracts) : [],
    source,
    ...(v.kind === 'exchange' && v.conversionPricing ? { conversionPricingSince: v.conversionPricing.since } : {}),
    ...(v.kind === 'exchange' && v.unified?.ratioDisplay ? { accountRatio: { ...v.unified.ratioDisplay } } : {}),
  }
}

/** The shipped profiles, read once: they ship with the app and never change while it runs. */
function readShipped(dir: string): Map<string, VenueProfile> {
  const out = new Map<string, VenueProfile>()
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : []
  for (const f of files) {
    const r = parseVenueText(readFileSync(join(dir, f), 'utf8'))
    if (!r.ok) throw new Error(`shipped venue profile ${f} is invalid: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`)
    out.set(r.value.id, r.value)
  }
  return out
}

export function createVenueCatalog(dir: string, imported?: VenueRepository): VenueCatalog {
  let shippedCache: Map<string, VenueProfile> | null = null
  const shipped = () => (shippedCache ??= readShipped(dir))

  const importedProfiles = (): VenueProfile[] => (imported?.list() ?? []).flatMap((s) => (s.result.ok ? [s.result.value] : []))

  /** Attaches the catalogue's lending protocols to an exchange profile (its own `defi` entries win). */
  const withLending = (profile: VenueProfile): VenueProfile => {
    if (profile.kind !== 'exchange') return profile
    const lending = [...shipped().values()].filter((p): p is LendingProfile => p.kind === 'lending' && !(p.id in profile.defi))
    if (lending.length === 0) return profile
    const out: ExchangeProfile = {
      ...profile,
      defi: { ...Object.fromEntries(lending.map((l) => [l.id, l.lending])), ...profile.defi },
      pegs: { ...Object.assign({}, ...lending.map((l) => l.pegs)), ...profile.pegs },
      sources: [...profile.sources, ...lending.flatMap((l) => l.sources)],
      unconfirmed: [
        ...profile.unconfirmed,
        ...lending.flatMap((l) =>
          l.unconfirmed
            .filter((u) => u.path.startsWith('lending') || !(u.path.split('.')[1] in profile.pegs))
            .map((u) => ({ ...u, path: u.path.startsWith('lending') ? `defi.${l.id}${u.path.slice('lending'.length)}` : u.path })),
        ),
      ],
    }
    return out
  }

  const parse = (text: string, label: string): VenueResult => {
    if (text.length > MAX_VENUE_PROFILE_CHARS) {
      return { ok: false, issues: [{ path: '', message: `${label} is too large for a venue profile (${text.length} characters, at most ${MAX_VENUE_PROFILE_CHARS})` }] }
    }
    const r = parseVenueText(text)
    return r.ok ? { ok: true, value: withLending(r.value) } : { ok: false, issues: inFile(label, r.issues) }
  }

  return {
    list() {
      const mine = importedProfiles().filter((v) => !shipped().has(v.id))
      return [...[...shipped().values()].map((v) => summaryOf(v, 'shipped')), ...mine.map((v) => summaryOf(v, 'imported'))].sort((a, b) => a.id.localeCompare(b.id))
    },
    get(id) {
      const ship = shipped().get(id)
      if (ship) return { ok: true, value: withLending(ship) }
      const mine = imported?.get(id)
      if (mine) return mine.result.ok ? { ok: true, value: withLending(mine.result.value) } : { ok: false, issues: inFile(`imported profile "${id}"`, mine.result.issues) }
      const known = [...shipped().keys(), ...importedProfiles().map((v) => v.id)].sort()
      return {
        ok: false,
        issues: [{ path: '', message: `unknown venue "${id.slice(0, 64)}"; known: ${known.length ? known.join(', ') : '(none)'}; import a profile first to use another` }],
      }
    },
    parse,
    import(text, label) {
      if (!imported) return { ok: false, issues: [{ path: '', message: 'no store to import venue profiles into' }] }
      const clean = text.replace(/^\uFEFF/, '')
      const r = parse(clean, label)
      if (!r.ok) return r
      if (shipped().has(r.value.id)) {
        return { ok: false, issues: [{ path: 'id', message: `"${r.value.id}" is a shipped profile and cannot be replaced; give your profile another id (in ${label})` }] }
      }
      const { created } = imported.save(r.value, clean)
      return { ok: true, value: { ...summaryOf(r.value, 'imported'), created } }
    },
  }
}
