// run:* — start a cascade off the window's thread, cancel it, list and read kept runs.
import { RUN_LIST_PAGE } from '../../../shared/ipc/limits'
import { fail, ok } from '../../../shared/ipc/result'
import { eventsToCsv, eventsToJsonl, liquidationPath } from '../../../shared/model/liquidation-path'
import { validateSet } from '../../../shared/engine/whatif'
import type { HandlerTable } from '../ipc/dispatcher'
import type { RunService } from '../runs/run-service'
import { exportFileName } from '../services/portfolio-files'
import { prepareRun, type VenueSource } from '../services/run-preparation'
import type { ScenarioCatalog } from '../services/scenario-catalog'
import type { PortfolioRepository } from '../store/portfolio-repository'
import type { RunRepository } from '../store/run-repository'
import { scenarioOfRequest } from './scenario-request'

type RunHandlers = Pick<HandlerTable, 'run:start' | 'run:cancel' | 'run:get' | 'run:list' | 'run:export'>

const notFound = (id: string) => fail('not-found', `No run with id "${id}"`, { path: 'id' })

export function runHandlers(deps: {
  portfolios: PortfolioRepository
  scenarios: ScenarioCatalog
  venues: VenueSource
  runs: RunRepository
  service: RunService
}): RunHandlers {
  const { portfolios, scenarios, venues, runs, service } = deps
  return {
    'run:start': ({ portfolioId, scenarioId, scenario, seed, pricing, collateralPricing, set }) => {
      const book = portfolios.get(portfolioId)
      if (!book) return fail('not-found', `No portfolio with id "${portfolioId}"`, { path: 'portfolioId' })
      const chosen = scenarioOfRequest(scenarios, { scenarioId, scenario })
      if (!chosen.ok) return chosen
      const doc = chosen.value
      const axes = validateSet(set ?? {})
      if (!axes.ok) return fail('invalid-payload', `set: ${axes.issues[0].path}: ${axes.issues[0].message}`, { path: axes.issues[0].path, issues: axes.issues })
      const job = prepareRun(book.doc, doc, { seed, pricing, collateralPricing, set: axes.value }, venues, scenarios)
      if (!job.ok) {
        const [first] = job.issues
        const what = job.stage === 'resolve' ? book.name : `${book.name} cannot run under ${doc.name}`
        // An axis that does not apply to the pair is the request's fault, not the book's.
        return fail(job.stage === 'set' ? 'invalid-payload' : 'invalid-document', `${what}: ${first.path}: ${first.message}`, { path: first.path, issues: job.issues })
      }
      return ok(service.start(job.value, book.id))
    },
    'run:cancel': ({ id }) => (service.cancel(id) ? ok({ id }) : fail('not-found', `No run in flight with id "${id}"`, { path: 'id' })),
    'run:list': (req) => ok(runs.list(req?.limit ?? RUN_LIST_PAGE, req?.after)),
    'run:get': ({ id }) => {
      const rec = runs.get(id)
      if (!rec) return notFound(id)
      // A result this session could not save is still shown (and exportable) until the app closes.
      const kept = service.unsaved(id)
      if (kept) return ok({ ...rec, summary: kept.summary, series: kept.series, eventCount: kept.events.length, pathEvents: liquidationPath(kept.events) })
      return ok({ ...rec, pathEvents: liquidationPath(runs.events(id) ?? []) })
    },
    'run:export': ({ id, format }) => {
      const rec = runs.item(id)
      const events = service.unsaved(id)?.events ?? runs.events(id)
      if (!rec || !events) return rec ? fail('not-found', `Run "${id}" has no events (status ${rec.status})`, { path: 'id' }) : notFound(id)
      // The book's name is shortened, never the scenario and seed that tell runs apart.
      const base = `${exportFileName(rec.portfolioName).replace(/\.cascade\.json$/, '').slice(0, 48)}-${rec.scenarioId}-seed${rec.seed}`
      return ok(format === 'csv' ? { fileName: `${base}.events.csv`, text: eventsToCsv(events) } : { fileName: `${base}.events.jsonl`, text: eventsToJsonl(events) })
    },
  }
}
