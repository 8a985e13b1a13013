// whatif:metrics — a book at the bottom of a scenario's exogenous paths (docs/WHATIF.md): the
// what-if editor's instant answer. The book and the scenario are checked as a run checks them
// (portfolio format, the book's verdict, the scenario format, then the run's own preparation), so
// what the editor shows and what Run refuses never disagree.
import { fail, ok, refused } from '../../../shared/ipc/result'
import { bottomMetrics } from '../../../shared/engine/bottom'
import { validatePortfolio } from '../../../shared/schemas/portfolio'
import { validateScenario } from '../../../shared/schemas/scenario'
import type { HandlerTable } from '../ipc/dispatcher'
import { resolveJob, type VenueSource } from '../services/run-preparation'
import type { PresetSource } from '../services/scenario-resolution'

export function whatifHandlers(venues: VenueSource, presets: PresetSource): Pick<HandlerTable, 'whatif:metrics'> {
  return {
    'whatif:metrics': ({ doc, scenario, pricing, collateralPricing }) => {
      const book = validatePortfolio(doc)
      if (!book.ok) return refused('No metrics', book)
      const s = validateScenario(scenario)
      if (!s.ok) {
        const issues = s.issues.map((i) => ({ path: `scenario.${i.path}`, message: i.message }))
        return fail('invalid-document', `Scenario: ${issues.length} problem(s)`, { path: issues[0].path, issues })
      }
      const job = resolveJob(book.value, s.value, { pricing, collateralPricing }, venues, presets)
      if (!job.ok) return refused('No metrics', job)
      const r = bottomMetrics(job.value)
      return r.ok ? ok(r.value) : refused(`No metrics under ${s.value.name}`, r)
    },
  }
}
