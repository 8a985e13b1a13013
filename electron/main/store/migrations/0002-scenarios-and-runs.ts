// Scenarios the user shaped (presets ship as files) and runs kept with their inputs and results.
import type { Migration } from '../migration'

export const migration: Migration = {
  version: 2,
  name: 'scenarios-and-runs',
  up(db) {
    db.exec(`
      CREATE TABLE scenarios (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        document    TEXT NOT NULL CHECK (json_valid(document)),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE runs (
        id             TEXT PRIMARY KEY,
        portfolio_id   TEXT REFERENCES portfolios (id) ON DELETE SET NULL,
        portfolio_name TEXT NOT NULL,
        scenario_id    TEXT NOT NULL,
        scenario_name  TEXT NOT NULL,
        seed           INTEGER NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
        error          TEXT,
        -- The exact documents the run used, so it can be reproduced after either is edited.
        portfolio_doc  TEXT NOT NULL CHECK (json_valid(portfolio_doc)),
        scenario_doc   TEXT NOT NULL CHECK (json_valid(scenario_doc)),
        summary        TEXT CHECK (summary IS NULL OR json_valid(summary)),
        series         TEXT CHECK (series IS NULL OR json_valid(series)),
        -- Every event, one JSON object a line (the --events JSONL format), gzip-compressed.
        events_gz      BLOB,
        event_count    INTEGER,
        created_at     TEXT NOT NULL,
        finished_at    TEXT
      ) STRICT;
      CREATE INDEX runs_by_created ON runs (created_at);
      CREATE INDEX runs_by_portfolio ON runs (portfolio_id);
    `)
  },
}
