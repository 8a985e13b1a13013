import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore } from '../../../../electron/main/store/database'
import { createPortfolioRepository } from '../../../../electron/main/store/portfolio-repository'
import { classifyCheck, listQuarantine } from '../../../../electron/main/store/quarantine'
import { createRunRepository } from '../../../../electron/main/store/run-repository'
import { createScenarioRepository } from '../../../../electron/main/store/scenario-repository'
import { createStudyRepository } from '../../../../electron/main/store/study-repository'
import { createVenueRepository } from '../../../../electron/main/store/venue-repository'
import { emptyPortfolio } from '../../../../shared/model/portfolio'
import { parsePortfolioText } from '../../../../shared/schemas/portfolio'
import { parseScenarioText } from '../../../../shared/schemas/scenario'
import { parseVenueText } from '../../../../shared/schemas/venue'
import { useTempDirs } from '../../../temp-dir'

const root = join(__dirname, '../../../..')
const tempDir = useTempDirs('quarantine')
const opened: Database.Database[] = []
afterEach(() => opened.splice(0).forEach((db) => db.open && db.close()))
const open = (path: string) => {
  const s = openStore(path, () => new Date('2026-11-21T08:00:00Z'))
  opened.push(s.db)
  return s
}
const raw = (path: string) => {
  const db = new Database(path)
  opened.push(db)
  return db
}

/** A store file with `n` books named "Book 01".."Book n"; returns its path and the books' ids. */
function storeWithBooks(n: number): { path: string; ids: string[] } {
  const path = join(tempDir(), 'cascade.sqlite')
  const { db } = open(path)
  const repo = createPortfolioRepository(db)
  const ids = Array.from({ length: n }, (_, i) => repo.create(emptyPortfolio(`Book ${String(i + 1).padStart(2, '0')}`)).id)
  db.close()
  return { path, ids }
}

