// Venue profiles the user imported, stored as the `cascade.venue/1` text they gave (validated first;
// `cum` and defaults are derived on reading). Rows are read back through the validator, so a row
// edited behind the app's back is reported, not trusted.
import type Database from 'better-sqlite3'
import type { VenueProfile } from '../../../shared/model/venue'
import { parseVenueText, type VenueResult } from '../../../shared/schemas/venue'

export interface StoredVenue {
  id: string
  updatedAt: string
  result: VenueResult
}

interface Row {
  id: string
  document: string
  updated_at: string
}

export interface VenueRepository {
  list(): StoredVenue[]
  get(id: string): StoredVenue | null
  /** Inserts, or replaces the profile with the same id; `text` is the validated file `profile` came from. */
  save(profile: VenueProfile, text: string): { created: boolean }
  remove(id: string): boolean
}

const toStored = (r: Row): StoredVenue => ({ id: r.id, updatedAt: r.updated_at, result: parseVenueText(r.document) })

export function createVenueRepository(db: Database.Database, now: () => Date = () => new Date()): VenueRepository {
  const stmt = {
    list: db.prepare<[], Row>('SELECT id, document, updated_at FROM venue_profiles ORDER BY id'),
    get: db.prepare<[string], Row>('SELECT id, document, updated_at FROM venue_profiles WHERE id = ?'),
    upsert: db.prepare(
      `INSERT INTO venue_profiles (id, name, kind, document, created_at, updated_at) VALUES (@id, @name, @kind, @document, @at, @at)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, document = excluded.document, updated_at = excluded.updated_at`,
    ),
    remove: db.prepare<[string]>('DELETE FROM venue_profiles WHERE id = ?'),
  }
  return {
    list: () => stmt.list.all().map(toStored),
    get(id) {
      const row = stmt.get.get(id)
      return row ? toStored(row) : null
    },
    save(profile, text) {
      const created = !stmt.get.get(profile.id)
      stmt.upsert.run({ id: profile.id, name: profile.name, kind: profile.kind, document: text, at: now().toISOString() })
      return { created }
    },
    remove: (id) => stmt.remove.run(id).changes > 0,
  }
}
