// run:* — start a cascade off the window's thread, cancel it, list and read kept runs.
import { RUN_LIST_PAGE } from '../../../shared/ipc/limits'
import { fail, ok } from '../../../shared/ipc/result'
import { eventsToCsv, eventsToJsonl, liquidationPath } from '../../../shared/model/liquidation-path'
import type { Scenario } from '../../../shared/model/scenario'
import { validateScenario } from '../../../shared/schemas/scenario'
import type { HandlerTable } from '../ipc/dispatcher'
import type { RunService } from '../runs/run-service'
import { exportFileName } from '../services/portfolio-files'
import { prepareRun, type VenueSource } from '../services/run-preparation'
import type { ScenarioCatalog } from '../services/scenario-catalog'
import type { PortfolioRepository } from '../store/portfolio-repository'
import type { RunRepository } from '../store/run-repository'

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
    'run:start': ({ portfolioId, scenarioId, scenario, seed, pricing, collateralPricing }) => {
      const book = portfolios.get(portfolioId)
      if (!book) return fail('not-found', `No portfolio with id "${portfolioId}"`, { path: 'portfolioId' })
      let doc: Scenario
      if (scenario !== undefined) {
        const r = validateScenario(scenario)
        if (!r.ok) return fail('invalid-document', `Scenario: ${r.issues.length} problem(s)`, { path: `scenario.${r.issues[0].path}`, issues: r.issues.map((i) => ({ path: `scenario.${i.path}`, message: i.message })) })
        doc = r.value
      } else if (scenarioId !== undefined) {
        const r = scenarios.get(scenarioId)
        if (!r.ok) return fail('not-found', r.issues[0].message, { path: 'scenarioId' })
        doc = r.value.doc
      } else return fail('invalid-payload', 'Give scenarioId or scenario', { path: 'scenarioId' })
      const job = prepareRun(book.doc, doc, { seed, pricing, collateralPricing }, venues, scenarios)
      if (!job.ok) {
        const [first] = job.issues
        const what = job.stage === 'resolve' ? book.name : `${book.name} cannot run under ${doc.name}`
        return fail('invalid-document', `${what}: ${first.path}: ${first.message}`, { path: first.path, issues: job.issues })
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
