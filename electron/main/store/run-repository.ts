// Runs kept with the exact inputs they used, their summary, series and every event
// (gzip-compressed JSONL, the same lines `cascade run --events` writes).
import { randomUUID } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import type Database from 'better-sqlite3'
import type { RunListItem, RunRecord } from '../../../shared/ipc/channels'
import type { Portfolio } from '../../../shared/model/portfolio'
import { eventsToJsonl } from '../../../shared/model/liquidation-path'
import type { CascadeEvent, RunResult, RunSeries, RunSummary } from '../../../shared/model/run'
import type { Scenario } from '../../../shared/model/scenario'

interface Row {
  id: string
  portfolio_id: string | null
  portfolio_name: string
  scenario_id: string
  scenario_name: string
  seed: number
  status: RunListItem['status']
  error: string | null
  portfolio_doc: string
  scenario_doc: string
  summary: string | null
  series: string | null
  events_gz: Buffer | null
  event_count: number | null
  created_at: string
  finished_at: string | null
}

export interface RunStart {
  /** The app instance that runs it (`<pid>:<token>`). */
  owner: string
  portfolioId: string | null
  portfolio: Portfolio
  scenario: Scenario
  seed: number
}

export interface RunRepository {
  start(input: RunStart): RunListItem
  /** Stores the result of a run still `running`; false when the row was ended meanwhile. */
  finish(id: string, result: RunResult): boolean
  end(id: string, status: 'failed' | 'cancelled', error: string | null): void
  /** Newest first (then by id); with `after`, only the runs that come after that one in this order. */
  list(limit?: number, after?: { createdAt: string; id: string }): RunListItem[]
  /** The list columns of one run, without its documents, series or events. */
  item(id: string): RunListItem | null
  get(id: string): RunRecord | null
  events(id: string): CascadeEvent[] | null
  /**
   * Deletes a kept run with its documents, series and events. A run still `running` is refused
   * (cancel it first): its worker would write a result into a row that is gone.
   */
  delete(id: string): 'deleted' | 'running' | 'not-found'
  /** Runs left `running` by an instance that is gone (quit or crashed mid-run); `isGone` judges each owner. */
  markInterrupted(isGone: (owner: string | null) => boolean): number
}


function toItem(r: Row): RunListItem {
  const summary = r.summary ? (JSON.parse(r.summary) as RunSummary) : null
  return {
    id: r.id,
    portfolioId: r.portfolio_id,
    portfolioName: r.portfolio_name,
    scenarioId: r.scenario_id,
    scenarioName: r.scenario_name,
    seed: r.seed,
    status: r.status,
    error: r.error,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    survived: summary ? summary.survived : null,
    finalEquity: summary ? summary.finalEquity : null,
  }
}

export function createRunRepository(db: Database.Database, now: () => Date = () => new Date()): RunRepository {
  const listColumns = 'id, portfolio_id, portfolio_name, scenario_id, scenario_name, seed, status, error, summary, created_at, finished_at'
  const stmt = {
    insert: db.prepare(
      `INSERT INTO runs (id, owner, portfolio_id, portfolio_name, scenario_id, scenario_name, seed, status, portfolio_doc, scenario_doc, created_at)
       VALUES (@id, @owner, @portfolio_id, @portfolio_name, @scenario_id, @scenario_name, @seed, 'running', @portfolio_doc, @scenario_doc, @created_at)`,
    ),
    finish: db.prepare(
      `UPDATE runs SET status = 'done', error = NULL, summary = @summary, series = @series, events_gz = @events_gz, event_count = @event_count,
       finished_at = @finished_at WHERE id = @id AND status = 'running'`,
    ),
    end: db.prepare(`UPDATE runs SET status = @status, error = @error, finished_at = @finished_at WHERE id = @id AND status = 'running'`),
    list: db.prepare<[number], Row>(`SELECT ${listColumns} FROM runs ORDER BY created_at DESC, id LIMIT ?`),
    listAfter: db.prepare<[{ created_at: string; id: string; limit: number }], Row>(
      `SELECT ${listColumns} FROM runs WHERE created_at < @created_at OR (created_at = @created_at AND id > @id) ORDER BY created_at DESC, id LIMIT @limit`,
    ),
    get: db.prepare<[string], Row>('SELECT * FROM runs WHERE id = ?'),
    item: db.prepare<[string], Row>(`SELECT ${listColumns} FROM runs WHERE id = ?`),
    events: db.prepare<[string], { events_gz: Buffer | null }>('SELECT events_gz FROM runs WHERE id = ?'),
    delete: db.prepare<[string]>(`DELETE FROM runs WHERE id = ? AND status != 'running'`),
    status: db.prepare<[string], { status: string }>('SELECT status FROM runs WHERE id = ?'),
    owners: db.prepare<[], { owner: string | null }>(`SELECT DISTINCT owner FROM runs WHERE status = 'running'`),
    interrupted: db.prepare<[string, string | null]>(
      `UPDATE runs SET status = 'failed', error = 'interrupted: Cascade quit during the run', finished_at = ? WHERE status = 'running' AND owner IS ?`,
    ),
  }
  return {
    start(input) {
      const row = {
        id: randomUUID(),
        owner: input.owner,
        portfolio_id: input.portfolioId,
        portfolio_name: input.portfolio.name,
        scenario_id: input.scenario.id,
        scenario_name: input.scenario.name,
        seed: input.seed,
        portfolio_doc: JSON.stringify(input.portfolio),
        scenario_doc: JSON.stringify(input.scenario),
        created_at: now().toISOString(),
      }
      stmt.insert.run(row)
      return toItem(stmt.get.get(row.id) as Row)
    },
    finish(id, result) {
      const r = stmt.finish.run({
        id,
        summary: JSON.stringify(result.summary),
        series: JSON.stringify(result.series),
        events_gz: gzipSync(eventsToJsonl(result.events)),
        event_count: result.events.length,
        finished_at: now().toISOString(),
      })
      return r.changes > 0
    },
    end(id, status, error) {
      stmt.end.run({ id, status, error, finished_at: now().toISOString() })
    },
    list: (limit = 200, after) => (after ? stmt.listAfter.all({ created_at: after.createdAt, id: after.id, limit }) : stmt.list.all(limit)).map(toItem),
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
        summary: r.summary ? (JSON.parse(r.summary) as RunSummary) : null,
        series: r.series ? (JSON.parse(r.series) as RunSeries) : null,
        eventCount: r.event_count,
      }
    },
    events(id) {
      const r = stmt.events.get(id)
      if (!r?.events_gz) return null
      const text = gunzipSync(r.events_gz).toString('utf8')
      return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as CascadeEvent)
    },
    delete(id) {
      if (stmt.delete.run(id).changes > 0) return 'deleted'
      return stmt.status.get(id) ? 'running' : 'not-found'
    },
    markInterrupted(isGone) {
      const at = now().toISOString()
      let changes = 0
      for (const { owner } of stmt.owners.all()) if (isGone(owner)) changes += stmt.interrupted.run(at, owner).changes
      return changes
    },
  }
}
