// study:* — Monte Carlo, grid and solve on every core (docs/DECISIONS.md): start (checked exactly as
// the CLI checks it: services/study-preparation), cancel, list, read, delete, export.
import { parseRange, studyToCsv, validateSet } from '../../../shared/engine/whatif'
import type { StudyStartRequest } from '../../../shared/ipc/channels'
import { fail, ok, type Result } from '../../../shared/ipc/result'
import type { FieldIssue } from '../../../shared/model/issues'
import type { HandlerTable } from '../ipc/dispatcher'
import { exportFileName } from '../services/portfolio-files'
import type { VenueSource } from '../services/run-preparation'
import type { ScenarioCatalog } from '../services/scenario-catalog'
import { gridRequest, monteCarloRequest, prepareStudy, solvePlan, type Prepared } from '../services/study-preparation'
import type { PortfolioRepository } from '../store/portfolio-repository'
import type { StudyRepository } from '../store/study-repository'
import type { StudyJob, StudyService } from '../studies/study-service'
import { scenarioOfRequest } from './scenario-request'

type StudyHandlers = Pick<HandlerTable, 'study:start' | 'study:cancel' | 'study:get' | 'study:list' | 'study:delete' | 'study:export'>

const notFound = (id: string) => fail('not-found', `No study with id "${id}"`, { path: 'id' })

/** A refusal from the preparation: the book or the pair (invalid-document), or the study's own options (invalid-payload). */
function refusal(r: Extract<Prepared<unknown>, { ok: false }>, what: string, prefix = ''): Result<never> {
  const issues = r.issues.map((i) => ({ path: r.stage === 'study' && prefix ? `${prefix}.${i.path}` : i.path, message: i.message }))
  const [first] = issues
  const code = r.stage === 'resolve' || r.stage === 'scenario' || r.stage === 'cascade' ? 'invalid-document' : 'invalid-payload'
  return fail(code, `${what}: ${first.path ? `${first.path}: ` : ''}${first.message}`, { path: first.path, issues })
}

const rangeText = (r: { axis: string; from: string; to: string; count: number }) => `${r.axis}=${r.from}:${r.to}:${r.count}`

export function studyHandlers(deps: { portfolios: PortfolioRepository; scenarios: ScenarioCatalog; venues: VenueSource; studies: StudyRepository; service: StudyService }): StudyHandlers {
  const { portfolios, scenarios, venues, studies, service } = deps
  return {
    'study:start': (req: StudyStartRequest) => {
      const book = portfolios.get(req.portfolioId)
      if (!book) return fail('not-found', `No portfolio with id "${req.portfolioId}"`, { path: 'portfolioId' })
      const scenario = scenarioOfRequest(scenarios, req)
      if (!scenario.ok) return scenario
      const set = validateSet(req.set ?? {})
      if (!set.ok) return fail('invalid-payload', `set: ${set.issues[0].path}: ${set.issues[0].message}`, { path: set.issues[0].path, issues: set.issues })
      const what = `${book.name} under ${scenario.value.name}`
      const prepared = prepareStudy(book.doc, scenario.value, { seed: req.seed, crowd: req.crowd, pricing: req.pricing, set: set.value, ...(req.model !== undefined ? { model: req.model } : {}) }, venues, scenarios)
      if (!prepared.ok) return refusal(prepared, what)
      const study = prepared.value
      const common = { base: study.base, portfolio: book.doc, scenario: study.base.scenario, seed: study.seed }
      const spec = req.study
      let job: StudyJob
      if (spec.kind === 'montecarlo') {
        const r = monteCarloRequest(study, spec.draws)
        if (!r.ok) return refusal(r, what, 'study')
        job = { ...common, kind: 'montecarlo', request: r.value }
      } else if (spec.kind === 'grid') {
        const x = parseRange(rangeText(spec.x), 'study.x')
        const y = parseRange(rangeText(spec.y), 'study.y')
        if (!x.ok || !y.ok) {
          const issues: FieldIssue[] = [...(x.ok ? [] : x.issues), ...(y.ok ? [] : y.issues)]
          return fail('invalid-payload', `${issues[0].path}: ${issues[0].message}`, { path: issues[0].path, issues })
        }
        const r = gridRequest(study, x.value, y.value, spec.draws ?? null)
        if (!r.ok) return refusal(r, what, 'study')
        job = { ...common, kind: 'grid', request: r.value }
      } else {
        const r = solvePlan(study, { axis: spec.axis, from: spec.from, to: spec.to, step: spec.step, probes: spec.probes, target: spec.target })
        if (!r.ok) return refusal(r, what, 'study')
        job = { ...common, kind: 'solve', plan: r.value }
      }
      return ok(service.start(job, book.id))
    },
    'study:cancel': ({ id }) => (service.cancel(id) ? ok({ id }) : fail('not-found', `No study in flight with id "${id}"`, { path: 'id' })),
    'study:list': () => ok(studies.list()),
    'study:get': ({ id }) => {
      const rec = studies.get(id)
      if (!rec) return notFound(id)
      const kept = service.unsaved(id)
      return ok(kept ? { ...rec, result: kept } : rec)
    },
    'study:delete': async ({ id }) => {
      if (!studies.item(id)) return notFound(id)
      // A study in flight is cancelled first; its row is ended once its workers have stopped.
      await service.stop(id)
      return studies.delete(id) ? ok({ id }) : fail('refused', `Study "${id}" could not be deleted while it runs`, { path: 'id' })
    },
    'study:export': ({ id, format }) => {
      const rec = studies.get(id)
      if (!rec) return notFound(id)
      const report = service.unsaved(id) ?? rec.result
      if (!report) return fail('not-found', `Study "${id}" has no report (status ${rec.status})`, { path: 'id' })
      const base = `${exportFileName(rec.portfolioName).replace(/\.cascade\.json$/, '').slice(0, 48)}-${rec.scenarioId}-${rec.kind}-seed${rec.seed}`
      return ok(format === 'csv' ? { fileName: `${base}.csv`, text: studyToCsv(report) } : { fileName: `${base}.json`, text: `${JSON.stringify(report, null, 2)}\n` })
    },
  }
}
