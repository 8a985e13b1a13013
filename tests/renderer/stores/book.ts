// Stored books for the store tests: a record as `portfolio:get` / `portfolio:save` return it.
import type { PortfolioRecord, PortfolioSummary } from '../../../shared/ipc/channels'
import { emptyPortfolio, type Portfolio } from '../../../shared/model/portfolio'

export function recordOf(id: string, doc: Portfolio = emptyPortfolio(`Book ${id}`), updatedAt = '2026-01-01T00:00:00Z'): PortfolioRecord {
  return { id, name: doc.name, venue: doc.venue, marginMode: doc.marginMode, positionCount: doc.positions.length, updatedAt, createdAt: '2026-01-01T00:00:00Z', doc, problemCount: 0, problems: [] }
}

export function summaryOf(rec: PortfolioRecord): PortfolioSummary {
  const { id, name, venue, marginMode, positionCount, updatedAt, problemCount } = rec
  return { id, name, venue, marginMode, positionCount, updatedAt, problemCount }
}
