// Portfolios: the `cascade.portfolio/1` document as TEXT plus the columns the sidebar sorts and shows.
import type { Migration } from '../migration'

export const migration: Migration = {
  version: 1,
  name: 'portfolios',
  up(db) {
    db.exec(`
      CREATE TABLE portfolios (
        id             TEXT PRIMARY KEY,
        name           TEXT NOT NULL,
        venue          TEXT NOT NULL,
        margin_mode    TEXT NOT NULL CHECK (margin_mode IN ('cross', 'isolated', 'portfolio')),
        position_count INTEGER NOT NULL CHECK (position_count >= 0),
        document       TEXT NOT NULL CHECK (json_valid(document)),
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX portfolios_by_name ON portfolios (name COLLATE NOCASE);
      CREATE INDEX portfolios_by_updated ON portfolios (updated_at);
    `)
  },
}
