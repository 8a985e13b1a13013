// Opens the local SQLite store: WAL, foreign keys, migrations under `PRAGMA user_version`.
// A file that is not a database, or whose pages are damaged, is kept (renamed aside) and a fresh
// one is created; damaged rows only are quarantined (quarantine.ts) and the store stays in use;
// a database written by a newer Cascade is refused, never touched.
import { existsSync, mkdirSync, openSync, readSync, closeSync, renameSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { StoreNotice } from '../../../shared/ipc/channels'
import type { Migration } from './migration'
import { MIGRATIONS } from './migrations'
import { classifyCheck, quarantineDamaged, quickCheck, type CheckedTable } from './quarantine'

export class StoreError extends Error {
  constructor(
    readonly code: 'newer-database' | 'migration-failed' | 'foreign-database' | 'unavailable' | 'invalid-backup',
    message: string,
  ) {
    super(message)
    this.name = 'StoreError'
  }
}

export interface OpenedStore {
  db: Database.Database
  path: string
  notices: StoreNotice[]
}

export const IN_MEMORY = ':memory:'
/** `PRAGMA application_id` of a Cascade store ("CSCD"), so another program's SQLite file is told apart. */
export const APPLICATION_ID = 0x43534344
const SQLITE_HEADER = 'SQLite format 3\u0000'

/** True when the file is empty (SQLite will initialise it) or starts with SQLite's header. */
export function looksLikeSqlite(path: string): boolean {
  if (statSync(path).size === 0) return true
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(16)
    const n = readSync(fd, buf, 0, 16, 0)
    return n === 16 && buf.toString('latin1') === SQLITE_HEADER
  } finally {
    closeSync(fd)
  }
}

/** A time as it goes into a file name: `2026-11-21T08-00-00-000Z`. */
export const fileStamp = (at: Date): string => at.toISOString().replace(/[:.]/g, '-')

/** Renames the file (and its WAL/SHM companions) to `<name>.<label>-<time>`; returns the new path. */
export function moveAside(path: string, now: Date, label = 'corrupt'): string {
  const target = `${path}.${label}-${fileStamp(now)}`
  renameSync(path, target)
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix)
  }
  return target
}

function isCorruptionError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT'
}

interface Connected {
  db: Database.Database
  /** Our tables with rows that break their constraints (quarantined once migrations have run). */
  flagged: Set<CheckedTable>
}

/**
 * Opens the file and checks it: another program's database is refused before anything else; pages
 * SQLite cannot read are corruption (the caller moves the file aside); rows that break their
 * table's constraints are not, they are returned to be quarantined.
 */
function connect(path: string): Connected {
  const db = new Database(path)
  try {
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 3000')
    refuseForeign(db, path)
    const verdict = classifyCheck(quickCheck(db))
    if (verdict.structural.length) {
      throw Object.assign(new Error(`integrity check failed: ${verdict.structural.slice(0, 3).join('; ')}`), { code: 'SQLITE_CORRUPT' })
    }
    return { db, flagged: verdict.tables }
  } catch (e) {
    db.close()
    throw e
  }
}

/** Refuses a database from a newer Cascade before anything (even the journal mode) is written. */
export function refuseNewer(db: Database.Database, latest: number): number {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > latest) {
    throw new StoreError(
      'newer-database',
      `This database was written by a newer version of Cascade (schema ${current}; this version knows up to ${latest}). ` +
        'Update Cascade to open it; the file was not changed.',
    )
  }
  return current
}

/**
 * Refuses another program's SQLite file before anything is written to it: ours carries our
 * application_id, or (before ids were set) has our `portfolios` table, or has no table yet.
 */
export function refuseForeign(db: Database.Database, path: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number
  if (appId === APPLICATION_ID) return
  const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all()
  const ours = appId === 0 && (tables.length === 0 || tables.includes('portfolios'))
  if (!ours) {
    throw new StoreError(
      'foreign-database',
      `${path} is an SQLite database of another program (tables: ${tables.slice(0, 5).join(', ') || 'none'}${tables.length > 5 ? ', ...' : ''}), not a Cascade store. ` +
        'It was not changed; choose another file (--db) or move it away.',
    )
  }
}

const STORAGE_ERRORS = new Set(['SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_PERM', 'SQLITE_BUSY', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EISDIR', 'ENOTDIR', 'EEXIST'])

/** A failure of the storage itself (read-only, full, locked, no access) as a StoreError that says what to do. */
export function storageFailure(e: unknown, path: string): StoreError | null {
  if (e instanceof StoreError) return e
  const code = String((e as { code?: unknown })?.code ?? '')
  if (!STORAGE_ERRORS.has(code) && !STORAGE_ERRORS.has(code.split('_').slice(0, 2).join('_'))) return null
  const why =
    code.includes('READONLY') || code === 'EROFS' || code === 'EACCES' || code.includes('PERM')
      ? 'it is read-only or not accessible to you'
      : code.includes('FULL') || code === 'ENOSPC'
        ? 'the disk is full'
        : code.includes('BUSY')
          ? 'another program holds it locked'
          : `it cannot be opened (${(e as Error).message})`
  return new StoreError('unavailable', `Cannot use the store ${path}: ${why}. Nothing was changed. Free space, fix its permissions, or choose another file (--db).`)
}

/** Runs the pending steps, each in its own transaction with its user_version bump. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = refuseNewer(db, migrations.length)
  for (const m of migrations.slice(current)) {
    const step = db.transaction(() => {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    })
    try {
      step()
    } catch (e) {
      throw new StoreError('migration-failed', `Migration ${String(m.version).padStart(4, '0')}-${m.name} failed: ${(e as Error).message}`)
    }
  }
}

/**
 * Opens (or creates) the store at `path`, or an in-memory one for `:memory:`. Storage that cannot
 * be used (read-only, full, locked) throws a StoreError that says so, never a raw SQLite error.
 */
export function openStore(path: string, now: () => Date = () => new Date()): OpenedStore {
  try {
    return open(path, now)
  } catch (e) {
    throw storageFailure(e, path) ?? e
  }
}

function open(path: string, now: () => Date): OpenedStore {
  const notices: StoreNotice[] = []
  if (path !== IN_MEMORY) {
    mkdirSync(dirname(path), { recursive: true })
    if (existsSync(path) && !looksLikeSqlite(path)) {
      const movedTo = moveAside(path, now())
      notices.push(corruptNotice(path, movedTo))
    }
  }
  let connected: Connected
  try {
    connected = connect(path)
  } catch (e) {
    if (path === IN_MEMORY || !isCorruptionError(e)) throw e
    const movedTo = moveAside(path, now())
    notices.push(corruptNotice(path, movedTo))
    connected = connect(path)
  }
  const { db, flagged } = connected
  try {
    refuseNewer(db, MIGRATIONS.length)
    if (path !== IN_MEMORY) db.pragma('journal_mode = WAL')
    migrate(db)
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) db.pragma(`application_id = ${APPLICATION_ID}`)
    // Damaged rows (a broken constraint, a document that no longer parses or validates) leave
    // their tables for `quarantine`; the rest of the store stays in use.
    const quarantined = quarantineDamaged(db, flagged, now())
    if (quarantined) notices.push(quarantined)
  } catch (e) {
    db.close()
    throw e
  }
  return { db, path, notices }
}

function corruptNotice(path: string, movedTo: string): StoreNotice {
  return {
    kind: 'corrupt-database-moved',
    message: `The database file ${path} could not be read as a Cascade database. It was kept as ${movedTo} and a new, empty database was created.`,
    movedTo,
  }
}
