// portfolio:* — list, get, save, delete, duplicate, import and export of books.
import { basename } from 'node:path'
import type { PortfolioChanged } from '../../../shared/ipc/channels'
import type { HandlerTable } from '../ipc/dispatcher'
import { fail, ok, refused } from '../../../shared/ipc/result'
import { validatePortfolio } from '../../../shared/schemas/portfolio'
import { computeMetrics } from '../../../shared/engine/account/metrics-report'
import { exportFileName, loadTemplates, readPortfolioFile } from '../services/portfolio-files'
import type { VenueSource } from '../services/run-preparation'
import type { PortfolioRepository } from '../store/portfolio-repository'

type PortfolioHandlers = Pick<
  HandlerTable,
  'portfolio:list' | 'portfolio:get' | 'portfolio:save' | 'portfolio:delete' | 'portfolio:duplicate' | 'portfolio:import' | 'portfolio:export' | 'portfolio:metrics' | 'portfolio:templates'
>

const notFound = (id: string) => fail('not-found', `No portfolio with id "${id}"`, { path: 'id' })

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
  return {
    'portfolio:list': () => ok(repo.list()),
    'portfolio:get': ({ id }) => {
      const rec = repo.get(id)
      return rec ? ok(rec) : notFound(id)
    },
    'portfolio:save': ({ id, doc }) => {
      const checked = validatePortfolio(doc)
      if (!checked.ok) return refused('Portfolio not saved', checked)
      if (id === undefined) return report(repo.create(checked.value), 'created')
      const rec = repo.replace(id, checked.value)
      return rec ? report(rec, 'updated') : notFound(id)
    },
    'portfolio:delete': ({ id }) => (repo.remove(id) ? report({ id }, 'deleted') : notFound(id)),
    'portfolio:duplicate': ({ id }) => {
      const rec = repo.duplicate(id)
      return rec ? report(rec, 'created') : notFound(id)
    },
    'portfolio:import': ({ fileName, text }) => {
      const parsed = readPortfolioFile(fileName, text)
      if (!parsed.ok) return refused(`${basename(fileName)} was not imported`, parsed)
      return report(repo.create(parsed.value), 'created')
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
      const venue = venues.get(checked.value.venue)
      if (!venue.ok) return refused('No metrics', { issues: venue.issues.map((i) => ({ path: 'venue', message: i.message })) })
      const metrics = computeMetrics(checked.value, venue.value, { explain, validated: true })
      return metrics.ok ? ok(metrics.value) : refused('No metrics', metrics)
    },
  }
}
