// Which app instance runs a row (`<pid>:<token>`), so a start only marks interrupted the runs whose
// owner is gone, never another live instance's.
import type { Migration } from '../migration'

export const migration: Migration = {
  version: 4,
  name: 'run-owner',
  up(db) {
    db.exec(`ALTER TABLE runs ADD COLUMN owner TEXT;`)
  },
}
