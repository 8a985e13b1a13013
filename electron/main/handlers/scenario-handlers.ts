// scenario:* — the presets and the user's saved what-ifs (saved, renamed, deleted through
// services/saved-scenarios.ts, the verdicts `cascade scenarios` gives too).
import { fail, ok } from '../../../shared/ipc/result'
import type { HandlerTable } from '../ipc/dispatcher'
import type { ScenarioCatalog } from '../services/scenario-catalog'
import { deleteScenario, renameScenario, saveScenario, type SavedOutcome } from '../services/saved-scenarios'
import type { ScenarioRepository } from '../store/scenario-repository'

const reply = <T>(r: SavedOutcome<T>) => (r.ok ? ok(r.value) : fail(r.code, r.message, { path: r.issues[0]?.path, issues: r.issues }))

export function scenarioHandlers(catalog: ScenarioCatalog, repo: ScenarioRepository): Pick<HandlerTable, 'scenario:list' | 'scenario:get' | 'scenario:save' | 'scenario:rename' | 'scenario:delete'> {
  return {
    'scenario:list': () => ok(catalog.list()),
    'scenario:get': ({ id }) => {
      const r = catalog.get(id)
      return r.ok ? ok(r.value) : fail('not-found', r.issues[0].message, { path: 'id' })
    },
    'scenario:save': ({ doc }) => reply(saveScenario(catalog, repo, doc)),
    'scenario:rename': ({ id, name }) => reply(renameScenario(catalog, repo, id, name)),
    'scenario:delete': ({ id }) => reply(deleteScenario(catalog, repo, id)),
  }
}
