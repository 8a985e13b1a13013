// scenario:* — the presets and the user's saved what-ifs.
import { fail, ok } from '../../../shared/ipc/result'
import { validateScenario } from '../../../shared/schemas/scenario'
import type { HandlerTable } from '../ipc/dispatcher'
import { summaryOf, type ScenarioCatalog } from '../services/scenario-catalog'
import type { ScenarioRepository } from '../store/scenario-repository'

export function scenarioHandlers(catalog: ScenarioCatalog, repo: ScenarioRepository): Pick<HandlerTable, 'scenario:list' | 'scenario:get' | 'scenario:save'> {
  return {
    'scenario:list': () => ok(catalog.list()),
    'scenario:get': ({ id }) => {
      const r = catalog.get(id)
      return r.ok ? ok(r.value) : fail('not-found', r.issues[0].message, { path: 'id' })
    },
    'scenario:save': ({ doc }) => {
      const r = validateScenario(doc)
      if (!r.ok) return fail('invalid-document', `Scenario not saved: ${r.issues.length} problem(s)`, { path: r.issues[0]?.path, issues: r.issues })
      if (catalog.isPreset(r.value.id)) {
        return fail('invalid-document', `"${r.value.id}" is a shipped preset; save your what-if under another id`, {
          path: 'id',
          issues: [{ path: 'id', message: `"${r.value.id}" is a shipped preset; choose another id` }],
        })
      }
      const saved = repo.save(r.value)
      return ok(summaryOf(saved.doc, 'saved'))
    },
  }
}
