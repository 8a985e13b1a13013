import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { backupStore, checkRestoreCandidate, stageRestore, swapInRestore } from '../../../../electron/main/store/backup'
import { migrate, openStore, StoreError } from '../../../../electron/main/store/database'
import { LATEST_VERSION, MIGRATIONS } from '../../../../electron/main/store/migrations'
import { createPortfolioRepository } from '../../../../electron/main/store/portfolio-repository'
import { emptyPortfolio } from '../../../../shared/model/portfolio'
import { useTempDirs } from '../../../temp-dir'

const tempDir = useTempDirs('backup')
const opened: Database.Database[] = []
afterEach(() => opened.splice(0).forEach((db) => db.open && db.close()))
const open = (path: string) => {
  const s = openStore(path)
  opened.push(s.db)
  return s
}
const names = (db: Database.Database) => createPortfolioRepository(db).list().map((b) => b.name)

/** A refusal: a StoreError whose message starts `<name> was not restored: <why>` and says nothing was replaced. */
const refusal = (name: string, why: RegExp) =>
  expect.objectContaining({ name: 'StoreError', code: 'invalid-backup', message: expect.stringMatching(new RegExp(`^${name.replace('.', '\\.')} was not restored: ${why.source}.*Nothing was replaced\\.$`)) })

function catchError(f: () => unknown): unknown {
  try {
    f()
  } catch (e) {
    return e
  }
  throw new Error('expected a refusal')
}

describe('backup', () => {
  it('copies an open store, writes still in its WAL included, as one self-contained file', async () => {
    const dir = tempDir()
    const live = open(join(dir, 'cascade.sqlite'))
    const repo = createPortfolioRepository(live.db)
    repo.create(emptyPortfolio('Alpha'))
    repo.create(emptyPortfolio('Beta'))
    expect(existsSync(join(dir, 'cascade.sqlite-wal'))).toBe(true)
    // A second connection (the CLI while the app runs) holds it open meanwhile.
    const other = new Database(join(dir, 'cascade.sqlite'))
    opened.push(other)
    other.prepare('SELECT count(*) FROM portfolios').get()

    const dest = join(dir, 'backup.sqlite')
    const { bytes } = await backupStore(live.db, dest)
    expect(bytes).toBe(readFileSync(dest).length)
    expect(existsSync(`${dest}-wal`)).toBe(false)
    const copy = new Database(dest, { readonly: true })
    opened.push(copy)
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete')
    expect(names(copy)).toEqual(['Alpha', 'Beta'])
    await expect(backupStore(live.db, dest)).rejects.toThrow(/already exists; choose another name/)
  })
})

describe('a restore is checked before it replaces anything', () => {
  it('accepts a Cascade store, also one from an older schema, and reports rows it will quarantine', async () => {
    const dir = tempDir()
    const live = open(join(dir, 'cascade.sqlite'))
    const ids = ['One', 'Two', 'Three'].map((n) => createPortfolioRepository(live.db).create(emptyPortfolio(n)).id)
    await backupStore(live.db, join(dir, 'b.sqlite'))
    expect(checkRestoreCandidate(join(dir, 'b.sqlite'), 'b.sqlite')).toEqual({ version: LATEST_VERSION, portfolios: 3, findings: [] })

    const raw = new Database(join(dir, 'b.sqlite'))
    raw.pragma('ignore_check_constraints = ON')
    raw.prepare("UPDATE portfolios SET document = '{' WHERE id = ?").run(ids[1])
    raw.close()
    const check = checkRestoreCandidate(join(dir, 'b.sqlite'), 'b.sqlite')
    expect(check.portfolios).toBe(2)
    expect(check.findings).toEqual([expect.objectContaining({ table: 'portfolios', id: ids[1], reason: 'CHECK constraint failed: json_valid(document)' })])

    const old = new Database(join(dir, 'old.sqlite'))
    migrate(old, MIGRATIONS.slice(0, 2))
    old.close()
    expect(checkRestoreCandidate(join(dir, 'old.sqlite'), 'old.sqlite')).toMatchObject({ version: 2, portfolios: 0 })
  })

  it('refuses files that are not Cascade stores this version can open, each with the reason', () => {
    const dir = tempDir()
    const file = (name: string, make: (path: string) => void) => {
      const path = join(dir, name)
      make(path)
      return catchError(() => checkRestoreCandidate(path, name))
    }
    expect(file('empty.sqlite', (p) => writeFileSync(p, ''))).toEqual(refusal('empty.sqlite', /the file is empty/))
    expect(file('notes.txt', (p) => writeFileSync(p, 'hello\n'.repeat(100)))).toEqual(refusal('notes.txt', /it is not an SQLite database/))
    expect(
      file('other.sqlite', (p) => {
        const db = new Database(p)
        db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)')
        db.close()
      }),
    ).toEqual(refusal('other.sqlite', /it is not a Cascade store \(tables: invoices\)/))
    expect(file('blank.sqlite', (p) => new Database(p).exec('VACUUM').close())).toEqual(refusal('blank.sqlite', /it is not a Cascade store \(tables: none\)/))
    expect(
      file('future.sqlite', (p) => {
        const db = new Database(p)
        migrate(db)
        db.pragma(`user_version = ${LATEST_VERSION + 1}`)
        db.close()
      }),
    ).toEqual(refusal('future.sqlite', /it was written by a newer version of Cascade/))
    expect(
      file('damaged.sqlite', (p) => {
        const db = new Database(p)
        migrate(db)
        const repo = createPortfolioRepository(db)
        for (let i = 0; i < 30; i++) repo.create(emptyPortfolio(`Book ${i}`))
        db.close()
        const bytes = readFileSync(p)
        bytes.fill(0xff, 4096, bytes.length)
        writeFileSync(p, bytes)
      }),
    ).toEqual(refusal('damaged.sqlite', /the file is damaged/))
    expect(catchError(() => checkRestoreCandidate(join(dir, 'missing.sqlite'), 'missing.sqlite'))).toEqual(refusal('missing.sqlite', /it is not a file/))
  })

  it('a refused candidate leaves nothing behind; a good one replaces the store, which is kept with its WAL folded in', async () => {
    const dir = tempDir()
    const target = join(dir, 'cascade.sqlite')
    const live = open(target)
    createPortfolioRepository(live.db).create(emptyPortfolio('Before'))
    await backupStore(live.db, join(dir, 'b.sqlite'))
    createPortfolioRepository(live.db).create(emptyPortfolio('Added after the backup'))
    live.db.close()

    expect(() => stageRestore(target, 'junk.bin', (p) => writeFileSync(p, 'junk'))).toThrow(StoreError)
    expect(readdirSync(dir).sort()).toEqual(['b.sqlite', 'cascade.sqlite'])

    const { candidate } = stageRestore(target, 'b.sqlite', (p) => writeFileSync(p, readFileSync(join(dir, 'b.sqlite'))))
    const keptAs = swapInRestore(candidate, target, new Date('2026-11-21T08:00:00Z'))
    expect(keptAs).toBe(`${target}.before-restore-2026-11-21T08-00-00-000Z`)
    expect(readdirSync(dir).sort()).toEqual(['b.sqlite', 'cascade.sqlite', 'cascade.sqlite.before-restore-2026-11-21T08-00-00-000Z'])
    const kept = new Database(keptAs!, { readonly: true })
    opened.push(kept)
    expect(names(kept)).toEqual(['Added after the backup', 'Before'])
    expect(names(open(target).db)).toEqual(['Before'])
  })
})
