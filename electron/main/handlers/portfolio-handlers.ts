// portfolio:* — list, get, save, delete, duplicate, import and export of books.
import { basename } from 'node:path'
import type { PortfolioChanged, PortfolioRecord, PortfolioSummary } from '../../../shared/ipc/channels'
import type { HandlerTable } from '../ipc/dispatcher'
import { capIssues, fail, ok, refused } from '../../../shared/ipc/result'
import { validatePortfolio } from '../../../shared/schemas/portfolio'
import { computeMetrics } from '../../../shared/engine/account/metrics-report'
import { bookProblems, checkStoredBook, type VenueSource } from '../services/book-check'
import { exportFileName, isCsvFile, loadTemplates, readPortfolioFile } from '../services/portfolio-files'
import { previewPositionsImport } from '../services/positions-import'
import { positionCalculator } from '../../../shared/engine/account/position-calculator'
import type { PortfolioRepository, StoredRecord } from '../store/portfolio-repository'

type PortfolioHandlers = Pick<
  HandlerTable,
  | 'portfolio:list'
  | 'portfolio:get'
  | 'portfolio:save'
  | 'portfolio:delete'
  | 'portfolio:duplicate'
  | 'portfolio:import'
  | 'portfolio:importPreview'
  | 'portfolio:export'
  | 'portfolio:metrics'
  | 'portfolio:templates'
  | 'portfolio:calculator'
>

const notFound = (id: string) => fail('not-found', `No portfolio with id "${id}"`, { path: 'id' })

/**
 * A stored book with the engine's findings on it. A book the engine refuses is still saved (the
 * user's edits are never lost to a rule they have yet to meet), as a draft: `problems` say why,
 * on every read, until it is fixed or the catalogue learns its venue (docs/FORMATS.md §2.6).
 */
export function withProblems(rec: StoredRecord, venues: VenueSource): PortfolioRecord {
  const problems = bookProblems(rec.doc, venues)
  return { ...rec, problemCount: problems.length, problems: capIssues(problems) }
}

/**
 * `changed` is told of every stored book created, updated or deleted, so the core can tell every
 * window (the handler knows what it did; nobody works it out from channel names).
 */
export function portfolioHandlers(
  repo: PortfolioRepository,
  venues: VenueSource,
  examplesDir: string,
  changed: (c: PortfolioChanged) => void = () => {},
): PortfolioHandlers {
  const report = <T extends { id: string }>(value: T, change: PortfolioChanged['change']) => {
    changed({ id: value.id, change })
    return ok(value)
  }
  const full = (rec: StoredRecord) => withProblems(rec, venues)
  return {
    'portfolio:list': () =>
      ok(
        repo.records().map((rec): PortfolioSummary => {
          const { id, name, venue, marginMode, positionCount, updatedAt } = rec
          return { id, name, venue, marginMode, positionCount, updatedAt, problemCount: bookProblems(rec.doc, venues).length }
        }),
      ),
    'portfolio:get': ({ id }) => {
      const rec = repo.get(id)
      return rec ? ok(full(rec)) : notFound(id)
    },
    // Schema-invalid documents are refused (the store keeps only cascade.portfolio/1 documents);
    // a valid one the engine refuses is stored as a draft and comes back with its problems.
    'portfolio:save': ({ id, doc }) => {
      const checked = validatePortfolio(doc)
      if (!checked.ok) return refused('Portfolio not saved', checked)
      if (id === undefined) return report(full(repo.create(checked.value)), 'created')
      const rec = repo.replace(id, checked.value)
      return rec ? report(full(rec), 'updated') : notFound(id)
    },
    'portfolio:delete': ({ id }) => (repo.remove(id) ? report({ id }, 'deleted') : notFound(id)),
    'portfolio:duplicate': ({ id }) => {
      const rec = repo.duplicate(id)
      return rec ? report(full(rec), 'created') : notFound(id)
    },
    // A file is refused whole, as `cascade import` refuses it: nothing typed is lost, the file is still there.
    'portfolio:import': ({ fileName, text, options }) => {
      const parsed = readPortfolioFile(fileName, text, venues, options)
      if (!parsed.ok) return refused(`${basename(fileName)} was not imported`, parsed)
      const verdict = checkStoredBook(parsed.value, venues)
      if (!verdict.ok) return refused(`${basename(fileName)} was not imported`, verdict)
      return report(full(repo.create(parsed.value)), 'created')
    },
    // The same reading as the import, row by row, so the preview's verdicts are the import's.
    'portfolio:importPreview': ({ fileName, text, options }) => {
      if (!isCsvFile(fileName)) return fail('invalid-payload', `${basename(fileName)}: a preview is for a .csv of positions`, { path: 'fileName' })
      const r = previewPositionsImport(fileName, text, options ?? {}, venues)
      return r.ok ? ok(r.value) : refused(`${basename(fileName)} was not imported`, r)
    },
    'portfolio:export': ({ id }) => {
      const rec = repo.get(id)
      if (!rec) return notFound(id)
      return ok({ fileName: exportFileName(rec.name), text: `${JSON.stringify(rec.doc, null, 2)}\n` })
    },
    'portfolio:templates': () => ok(loadTemplates(examplesDir)),
    'portfolio:metrics': ({ doc, explain }) => {
      const checked = validatePortfolio(doc)
      if (!checked.ok) return refused('No metrics', checked)
      const verdict = checkStoredBook(checked.value, venues)
      if (!verdict.ok) return refused('No metrics', verdict)
      const metrics = computeMetrics(checked.value, verdict.venue, { explain, validated: true })
      return metrics.ok ? ok(metrics.value) : refused('No metrics', metrics)
    },
    // Needs only the venue (no prices, no verdict): a book the engine refuses still gets its figures.
    'portfolio:calculator': ({ doc, exits }) => {
      const checked = validatePortfolio(doc)
      if (!checked.ok) return refused('No calculator figures', checked)
      const v = venues.get(checked.value.venue)
      if (!v.ok) return refused('No calculator figures', { issues: v.issues.map((i) => ({ path: i.path ? `venue.${i.path}` : 'venue', message: i.message })) })
      const r = positionCalculator(checked.value, v.value, exits ?? {})
      return r.ok ? ok(r.value) : refused('No calculator figures', r)
    },
  }
}
