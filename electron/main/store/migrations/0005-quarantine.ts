// Rows found damaged when the store opens (a CHECK or NOT NULL the row breaks, a document that no
// longer parses or validates) are moved here instead of losing the whole store: the table they
// came from, their id, the whole raw row as JSON text, why, and when.
import type { Migration } from '../migration'

export const migration: Migration = {
  version: 5,
  name: 'quarantine',
  up(db) {
    db.exec(`
      CREATE TABLE quarantine (
        id             INTEGER PRIMARY KEY,
        source_table   TEXT NOT NULL,
        row_id         TEXT,
        row_json       TEXT NOT NULL,
        reason         TEXT NOT NULL,
        quarantined_at TEXT NOT NULL
      ) STRICT;
    `)
  },
}
