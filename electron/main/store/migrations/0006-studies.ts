// Studies (Monte Carlo, grid, solve: docs/DECISIONS.md) kept with their inputs and results: the
// exact book and scenario, the request (options, axes, the Monte Carlo model), the report.
import type { Migration } from '../migration'

export const migration: Migration = {
  version: 6,
  name: 'studies',
  up(db) {
    db.exec(`
      CREATE TABLE studies (
        id             TEXT PRIMARY KEY,
        owner          TEXT,
        kind           TEXT NOT NULL CHECK (kind IN ('montecarlo', 'grid', 'solve')),
        portfolio_id   TEXT REFERENCES portfolios (id) ON DELETE SET NULL,
        portfolio_name TEXT NOT NULL,
        scenario_id    TEXT NOT NULL,
        scenario_name  TEXT NOT NULL,
        seed           INTEGER NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
        error          TEXT,
        -- The exact documents and request the study used, so it can be run again after either is edited.
        portfolio_doc  TEXT NOT NULL CHECK (json_valid(portfolio_doc)),
        scenario_doc   TEXT NOT NULL CHECK (json_valid(scenario_doc)),
        request        TEXT NOT NULL CHECK (json_valid(request)),
        -- The report (docs/FORMATS.md §7), timing included.
        result         TEXT CHECK (result IS NULL OR json_valid(result)),
        created_at     TEXT NOT NULL,
        finished_at    TEXT
      ) STRICT;
      CREATE INDEX studies_by_created ON studies (created_at);
      CREATE INDEX studies_by_portfolio ON studies (portfolio_id);
    `)
  },
}
