// The scenario a request names: a preset or saved id, or a whole document checked by its validator
// (findings under `scenario.`). run:start and study:start ask the same way.
import { fail, ok, type Result } from '../../../shared/ipc/result'
import type { Scenario } from '../../../shared/model/scenario'
import { validateScenario } from '../../../shared/schemas/scenario'
import type { ScenarioCatalog } from '../services/scenario-catalog'

export function scenarioOfRequest(scenarios: ScenarioCatalog, req: { scenarioId?: string; scenario?: unknown }): Result<Scenario> {
  if (req.scenario !== undefined) {
    const r = validateScenario(req.scenario)
    if (!r.ok) return fail('invalid-document', `Scenario: ${r.issues.length} problem(s)`, { path: `scenario.${r.issues[0].path}`, issues: r.issues.map((i) => ({ path: `scenario.${i.path}`, message: i.message })) })
    return ok(r.value)
  }
  if (req.scenarioId !== undefined) {
    const r = scenarios.get(req.scenarioId)
    if (!r.ok) return fail('not-found', r.issues[0].message, { path: 'scenarioId' })
    return ok(r.value.doc)
  }
  return fail('invalid-payload', 'Give scenarioId or scenario', { path: 'scenarioId' })
}
