// A schema step of the local store. Files are `NNNN-kebab-name.ts`; `version` equals NNNN and
// becomes `PRAGMA user_version` once the step has run (Signal-Desktop's scheme, docs/CONVENTIONS.md §4).
import type Database from 'better-sqlite3'

export interface Migration {
  version: number
  name: string
  up(db: Database.Database): void
}