describe('damaged rows are quarantined, the rest of the store stays in use', () => {
  it('a store with 50 books and one row breaking its CHECK opens with 49 books and 1 quarantined row with its reason', () => {
    const { path, ids } = storeWithBooks(50)
    const db = raw(path)
    db.pragma('ignore_check_constraints = ON')
    db.prepare("UPDATE portfolios SET document = '{\"format\": \"cascade.portfolio/1\", broken' WHERE id = ?").run(ids[7])
    db.close()

    const s = open(path)
    expect(createPortfolioRepository(s.db).list()).toHaveLength(49)
    expect(createPortfolioRepository(s.db).get(ids[7])).toBeNull()
    const q = listQuarantine(s.db)
    expect(q).toEqual([
      expect.objectContaining({ table: 'portfolios', rowId: ids[7], reason: 'CHECK constraint failed: json_valid(document)', quarantinedAt: '2026-11-21T08:00:00.000Z' }),
    ])
    // The raw row is kept whole, as JSON text: nothing is lost.
    expect(JSON.parse(q[0].text)).toMatchObject({ id: ids[7], name: 'Book 08', document: '{"format": "cascade.portfolio/1", broken' })
    expect(s.notices).toEqual([
      expect.objectContaining({ kind: 'rows-quarantined', count: 1, reasons: [`portfolios ${ids[7]}: CHECK constraint failed: json_valid(document)`] }),
    ])
    expect(s.notices[0].message).toMatch(/^1 damaged row was moved into quarantine \(portfolios: 1\); the rest of the store is in use/)
    // The file itself stayed: nothing moved aside, and it now passes SQLite's check.
    expect(readdirSync(join(path, '..')).filter((f) => f.includes('.corrupt-'))).toEqual([])
    expect(s.db.pragma('quick_check', { simple: true })).toBe('ok')
    s.db.close()

    const again = open(path)
    expect(again.notices).toEqual([])
    expect(createPortfolioRepository(again.db).list()).toHaveLength(49)
    expect(listQuarantine(again.db)).toHaveLength(1)
  })

  it('a document that parses but no longer validates is quarantined at open, not a crash in a list later', () => {
    const { path, ids } = storeWithBooks(3)
    const db = raw(path)
    const doc = JSON.parse(db.prepare<[string], string>('SELECT document FROM portfolios WHERE id = ?').pluck().get(ids[1]) as string)
    doc.marginMode = 'unified'
    doc.wallet = [{ asset: 'USDT', amount: '-5' }]
    db.prepare('UPDATE portfolios SET document = ? WHERE id = ?').run(JSON.stringify(doc), ids[1])
    db.close()

    const s = open(path)
    expect(createPortfolioRepository(s.db).list().map((b) => b.name)).toEqual(['Book 01', 'Book 03'])
    const [q] = listQuarantine(s.db)
    expect(q.rowId).toBe(ids[1])
    expect(q.reason).toMatch(/^document does not validate: marginMode: must be one of .* \(and 1 more\)$/)
  })

  it('rows of scenarios, runs and venue profiles count too; a run that points at a quarantined book goes first', () => {
    const path = join(tempDir(), 'cascade.sqlite')
    const s = open(path)
    const book = createPortfolioRepository(s.db).create(emptyPortfolio('Doomed'))
    const preset = parseScenarioText(readFileSync(join(root, 'resources/scenarios/2021-05-19.json'), 'utf8'))
    if (!preset.ok) throw new Error('preset invalid')
    createScenarioRepository(s.db).save({ ...preset.value, id: 'mine', name: 'Mine' })
    const venueText = readFileSync(join(root, 'resources/venues/okx.json'), 'utf8')
    const venue = parseVenueText(venueText)
    if (!venue.ok) throw new Error('venue invalid')
    createVenueRepository(s.db).save({ ...venue.value, id: 'okx-mine' }, venueText.replace('"id": "okx"', '"id": "okx-mine"'))
    const runs = createRunRepository(s.db)
    const run = runs.start({ owner: '1:x', portfolioId: book.id, portfolio: book.doc, scenario: preset.value, seed: 1 })
    s.db.close()

    const db = raw(path)
    db.pragma('ignore_check_constraints = ON')
    db.exec(`UPDATE portfolios SET document = 'not json';
             UPDATE scenarios SET document = '{"format":"cascade.scenario/1"}';
             UPDATE venue_profiles SET document = '[]';
             UPDATE runs SET status = 'exploded';`)
    db.close()

    const again = open(path)
    const q = listQuarantine(again.db)
    expect(q.map((r) => [r.table, r.rowId])).toEqual([
      ['runs', run.id],
      ['portfolios', book.id],
      ['scenarios', 'mine'],
      ['venue_profiles', 'okx-mine'],
    ])
    expect(q[0].reason).toMatch(/CHECK constraint failed: status IN/)
    expect(q[2].reason).toMatch(/^document does not validate/)
    expect(again.notices[0]).toMatchObject({ kind: 'rows-quarantined', count: 4 })
    expect(again.notices[0].message).toContain('(runs: 1, portfolios: 1, scenarios: 1, venue_profiles: 1)')
    for (const t of ['portfolios', 'scenarios', 'runs', 'venue_profiles']) expect(again.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0)
  })

  it('a study whose request or report is not JSON, or whose status is unknown, is quarantined before its book', () => {
    const path = join(tempDir(), 'cascade.sqlite')
    const s = open(path)
    const book = createPortfolioRepository(s.db).create(emptyPortfolio('Studied'))
    const preset = parseScenarioText(readFileSync(join(root, 'resources/scenarios/2021-05-19.json'), 'utf8'))
    if (!preset.ok) throw new Error('preset invalid')
    const studies = createStudyRepository(s.db)
    const start = () => studies.start({ owner: '1:x', kind: 'montecarlo', portfolioId: book.id, portfolio: book.doc, scenario: preset.value, seed: 1, request: { draws: 1 } })
    const [a, b, c, sound] = [start(), start(), start(), start()]
    s.db.close()
    const db = raw(path)
    db.pragma('ignore_check_constraints = ON')
    db.prepare(`UPDATE studies SET request = 'nope' WHERE id = ?`).run(a.id)
    db.prepare(`UPDATE studies SET result = '{' WHERE id = ?`).run(b.id)
    db.prepare(`UPDATE studies SET status = 'exploded' WHERE id = ?`).run(c.id)
    db.prepare(`UPDATE portfolios SET document = 'not json'`).run()
    db.close()
    const again = open(path)
    const q = listQuarantine(again.db)
    expect(q.map((r) => r.table)).toEqual(['studies', 'studies', 'studies', 'portfolios'])
    expect(q.filter((r) => r.table === 'studies').map((r) => r.rowId).sort()).toEqual([a.id, b.id, c.id].sort())
    expect(q.map((r) => r.reason).join('\n')).toMatch(/CHECK constraint failed/)
    // The sound study stays, its book gone (ON DELETE SET NULL).
    expect(createStudyRepository(again.db).list().map((x) => [x.id, x.portfolioId])).toEqual([[sound.id, null]])
  })

  it('a sound store with real books, a saved scenario, an imported profile and a run quarantines nothing', () => {
    const path = join(tempDir(), 'cascade.sqlite')
    const s = open(path)
    const books = createPortfolioRepository(s.db)
    const made = ['hedge-book', 'market-maker', 'usde-loop'].map((name) => {
      const r = parsePortfolioText(readFileSync(join(root, `resources/examples/${name}.json`), 'utf8'))
      if (!r.ok) throw new Error(`${name} invalid`)
      return books.create(r.value)
    })
    const runs = createRunRepository(s.db)
    for (const f of ['2020-03-12', '2021-05-19', '2025-10-10']) {
      const r = parseScenarioText(readFileSync(join(root, `resources/scenarios/${f}.json`), 'utf8'))
      if (!r.ok) throw new Error(`${f} invalid`)
      createScenarioRepository(s.db).save({ ...r.value, id: `saved-${f}` })
      runs.start({ owner: '1:x', portfolioId: made[0].id, portfolio: made[0].doc, scenario: r.value, seed: 7 })
    }
    for (const f of readdirSync(join(root, 'resources/venues'))) {
      const text = readFileSync(join(root, 'resources/venues', f), 'utf8')
      const v = parseVenueText(text)
      if (!v.ok) throw new Error(`${f} invalid`)
      createVenueRepository(s.db).save(v.value, text)
    }
    s.db.close()
    const again = open(path)
    expect(again.notices).toEqual([])
    expect(listQuarantine(again.db)).toEqual([])
    expect(createPortfolioRepository(again.db).list()).toHaveLength(3)
  })

  it('damaged pages still move the whole file aside', () => {
    const { path } = storeWithBooks(2)
    const bytes = readFileSync(path)
    expect(bytes.length).toBeGreaterThan(4096)
    bytes.fill(0xff, 4096, bytes.length) // keep page 1 (header and schema), wreck the table pages
    writeFileSync(path, bytes)
    const s = open(path)
    expect(s.notices[0]?.kind).toBe('corrupt-database-moved')
    expect(existsSync(s.notices[0].movedTo!)).toBe(true)
  })
})

describe('classifyCheck', () => {
  it('tells rows breaking their constraints in our tables from damage to the file', () => {
    expect(classifyCheck(['ok'])).toEqual({ structural: [], tables: new Set() })
    expect(classifyCheck(['CHECK constraint failed in portfolios', 'NULL value in runs.seed', 'non-TEXT value in scenarios.name'])).toEqual({
      structural: [],
      tables: new Set(['portfolios', 'runs', 'scenarios']),
    })
    const v = classifyCheck(['CHECK constraint failed in portfolios', '*** in database main ***\nPage 7: btreeInitPage() returns error code 11', 'CHECK constraint failed in invoices'])
    expect(v.structural).toHaveLength(2)
    expect(v.tables).toEqual(new Set(['portfolios']))
  })
})
