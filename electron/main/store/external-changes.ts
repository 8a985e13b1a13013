// Notices books changed by another process on the same store file (the CLI importing while the app
// is open). SQLite bumps `PRAGMA data_version` only for commits made through other connections, so
// a poll costs one pragma until something outside changed; then each book's version (updated_at,
// to the millisecond, and the document's length, for two writes within one millisecond) is diffed
// against the last look and each difference is reported once.
import type Database from 'better-sqlite3'
import type { PortfolioChanged } from '../../../shared/ipc/channels'

export interface ExternalChangeWatch {
  /** Looks once; reports what changed since the last look. */
  check(): void
  /** Our own write: remember it, so the next look does not report it again. */
  ownChange(c: PortfolioChanged): void
  stop(): void
}

export function watchExternalChanges(db: Database.Database, report: (c: PortfolioChanged) => void, everyMs: number): ExternalChangeWatch {
  const VERSION = "updated_at || ':' || length(document)"
  const versions = db.prepare<[], { id: string; v: string }>(`SELECT id, ${VERSION} AS v FROM portfolios`)
  const one = db.prepare<[string], { v: string }>(`SELECT ${VERSION} AS v FROM portfolios WHERE id = ?`)
  const snapshot = () => new Map(versions.all().map((r) => [r.id, r.v]))
  const dataVersion = () => db.pragma('data_version', { simple: true }) as number
  let known = snapshot()
  let seen = dataVersion()

  const check = () => {
    if (!db.open) return
    const v = dataVersion()
    if (v === seen) return
    seen = v
    const now = snapshot()
    for (const [id, at] of now) {
      const before = known.get(id)
      if (before === undefined) report({ id, change: 'created' })
      else if (before !== at) report({ id, change: 'updated' })
    }
    for (const id of known.keys()) if (!now.has(id)) report({ id, change: 'deleted' })
    known = now
  }
  const timer = everyMs > 0 ? setInterval(check, everyMs) : null
  timer?.unref()
  return {
    check,
    ownChange({ id, change }) {
      if (change === 'deleted') known.delete(id)
      else {
        const row = one.get(id)
        if (row) known.set(id, row.v)
      }
    },
    stop: () => {
      if (timer) clearInterval(timer)
    },
  }
}
