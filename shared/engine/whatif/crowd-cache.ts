// Crowds kept between the runs of a study, keyed by what the crowd is made of (the scenario's
// prices, pegs and crowd section, the seed, the venue's contracts), so a grid or a solve over one
// seed generates its crowd once. Bounded by bytes, least recently used first out: each worker of
// a pool holds its own.
import type { Scenario } from '../../model/scenario'
import type { VenueProfile } from '../../model/venue'
import { generateCrowd, streamId, type Crowd } from '../crowd'

/** Per worker: about 30 crowds of 100k traders (85 bytes a leg), or 3 of 1M. */
export const DEFAULT_CROWD_CACHE_BYTES = 256 * 2 ** 20

const venueKeys = new WeakMap<VenueProfile, string>()

/** The venue's id and a hash of its contracts (an imported profile may reuse an id). */
function venueKey(venue: VenueProfile): string {
  let k = venueKeys.get(venue)
  if (k === undefined) {
    k = `${venue.id}#${streamId(JSON.stringify(venue.kind === 'exchange' ? venue.contracts : null)).toString(16)}`
    venueKeys.set(venue, k)
  }
  return k
}

/** Everything `generateCrowd` reads (crowd/crowd-spec.ts): the crowd section, prices, pegs. */
export function crowdKey(scenario: Scenario, seed: number, venue: VenueProfile): string {
  return `${seed}|${venueKey(venue)}|${JSON.stringify([scenario.crowd, scenario.prices, scenario.pegs])}`
}

function bytesOf(crowd: Crowd): number {
  let n = crowd.accountOffsets.byteLength + crowd.unifiedAccounts.byteLength
  for (const column of Object.values(crowd.legs)) n += (column as ArrayBufferView).byteLength * 1.05 // + the indexes' rows
  return n
}

export interface CrowdCacheStats {
  hits: number
  misses: number
  bytes: number
  entries: number
}

export class CrowdCache {
  private readonly entries = new Map<string, { crowd: Crowd; bytes: number }>()
  private bytes = 0
  hits = 0
  misses = 0

  constructor(private readonly maxBytes = DEFAULT_CROWD_CACHE_BYTES) {}

  /** The crowd for this scenario, seed and venue: kept, or generated and kept. */
  get(scenario: Scenario, seed: number, venue: VenueProfile): Crowd {
    const key = crowdKey(scenario, seed, venue)
    const kept = this.entries.get(key)
    if (kept) {
      this.hits++
      // Most recently used last.
      this.entries.delete(key)
      this.entries.set(key, kept)
      return kept.crowd
    }
    this.misses++
    const crowd = generateCrowd(scenario, { seed, venue })
    const bytes = bytesOf(crowd)
    if (bytes <= this.maxBytes) {
      for (const [k, e] of this.entries) {
        if (this.bytes + bytes <= this.maxBytes) break
        this.entries.delete(k)
        this.bytes -= e.bytes
      }
      this.entries.set(key, { crowd, bytes })
      this.bytes += bytes
    }
    return crowd
  }

  stats(): CrowdCacheStats {
    return { hits: this.hits, misses: this.misses, bytes: Math.round(this.bytes), entries: this.entries.size }
  }
}
