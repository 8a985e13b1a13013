// Venue and lending profiles the user imported on purpose (a file dialog, `cascade venues import`).
// Books name venues by id; these rows join the shipped profiles in the catalogue.
import type { Migration } from '../migration'

export const migration: Migration = {
  version: 3,
  name: 'venue-profiles',
  up(db) {
    db.exec(`
      CREATE TABLE venue_profiles (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('exchange', 'lending')),
        document    TEXT NOT NULL CHECK (json_valid(document)),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
    `)
  },
}
