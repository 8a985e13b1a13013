// Studies kept with the exact inputs they used (book, scenario, request) and their report.
import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { StudyGlance, StudyListItem, StudyRecord } from '../../../shared/ipc/channels'
import type { Portfolio } from '../../../shared/model/portfolio'
import type { Scenario } from '../../../shared/model/scenario'
import type { StudyKind, StudyReport } from '../../../shared/model/study'

interface Row {
  id: string
  kind: StudyKind
  portfolio_id: string | null
  portfolio_name: string
  scenario_id: string
  scenario_name: string
  seed: number
  status: StudyListItem['status']
  error: string | null
  portfolio_doc: string
  scenario_doc: string
  request: string
  result: string | null
  created_at: string
  finished_at: string | null
}

export interface StudyStart {
  owner: string
  kind: StudyKind
  portfolioId: string | null
  portfolio: Portfolio
  scenario: Scenario
  seed: number
  /** What the study runs: its sweep request or solve plan, as plain data. */
  request: unknown
}

export interface StudyRepository {
  start(input: StudyStart): StudyListItem
  /** Stores the report of a study still `running`; false when the row was ended meanwhile. */
  finish(id: string, report: StudyReport): boolean
  end(id: string, status: 'failed' | 'cancelled', error: string | null): void
  list(limit?: number): StudyListItem[]
  item(id: string): StudyListItem | null
  get(id: string): StudyRecord | null
  delete(id: string): boolean
  markInterrupted(isGone: (owner: string | null) => boolean): number
}

/** The few figures a list shows of a finished study. */
export function glanceOf(report: StudyReport | null): StudyGlance | null {
  if (!report) return null
  if (report.format === 'cascade.montecarlo/1') return { kind: 'montecarlo', liquidated: report.liquidated, draws: report.draws }
  if (report.format === 'cascade.grid/1') {
    const cells = report.cells.flat()
    const survived = cells.filter((c) => (typeof c.survived === 'boolean' ? c.survived : c.survived.p >= 0.5)).length
    return { kind: 'grid', cells: cells.length, survivedCells: survived, x: report.x.axis, y: report.y.axis }
  }
  return { kind: 'solve', axis: report.axis, answer: report.answer, monotone: report.monotone }
}

export function createStudyRepository(db: Database.Database, now: () => Date = () => new Date()): StudyRepository {
  const listColumns = 'id, kind, portfolio_id, portfolio_name, scenario_id, scenario_name, seed, status, error, result, created_at, finished_at'
  const toItem = (r: Omit<Row, 'portfolio_doc' | 'scenario_doc' | 'request'>): StudyListItem => ({
    id: r.id,
    kind: r.kind,
    portfolioId: r.portfolio_id,
    portfolioName: r.portfolio_name,
    scenarioId: r.scenario_id,
    scenarioName: r.scenario_name,
    seed: r.seed,
    status: r.status,
    error: r.error,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    glance: glanceOf(r.result ? (JSON.parse(r.result) as StudyReport) : null),
  })
  const stmt = {
    insert: db.prepare(
      `INSERT INTO studies (id, owner, kind, portfolio_id, portfolio_name, scenario_id, scenario_name, seed, status, portfolio_doc, scenario_doc, request, created_at)
       VALUES (@id, @owner, @kind, @portfolio_id, @portfolio_name, @scenario_id, @scenario_name, @seed, 'running', @portfolio_doc, @scenario_doc, @request, @created_at)`,
    ),
    finish: db.prepare(`UPDATE studies SET status = 'done', error = NULL, result = @result, finished_at = @finished_at WHERE id = @id AND status = 'running'`),
    end: db.prepare(`UPDATE studies SET status = @status, error = @error, finished_at = @finished_at WHERE id = @id AND status = 'running'`),
    list: db.prepare<[number], Row>(`SELECT ${listColumns} FROM studies ORDER BY created_at DESC, id LIMIT ?`),
    item: db.prepare<[string], Row>(`SELECT ${listColumns} FROM studies WHERE id = ?`),
    get: db.prepare<[string], Row>('SELECT * FROM studies WHERE id = ?'),
    delete: db.prepare<[string]>(`DELETE FROM studies WHERE id = ? AND status != 'running'`),
    owners: db.prepare<[], { owner: string | null }>(`SELECT DISTINCT owner FROM studies WHERE status = 'running'`),
    interrupted: db.prepare<[string, string | null]>(`UPDATE studies SET status = 'failed', error = 'interrupted: Cascade quit during the study', finished_at = ? WHERE status = 'running' AND owner IS ?`),
  }
  return {
    start(input) {
      const row = {
        id: randomUUID(),
        owner: input.owner,
        kind: input.kind,
        portfolio_id: input.portfolioId,
        portfolio_name: input.portfolio.name,
        scenario_id: input.scenario.id,
        scenario_name: input.scenario.name,
        seed: input.seed,
        portfolio_doc: JSON.stringify(input.portfolio),
        scenario_doc: JSON.stringify(input.scenario),
        request: JSON.stringify(input.request),
        created_at: now().toISOString(),
      }
      stmt.insert.run(row)
      return toItem(stmt.item.get(row.id) as Row)
    },
    finish(id, report) {
      return stmt.finish.run({ id, result: JSON.stringify(report), finished_at: now().toISOString() }).changes > 0
    },
    end(id, status, error) {
      stmt.end.run({ id, status, error, finished_at: now().toISOString() })
    },
    list: (limit = 200) => stmt.list.all(limit).map(toItem),
    item(id) {
      const r = stmt.item.get(id)
      return r ? toItem(r) : null
    },
    get(id) {
      const r = stmt.get.get(id)
      if (!r) return null
      return {
        ...toItem(r),
        portfolio: JSON.parse(r.portfolio_doc) as Portfolio,
        scenario: JSON.parse(r.scenario_doc) as Scenario,
        request: JSON.parse(r.request) as unknown,
        result: r.result ? (JSON.parse(r.result) as StudyReport) : null,
      }
    },
    delete: (id) => stmt.delete.run(id).changes > 0,
    markInterrupted(isGone) {
      const at = now().toISOString()
      let changes = 0
      for (const { owner } of stmt.owners.all()) if (isGone(owner)) changes += stmt.interrupted.run(at, owner).changes
      return changes
    },
  }
}
