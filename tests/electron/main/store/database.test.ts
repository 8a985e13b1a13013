import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { APPLICATION_ID, IN_MEMORY, migrate, openStore, storageFailure, StoreError } from '../../../../electron/main/store/database'
import { MIGRATIONS, LATEST_VERSION } from '../../../../electron/main/store/migrations'
import { createPortfolioRepository } from '../../../../electron/main/store/portfolio-repository'
import { emptyPortfolio } from '../../../../shared/model/portfolio'
import { useTempDirs } from '../../../temp-dir'

const tempDir = useTempDirs('store') // registered first, so its after-hook runs after the one closing the databases
const opened: Database.Database[] = []
afterEach(() => opened.splice(0).forEach((db) => db.open && db.close()))
const open = (path: string) => {
  const s = openStore(path, () => new Date('2026-11-21T08:00:00Z'))
  opened.push(s.db)
  return s
}

describe('the local store', () => {
  it('migrates a new in-memory database to the latest version with foreign keys on', () => {
    const { db, notices } = open(IN_MEMORY)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(notices).toEqual([])
  })

  it('uses WAL on disk and keeps data across reopen', () => {
    const path = join(tempDir(), 'nested', 'cascade.sqlite')
    const first = open(path)
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal')
    const rec = createPortfolioRepository(first.db).create(emptyPortfolio('Kept'))
    first.db.close()
    const again = open(path)
    expect(createPortfolioRepository(again.db).get(rec.id)?.name).toBe('Kept')
  })

  it('names migrations NNNN-kebab-name with consecutive versions', () => {
    const files = readdirSync(join(__dirname, '../../../../electron/main/store/migrations')).filter((f) => f !== 'index.ts').sort()
    expect(files).toHaveLength(MIGRATIONS.length)
    MIGRATIONS.forEach((m, i) => {
      expect(m.version).toBe(i + 1)
      expect(files[i]).toBe(`${String(m.version).padStart(4, '0')}-${m.name}.ts`)
    })
  })

  it('rolls a failing migration back whole and leaves the version unchanged', () => {
    const db = new Database(':memory:')
    opened.push(db)
    const broken = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE half (x); SELECT * FROM missing_table') },
    ]
    expect(() => migrate(db, broken)).toThrow(/Migration 000\d-broken failed/)
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    expect(db.prepare("SELECT count(*) n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 })
  })

  it('refuses a database from a newer version without touching it', () => {
    const path = join(tempDir(), 'future.sqlite')
    const db = new Database(path)
    db.pragma(`user_version = ${LATEST_VERSION + 5}`)
    db.close()
    const before = readFileSync(path)
    expect(() => openStore(path)).toThrow(StoreError)
    expect(() => openStore(path)).toThrow(/newer version of Cascade/)
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it("refuses another program's SQLite file before writing anything to it (no WAL, no tables)", () => {
    const dir = tempDir()
    const path = join(dir, 'other.sqlite')
    const db = new Database(path)
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);')
    db.close()
    const before = readFileSync(path)
    expect(() => openStore(path)).toThrow(expect.objectContaining({ name: 'StoreError', code: 'foreign-database', message: expect.stringContaining('tables: invoices') }))
    expect(readFileSync(path).equals(before)).toBe(true)
    expect(readdirSync(dir)).toEqual(['other.sqlite'])
  })

  it('marks its own stores with an application id, and opens a store made before the id existed', () => {
    const path = join(tempDir(), 'cascade.sqlite')
    const first = open(path)
    expect(first.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
    first.db.pragma('application_id = 0') // as a store written by an earlier version
    first.db.close()
    const again = open(path)
    expect(again.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
  })

  it('says why storage cannot be used (read-only, full, locked, not a folder), never a raw SQLite error', () => {
    const path = '/data/cascade.sqlite'
    const code = (c: string) => Object.assign(new Error(c), { code: c })
    expect(storageFailure(code('SQLITE_READONLY'), path)?.message).toBe(
      'Cannot use the store /data/cascade.sqlite: it is read-only or not accessible to you. Nothing was changed. Free space, fix its permissions, or choose another file (--db).',
    )
    expect(storageFailure(code('SQLITE_FULL'), path)?.message).toContain('the disk is full')
    expect(storageFailure(code('SQLITE_IOERR_WRITE'), path)?.code).toBe('unavailable')
    expect(storageFailure(code('SQLITE_BUSY'), path)?.message).toContain('another program holds it locked')
    expect(storageFailure(code('ENOSPC'), path)?.message).toContain('the disk is full')
    expect(storageFailure(new Error('a bug'), path)).toBeNull()
    expect(() => openStore('/etc/passwd/cascade.sqlite')).toThrow(expect.objectContaining({ code: 'unavailable', message: expect.stringContaining('cannot be opened') }))
  })

  it('moves a file that is not a database aside, keeps it, and starts fresh with a notice', () => {
    const dir = tempDir()
    const path = join(dir, 'cascade.sqlite')
    writeFileSync(path, 'this is a spreadsheet, not a database\n'.repeat(50))
    const { db, notices } = open(path)
    expect(notices).toHaveLength(1)
    expect(notices[0].kind).toBe('corrupt-database-moved')
    expect(notices[0].movedTo).toBe(`${path}.corrupt-2026-11-21T08-00-00-000Z`)
    expect(readFileSync(notices[0].movedTo!, 'utf8')).toMatch(/^this is a spreadsheet/)
    expect(notices[0].message).toContain('was kept as')
    expect(createPortfolioRepository(db).list()).toEqual([])
  })

  it('moves aside a file with a SQLite header but damaged pages', () => {
    const path = join(tempDir(), 'damaged.sqlite')
    const db = new Database(path)
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);')
    db.close()
    const bytes = readFileSync(path)
    bytes.fill(0xff, 100, bytes.length) // keep the header, wreck the pages
    writeFileSync(path, bytes)
    const s = open(path)
    expect(s.notices[0]?.kind).toBe('corrupt-database-moved')
    expect(existsSync(s.notices[0].movedTo!)).toBe(true)
  })
})

describe('portfolio rows', () => {
  it('stores the document as text with decimals as strings and indexed columns beside it', () => {
    const { db } = open(IN_MEMORY)
    const repo = createPortfolioRepository(db)
    const doc = { ...emptyPortfolio('Hedge'), wallet: [{ asset: 'USDT', amount: '0.10' }] }
    const rec = repo.create(doc)
    const row = db.prepare('SELECT name, venue, margin_mode, position_count, document FROM portfolios WHERE id = ?').get(rec.id) as Record<string, unknown>
    expect(row).toMatchObject({ name: 'Hedge', venue: 'binance', margin_mode: 'cross', position_count: 0 })
    expect(row.document).toContain('"amount":"0.10"')
  })

  it('replaces, lists by name, duplicates with a free name and deletes', () => {
    const { db } = open(IN_MEMORY)
    const repo = createPortfolioRepository(db)
    const b = repo.create(emptyPortfolio('beta'))
    const a = repo.create(emptyPortfolio('Alpha'))
    expect(repo.list().map((r) => r.name)).toEqual(['Alpha', 'beta'])
    expect(repo.replace(a.id, { ...a.doc, name: 'Alpha 2' })?.name).toBe('Alpha 2')
    expect(repo.replace('missing', a.doc)).toBeNull()
    const copy = repo.duplicate(b.id)
    const copy2 = repo.duplicate(b.id)
    expect([copy?.name, copy2?.name]).toEqual(['beta (copy)', 'beta (copy 2)'])
    expect(repo.remove(b.id)).toBe(true)
    expect(repo.remove(b.id)).toBe(false)
    expect(repo.get(b.id)).toBeNull()
  })
})
