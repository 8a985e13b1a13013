// Row-level damage is not a damaged file. `PRAGMA quick_check` reports both: pages SQLite cannot
// read (the file is moved aside, database.ts), and rows that break their table's CHECK, NOT NULL or
// STRICT type (one bad document). The second kind, and rows whose documents no longer parse or
// validate, are moved into the `quarantine` table (0005) with their reason, so the rest of the
// store stays in use and nothing is lost: the raw row is kept as JSON text.
import type Database from 'better-sqlite3'
import type { QuarantinedRow, StoreNotice } from '../../../shared/ipc/channels'
import { describeIssue, type FieldIssue } from '../../../shared/model/issues'
import { parsePortfolioText } from '../../../shared/schemas/portfolio'
import { parseScenarioText } from '../../../shared/schemas/scenario'
import { parseVenueText } from '../../../shared/schemas/venue'

/** The tables whose rows are checked, in the order their rows are removed (runs and studies first: they point at books). */
export const CHECKED_TABLES = ['runs', 'studies', 'portfolios', 'scenarios', 'venue_profiles'] as const
export type CheckedTable = (typeof CHECKED_TABLES)[number]
const isChecked = (t: string): t is CheckedTable => (CHECKED_TABLES as readonly string[]).includes(t)

/** quick_check stops after this many messages; at the limit every table is probed. */
export const CHECK_LIMIT = 1000

export interface Finding {
  table: CheckedTable
  rowid: number
  id: string | null
  reason: string
}

// quick_check's row-level messages (sqlite3 pragma.c): "CHECK constraint failed in t",
// "NULL value in t.c", "non-INTEGER value in t.c" (STRICT). Anything else is damage to the file.
const ROW_LEVEL = /^(?:CHECK constraint failed in (\w+)|(?:NULL|non-\w+|\w+) value in (\w+)\.\w+)$/

export interface CheckVerdict {
  /** Messages about the file itself (pages, btrees, freelist) or about tables that are not ours. */
  structural: string[]
  /** Our tables with rows that break their constraints. */
  tables: Set<CheckedTable>
}

export function classifyCheck(messages: readonly string[]): CheckVerdict {
  const verdict: CheckVerdict = { structural: [], tables: new Set() }
  if (messages.length === 1 && messages[0] === 'ok') return verdict
  for (const m of messages) {
    const hit = ROW_LEVEL.exec(m)
    const table = hit ? (hit[1] ?? hit[2]) : undefined
    if (table !== undefined && isChecked(table)) verdict.tables.add(table)
    else verdict.structural.push(m)
  }
  if (messages.length >= CHECK_LIMIT) for (const t of CHECKED_TABLES) verdict.tables.add(t)
  return verdict
}

export function quickCheck(db: Database.Database): string[] {
  return (db.pragma(`quick_check(${CHECK_LIMIT})`) as { quick_check: string }[]).map((r) => r.quick_check)
}

const idOf = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))

/**
 * Rows of `table` that break its constraints, each with SQLite's own message: every row is copied
 * into a temp table made from the same CREATE statement, and a copy that fails says why.
 */
