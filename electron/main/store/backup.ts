// Backup and restore of the whole store. A backup is SQLite's online backup (it works while the
// app holds the store open, WAL or not) turned into one self-contained file. A restore is checked
// before it replaces anything: the candidate is staged next to the store, opened as a Cascade
// store (our application id or tables, a schema this version knows, pages intact) and its rows
// checked like an open checks them; only then is the open store checkpointed, kept as
// `<name>.before-restore-<time>` (with any -wal/-shm beside it) and the candidate renamed into place.
import { randomBytes } from 'node:crypto'
import { existsSync, renameSync, rmSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { APPLICATION_ID, fileStamp, looksLikeSqlite, moveAside, StoreError } from './database'
import { LATEST_VERSION } from './migrations'
import { classifyCheck, findDamagedRows, quickCheck, type Finding } from './quarantine'

/** What a restore candidate holds, once it passed the checks. */
export interface RestoreCheck {
  /** Its schema version (older ones are migrated when it opens). */
  version: number
  portfolios: number
  /** Rows that will be quarantined when it opens (they are reported, not refused). */
  findings: Finding[]
}

/**
 * Copies the open store to `dest` with SQLite's online backup, then makes the copy a plain
 * rollback-journal file, so it is one file that opens anywhere (no -wal beside it).
 */
export async function backupStore(db: Database.Database, dest: string): Promise<{ bytes: number }> {
  if (existsSync(dest)) throw new StoreError('invalid-backup', `${dest} already exists; choose another name (a backup never overwrites a file).`)
  await db.backup(dest)
  const copy = new Database(dest)
  try {
    copy.pragma('journal_mode = DELETE')
  } finally {
    copy.close()
  }
  return { bytes: statSync(dest).size }
}

const refuse = (name: string, why: string): StoreError => new StoreError('invalid-backup', `${name} was not restored: ${why}. Nothing was replaced.`)

/**
 * Checks that the file at `path` is a Cascade store this version can open; throws a StoreError
 * ('invalid-backup') that says why not. `name` is how the user knows the file (for messages).
 */
export function checkRestoreCandidate(path: string, name: string, latest = LATEST_VERSION): RestoreCheck {
  if (!existsSync(path) || !statSync(path).isFile()) throw refuse(name, 'it is not a file')
  if (statSync(path).size === 0) throw refuse(name, 'the file is empty')
  if (!looksLikeSqlite(path)) throw refuse(name, 'it is not an SQLite database (no SQLite header)')
  let db: Database.Database | null = null
  try {
    db = new Database(path, { fileMustExist: true })
    const appId = db.pragma('application_id', { simple: true }) as number
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all()
    const version = db.pragma('user_version', { simple: true }) as number
    const ours = appId === APPLICATION_ID || (appId === 0 && tables.includes('portfolios'))
    if (!ours || version < 1) {
      throw refuse(name, `it is not a Cascade store (tables: ${tables.slice(0, 5).join(', ') || 'none'}${tables.length > 5 ? ', ...' : ''})`)
    }
    if (version > latest) throw refuse(name, `it was written by a newer version of Cascade (schema ${version}; this version knows up to ${latest}); update Cascade first`)
    const verdict = classifyCheck(quickCheck(db))
    if (verdict.structural.length) throw refuse(name, `the file is damaged (${verdict.structural.slice(0, 2).join('; ')})`)
    const findings = findDamagedRows(db, verdict.tables)
    const portfolios = db.prepare<[], number>('SELECT count(*) FROM portfolios').pluck().get() ?? 0
    return { version, portfolios: portfolios - findings.filter((f) => f.table === 'portfolios').length, findings }
  } catch (e) {
    if (e instanceof StoreError) throw e
    const code = String((e as { code?: unknown }).code ?? '')
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw refuse(name, 'the file is damaged')
    throw e
  } finally {
    db?.close()
  }
}

/** Deletes a staged candidate and any -wal/-shm SQLite left beside it. */
export function discardCandidate(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true })
}

/**
 * Stages a restore: `write` puts the candidate's bytes at a fresh path next to `target` (same
 * folder, so the swap is a rename), which is then checked. A refused candidate is deleted again.
 */
export function stageRestore(target: string, name: string, write: (path: string) => void): { candidate: string; check: RestoreCheck } {
  const candidate = `${target}.restore-${randomBytes(6).toString('hex')}.tmp`
  try {
    write(candidate)
    return { candidate, check: checkRestoreCandidate(candidate, name) }
  } catch (e) {
    discardCandidate(candidate)
    throw e
  }
}

/**
 * Puts a checked candidate in place of `target` (whose connections must be closed): the current
 * store is checkpointed and kept as `<target>.before-restore-<time>` with its -wal/-shm.
 * Returns where it was kept, or null when there was no store yet.
 */
export function swapInRestore(candidate: string, target: string, now: Date): string | null {
  let keptAs: string | null = null
  if (existsSync(target)) {
    // Fold the WAL into the file first, so the kept copy is whole even without its -wal.
    try {
      const db = new Database(target, { fileMustExist: true })
      try {
        db.pragma('wal_checkpoint(TRUNCATE)')
      } finally {
        db.close()
      }
    } catch {
      // A file SQLite cannot checkpoint is still kept, with its -wal beside it.
    }
    keptAs = moveAside(target, now, 'before-restore')
  }
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(candidate + suffix, { force: true })
  renameSync(candidate, target)
  return keptAs
}

/** `cascade-backup-2026-11-21T08-00-00-000Z.sqlite`: the name offered for a backup. */
export function backupFileName(at: Date): string {
  return `cascade-backup-${fileStamp(at)}.sqlite`
}
