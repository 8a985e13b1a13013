// Scenarios the user saved (a what-if shaped in the app), stored as `cascade.scenario/1` text.
import type Database from 'better-sqlite3'
import type { Scenario } from '../../../shared/model/scenario'

export interface StoredScenario {
  id: string
  name: string
  updatedAt: string
  doc: Scenario
}

interface Row {
  id: string
  name: string
  document: string
  created_at: string
  updated_at: string
}

export interface ScenarioRepository {
  list(): StoredScenario[]
  get(id: string): StoredScenario | null
  /** Inserts or replaces the scenario with `doc.id`. */
  save(doc: Scenario): StoredScenario
  /** Stores `doc` (the stored one with its new name) under its id; null when there is none. */
  rename(id: string, doc: Scenario): StoredScenario | null
  /** True when a scenario with `id` was there. */
  remove(id: string): boolean
}

const toStored = (r: Row): StoredScenario => ({ id: r.id, name: r.name, updatedAt: r.updated_at, doc: JSON.parse(r.document) as Scenario })

export function createScenarioRepository(db: Database.Database, now: () => Date = () => new Date()): ScenarioRepository {
  const stmt = {
    list: db.prepare<[], Row>('SELECT * FROM scenarios ORDER BY name COLLATE NOCASE'),
    get: db.prepare<[string], Row>('SELECT * FROM scenarios WHERE id = ?'),
    upsert: db.prepare(
      `INSERT INTO scenarios (id, name, document, created_at, updated_at) VALUES (@id, @name, @document, @at, @at)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, document = excluded.document, updated_at = excluded.updated_at`,
    ),
    update: db.prepare('UPDATE scenarios SET name = @name, document = @document, updated_at = @at WHERE id = @id'),
    remove: db.prepare<[string]>('DELETE FROM scenarios WHERE id = ?'),
  }
  return {
    list: () => stmt.list.all().map(toStored),
    get(id) {
      const row = stmt.get.get(id)
      return row ? toStored(row) : null
    },
    save(doc) {
      stmt.upsert.run({ id: doc.id, name: doc.name, document: JSON.stringify(doc), at: now().toISOString() })
      return toStored(stmt.get.get(doc.id) as Row)
    },
    rename(id, doc) {
      // The name lives in the document and in the indexed column: both change together.
      const changed = stmt.update.run({ id, name: doc.name, document: JSON.stringify(doc), at: now().toISOString() }).changes
      return changed ? toStored(stmt.get.get(id) as Row) : null
    },
    remove: (id) => stmt.remove.run(id).changes > 0,
  }
}