function constraintFindings(db: Database.Database, table: CheckedTable): Finding[] {
  const sql = db.prepare<[string], string>("SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table)
  if (!sql) return []
  const found: Finding[] = []
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number
  db.pragma('foreign_keys = OFF') // the copy's REFERENCES would look for the parent in temp
  db.exec('DROP TABLE IF EXISTS temp.cascade_probe')
  try {
    db.exec(sql.replace(/^CREATE TABLE\s+("?)\w+\1/i, 'CREATE TEMP TABLE cascade_probe'))
    const copy = db.prepare(`INSERT INTO temp.cascade_probe SELECT * FROM main."${table}" WHERE rowid = ?`)
    const clear = db.prepare('DELETE FROM temp.cascade_probe')
    // .all(), not .iterate(): the copy writes on this connection while we read.
    for (const row of db.prepare<[], { rowid: number; id: unknown }>(`SELECT rowid, id FROM main."${table}"`).all()) {
      try {
        copy.run(row.rowid)
        clear.run()
      } catch (e) {
        // Only the row's own fault quarantines it; anything else is not a verdict on the row.
        if (!String((e as { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT')) throw e
        found.push({ table, rowid: row.rowid, id: idOf(row.id), reason: (e as Error).message })
      }
    }
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.cascade_probe')
    db.pragma(`foreign_keys = ${foreignKeys}`)
  }
  return found
}

function issuesLine(what: string, issues: FieldIssue[]): string {
  const first = issues[0] ? describeIssue(issues[0]) : 'invalid'
  return `${what} does not validate: ${first}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`
}

/** Why a stored document is unusable, or null when it parses and validates. */
function documentProblem(what: string, text: unknown, parse: (text: string) => { ok: true } | { ok: false; issues: FieldIssue[] }): string | null {
  if (typeof text !== 'string') return `${what} is not text`
  const r = parse(text)
  if (r.ok) return null
  const notJson = r.issues.length === 1 && r.issues[0].path === '' && r.issues[0].message.startsWith('not valid JSON')
  return notJson ? `${what} is ${r.issues[0].message}` : issuesLine(what, r.issues)
}

type Row = Record<string, unknown> & { rowid: number; id: unknown }

const DOCUMENT_CHECKS: Record<CheckedTable, { select: string; problem(row: Row): string | null }> = {
  portfolios: { select: 'rowid, id, document', problem: (r) => documentProblem('document', r.document, parsePortfolioText) },
  scenarios: { select: 'rowid, id, document', problem: (r) => documentProblem('document', r.document, parseScenarioText) },
  venue_profiles: { select: 'rowid, id, document', problem: (r) => documentProblem('document', r.document, parseVenueText) },
  studies: {
    select: 'rowid, id, portfolio_doc, scenario_doc, json_valid(request) AS request_ok, result IS NULL OR json_valid(result) AS result_ok',
    problem: (r) =>
      documentProblem('portfolio_doc', r.portfolio_doc, parsePortfolioText) ??
      documentProblem('scenario_doc', r.scenario_doc, parseScenarioText) ??
      (r.request_ok ? null : 'request is not valid JSON') ??
      (r.result_ok ? null : 'result is not valid JSON'),
  },
  runs: {
    select: 'rowid, id, portfolio_doc, scenario_doc, summary IS NULL OR json_valid(summary) AS summary_ok, series IS NULL OR json_valid(series) AS series_ok',
    problem: (r) =>
      documentProblem('portfolio_doc', r.portfolio_doc, parsePortfolioText) ??
      documentProblem('scenario_doc', r.scenario_doc, parseScenarioText) ??
      (r.summary_ok ? null : 'summary is not valid JSON') ??
      (r.series_ok ? null : 'series is not valid JSON'),
  },
}

/** Rows whose documents no longer parse or validate (written behind Cascade's back, or by a bug). */
function documentFindings(db: Database.Database, table: CheckedTable, skip: ReadonlySet<number>): Finding[] {
  const check = DOCUMENT_CHECKS[table]
  const found: Finding[] = []
  for (const row of db.prepare<[], Row>(`SELECT ${check.select} FROM main."${table}"`).iterate()) {
    if (skip.has(row.rowid)) continue
    const reason = check.problem(row)
    if (reason) found.push({ table, rowid: row.rowid, id: idOf(row.id), reason })
  }
  return found
}

/** Every damaged row: constraint breaks in the tables quick_check named, bad documents in all of them. */
export function findDamagedRows(db: Database.Database, flagged: ReadonlySet<CheckedTable>): Finding[] {
  const found: Finding[] = []
  // A backup from an older version may not have every table yet.
  const present = new Set(db.prepare<[], string>("SELECT name FROM main.sqlite_master WHERE type = 'table'").pluck().all())
  for (const table of CHECKED_TABLES.filter((t) => present.has(t))) {
    const broken = flagged.has(table) ? constraintFindings(db, table) : []
    found.push(...broken, ...documentFindings(db, table, new Set(broken.map((f) => f.rowid))))
  }
  return found
}

/** The raw row as JSON text; BLOBs (a run's gzip events) as base64, so the text holds everything. */
function rowText(row: Record<string, unknown>): string {
  const plain = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Buffer.isBuffer(v) ? { base64: v.toString('base64') } : v]))
  return JSON.stringify(plain)
}

/** Moves the rows into `quarantine` and out of their tables, in one transaction. */
export function quarantineRows(db: Database.Database, findings: readonly Finding[], at: Date): void {
  const insert = db.prepare(
    'INSERT INTO quarantine (source_table, row_id, row_json, reason, quarantined_at) VALUES (@table, @id, @text, @reason, @at)',
  )
  db.transaction(() => {
    for (const f of findings) {
      const row = db.prepare<[number], Record<string, unknown>>(`SELECT * FROM main."${f.table}" WHERE rowid = ?`).get(f.rowid)
      if (!row) continue
      insert.run({ table: f.table, id: f.id, text: rowText(row), reason: f.reason, at: at.toISOString() })
      db.prepare(`DELETE FROM main."${f.table}" WHERE rowid = ?`).run(f.rowid)
    }
  })()
}

/** Finds and quarantines the damaged rows; the notice to show, or null when every row was sound. */
export function quarantineDamaged(db: Database.Database, flagged: ReadonlySet<CheckedTable>, at: Date): StoreNotice | null {
  const findings = findDamagedRows(db, flagged)
  if (findings.length) quarantineRows(db, findings, at)
  const left = flagged.size ? quickCheck(db) : ['ok']
  if (!findings.length && left[0] === 'ok') return null
  return quarantineNotice(findings, left[0] === 'ok' ? [] : left)
}

const MAX_NOTICE_REASONS = 10

export function quarantineNotice(findings: readonly Finding[], stillReported: readonly string[] = []): StoreNotice {
  const n = findings.length
  const byTable = CHECKED_TABLES.map((t) => [t, findings.filter((f) => f.table === t).length] as const).filter(([, c]) => c > 0)
  const reasons = findings.slice(0, MAX_NOTICE_REASONS).map((f) => `${f.table} ${f.id ?? `(row ${f.rowid})`}: ${f.reason}`)
  if (n > MAX_NOTICE_REASONS) reasons.push(`... and ${n - MAX_NOTICE_REASONS} more`)
  const still = stillReported.length ? ` SQLite still reports: ${stillReported.slice(0, 3).join('; ')}.` : ''
  return {
    kind: 'rows-quarantined',
    message:
      `${n} damaged row${n === 1 ? ' was' : 's were'} moved into quarantine (${byTable.map(([t, c]) => `${t}: ${c}`).join(', ') || 'none'}); ` +
      `the rest of the store is in use. They are kept whole with their reason: the app lists them (status bar), \`cascade quarantine\` prints them.${still}`,
    count: n,
    reasons,
  }
}

interface QuarantineRow {
  id: number
  source_table: string
  row_id: string | null
  row_json: string
  reason: string
  quarantined_at: string
}

/** The quarantined rows, oldest first; an empty list on a store from before 0005. */
export function listQuarantine(db: Database.Database): QuarantinedRow[] {
  const exists = db.prepare("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'quarantine'").get()
  if (!exists) return []
  return db
    .prepare<[], QuarantineRow>('SELECT * FROM quarantine ORDER BY id')
    .all()
    .map((r) => ({ id: r.id, table: r.source_table, rowId: r.row_id, reason: r.reason, quarantinedAt: r.quarantined_at, text: r.row_json }))
}
