// scenario:* — the presets and the user's saved what-ifs (saved, renamed, deleted through
// services/saved-scenarios.ts, the verdicts `cascade scenarios` gives too).
import { fail, ok } from '../../../shared/ipc/result'
import type { HandlerTable } from '../ipc/dispatcher'
import type { VenueSource } from '../services/book-check'
import { summaryOf, type ScenarioCatalog } from '../services/scenario-catalog'
import { resolveScenario } from '../services/scenario-resolution'
import { deleteScenario, renameScenario, saveScenario, type SavedOutcome } from '../services/saved-scenarios'
import type { ScenarioRepository } from '../store/scenario-repository'

const reply = <T>(r: SavedOutcome<T>) => (r.ok ? ok(r.value) : fail(r.code, r.message, { path: r.issues[0]?.path, issues: r.issues }))

export function scenarioHandlers(catalog: ScenarioCatalog, repo: ScenarioRepository, venues: VenueSource): Pick<HandlerTable, 'scenario:list' | 'scenario:get' | 'scenario:save' | 'scenario:rename' | 'scenario:delete'> {
  return {
    'scenario:list': () => ok(catalog.list()),
    'scenario:get': ({ id, venue }) => {
      const r = catalog.get(id)
      if (!r.ok) return fail('not-found', r.issues[0].message, { path: 'id' })
      if (venue === undefined) return ok(r.value)
      const profile = venues.get(venue)
      if (!profile.ok) return fail('not-found', profile.issues[0].message, { path: 'venue' })
      // What a run of a book on this venue would use: the same resolution as run:start.
      const chosen = resolveScenario(r.value.doc, profile.value, catalog)
      if (!chosen.ok) return fail('invalid-document', chosen.issues[0].message, { path: 'id', issues: chosen.issues })
      const source = catalog.isPreset(chosen.doc.id) ? 'preset' : r.value.source
      return ok({ ...summaryOf(chosen.doc, source), doc: chosen.doc })
    },
    'scenario:save': ({ doc }) => reply(saveScenario(catalog, repo, doc)),
    'scenario:rename': ({ id, name }) => reply(renameScenario(catalog, repo, id, name)),
    'scenario:delete': ({ id }) => reply(deleteScenario(catalog, repo, id)),
  }
}
