// Portfolio rows: statements prepared once, writes in transactions, the document kept as the
// exact JSON text of a validated `cascade.portfolio/1` (decimals stay strings).
import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { PortfolioRecord, PortfolioSummary } from '../../../shared/ipc/channels'
import type { Portfolio } from '../../../shared/model/portfolio'

/** What the store keeps; whether a book is a draft is worked out on read (services/book-check.ts). */
export type StoredSummary = Omit<PortfolioSummary, 'problemCount'>
export type StoredRecord = Omit<PortfolioRecord, 'problemCount' | 'problems'>

interface Row {
  id: string
  name: string
  venue: string
  margin_mode: Portfolio['marginMode']
  position_count: number
  document: string
  created_at: string
  updated_at: string
}

export interface PortfolioRepository {
  list(): StoredSummary[]
  /** Every book with its document, in list order. */
  records(): StoredRecord[]
  get(id: string): StoredRecord | null
  create(doc: Portfolio): StoredRecord
  /** Replaces the document; null when no such portfolio exists. */
  replace(id: string, doc: Portfolio): StoredRecord | null
  remove(id: string): boolean
  duplicate(id: string): StoredRecord | null
}

function toSummary(r: Row): StoredSummary {
  return { id: r.id, name: r.name, venue: r.venue, marginMode: r.margin_mode, positionCount: r.position_count, updatedAt: r.updated_at }
}

function toRecord(r: Row): StoredRecord {
  return { ...toSummary(r), createdAt: r.created_at, doc: JSON.parse(r.document) as Portfolio }
}

/** "Book" -> "Book (copy)", "Book (copy)" -> "Book (copy 2)", avoiding names already taken. */
export function copyName(name: string, taken: ReadonlySet<string>): string {
  const base = name.replace(/ \(copy(?: \d+)?\)$/, '')
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`
    if (!taken.has(candidate)) return candidate.slice(0, 200)
  }
}

export function createPortfolioRepository(db: Database.Database, now: () => Date = () => new Date()): PortfolioRepository {
  const stmt = {
    list: db.prepare<[], Row>('SELECT * FROM portfolios ORDER BY name COLLATE NOCASE, created_at'),
    names: db.prepare<[], { name: string }>('SELECT name FROM portfolios'),
    get: db.prepare<[string], Row>('SELECT * FROM portfolios WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO portfolios (id, name, venue, margin_mode, position_count, document, created_at, updated_at)
       VALUES (@id, @name, @venue, @margin_mode, @position_count, @document, @created_at, @updated_at)`,
    ),
    update: db.prepare(
      `UPDATE portfolios SET name = @name, venue = @venue, margin_mode = @margin_mode, position_count = @position_count,
       document = @document, updated_at = @updated_at WHERE id = @id`,
    ),
    remove: db.prepare<[string]>('DELETE FROM portfolios WHERE id = ?'),
  }

  const columns = (doc: Portfolio) => ({
    name: doc.name,
    venue: doc.venue,
    margin_mode: doc.marginMode,
    position_count: doc.positions.length,
    document: JSON.stringify(doc),
  })

  const create = (doc: Portfolio): StoredRecord => {
    const at = now().toISOString()
    const row: Row = { id: randomUUID(), ...columns(doc), created_at: at, updated_at: at }
    stmt.insert.run(row)
    return toRecord(row)
  }

  return {
    list: () => stmt.list.all().map(toSummary),
    records: () => stmt.list.all().map(toRecord),
    get(id) {
      const row = stmt.get.get(id)
      return row ? toRecord(row) : null
    },
    create,
    replace(id, doc) {
      const changed = stmt.update.run({ id, ...columns(doc), updated_at: now().toISOString() }).changes
      if (changed === 0) return null
      return toRecord(stmt.get.get(id) as Row)
    },
    remove: (id) => stmt.remove.run(id).changes > 0,
    duplicate: db.transaction((id: string): StoredRecord | null => {
      const row = stmt.get.get(id)
      if (!row) return null
      const taken = new Set(stmt.names.all().map((r) => r.name))
      const doc = JSON.parse(row.document) as Portfolio
      return create({ ...doc, name: copyName(doc.name, taken) })
    }),
  }
}
