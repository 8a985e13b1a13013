// Venue profiles on disk: the shipped ones in resources/venues/, or a user's own file by path
// (docs/FORMATS.md §3: a user's own profile file is accepted anywhere a profile id is). Every exchange
// profile comes back with the catalog's lending profiles (aave-v3) attached under `defi`, so a
// book's DeFi positions and loops price without a second lookup (docs/ENGINE-NOTES.md).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, extname, isAbsolute, join, resolve } from 'node:path'
import type { VenueSummary } from '../../shared/ipc/channels'
import type { FieldIssue } from '../../shared/model/issues'
import type { ExchangeProfile, LendingProfile, VenueProfile } from '../../shared/model/venue'
import { parseVenueText } from '../../shared/schemas/venue'

export type VenueResult = { ok: true; value: VenueProfile } | { ok: false; issues: FieldIssue[] }

export interface VenueCatalog {
  /** Every valid profile in the directory, by id. Invalid files are skipped (`get` explains them). */
  list(): VenueSummary[]
  /** A shipped profile by id, or a profile file by path (absolute, or relative to the working directory). */
  get(idOrPath: string): VenueResult
}

interface Cached {
  mtimeMs: number
  size: number
  result: VenueResult
}

/** An argument is a path when it names a file the way a shell user would: a separator or `.json`. */
function looksLikePath(s: string): boolean {
  return s.includes('/') || s.includes('\\') || extname(s).toLowerCase() === '.json' || isAbsolute(s)
}

/** Prefixes each issue with the file it came from, keeping the field path intact. */
function inFile(file: string, issues: FieldIssue[]): FieldIssue[] {
  return issues.map((i) => ({ path: i.path, message: `${i.message} (in ${basename(file)})` }))
}

export function createVenueCatalog(dir: string): VenueCatalog {
  const cache = new Map<string, Cached>()

  const readFile = (file: string): VenueResult => {
    let stat
    try {
      stat = statSync(file)
    } catch (e) {
      return { ok: false, issues: [{ path: '', message: `cannot read venue profile ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }] }
    }
    const hit = cache.get(file)
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.result
    let result: VenueResult
    try {
      const parsed = parseVenueText(readFileSync(file, 'utf8'))
      result = parsed.ok ? parsed : { ok: false, issues: inFile(file, parsed.issues) }
    } catch (e) {
      result = { ok: false, issues: [{ path: '', message: `cannot read venue profile ${file}: ${e instanceof Error ? e.message : String(e)}` }] }
    }
    cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, result })
    return result
  }

  const files = (): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f)) : [])

  const shipped = (): VenueProfile[] => files().flatMap((f) => {
    const r = readFile(f)
    return r.ok ? [r.value] : []
  })

  /** Attaches the catalog's lending protocols to an exchange profile (its own `defi` entries win). */
  const withLending = (profile: VenueProfile): VenueProfile => {
    if (profile.kind !== 'exchange') return profile
    const lending = shipped().filter((p): p is LendingProfile => p.kind === 'lending' && !(p.id in profile.defi))
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

  return {
    list(): VenueSummary[] {
      return shipped()
        .map((v) => ({ id: v.id, name: v.name, kind: v.kind, snapshot: v.snapshot, symbols: v.kind === 'exchange' ? Object.keys(v.contracts) : [] }))
        .sort((a, b) => a.id.localeCompare(b.id))
    },
    get(idOrPath: string): VenueResult {
      if (looksLikePath(idOrPath)) {
        const r = readFile(resolve(idOrPath))
        return r.ok ? { ok: true, value: withLending(r.value) } : r
      }
      const byName = join(dir, `${idOrPath}.json`)
      if (existsSync(byName)) {
        const r = readFile(byName)
        if (!r.ok) return r
        if (r.value.id === idOrPath) return { ok: true, value: withLending(r.value) }
      }
      const found = shipped().find((v) => v.id === idOrPath)
      if (found) return { ok: true, value: withLending(found) }
      const known = shipped().map((v) => v.id).sort()
      return {
        ok: false,
        issues: [{ path: 'venue', message: `unknown venue "${idOrPath}"; known: ${known.length ? known.join(', ') : '(none shipped)'}; or give the path of a venue profile file` }],
      }
    },
  }
}
