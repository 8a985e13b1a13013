// The user's saved what-ifs: save, rename and delete, with one verdict for every door (the
// scenario:* handlers and `cascade scenarios`). Presets ship with the app and are read-only; a
// saved document is always a valid `cascade.scenario/1` (docs/FORMATS.md §4), renamed included.
import type { ScenarioSummary } from '../../../shared/ipc/channels'
import type { FieldIssue } from '../../../shared/model/issues'
import { validateScenario } from '../../../shared/schemas/scenario'
import { summaryOf, type ScenarioCatalog } from './scenario-catalog'
import type { ScenarioRepository, StoredScenario } from '../store/scenario-repository'

export type SavedOutcome<T> = { ok: true; value: T } | { ok: false; code: 'invalid-document' | 'not-found'; message: string; issues: FieldIssue[] }

const savedSummary = (s: StoredScenario): ScenarioSummary => summaryOf(s.doc, 'saved')

function readOnly(id: string, verb: string): SavedOutcome<never> {
  const message = `"${id}" is a shipped preset and cannot be ${verb}; save a what-if from it under another id`
  return { ok: false, code: 'invalid-document', message, issues: [{ path: 'id', message }] }
}

function notFound(id: string): SavedOutcome<never> {
  const message = `No saved scenario with id "${id}"`
  return { ok: false, code: 'not-found', message, issues: [{ path: 'id', message }] }
}

export function saveScenario(catalog: ScenarioCatalog, repo: ScenarioRepository, doc: unknown): SavedOutcome<ScenarioSummary> {
  const r = validateScenario(doc)
  if (!r.ok) return { ok: false, code: 'invalid-document', message: `Scenario not saved: ${r.issues.length} problem(s)`, issues: r.issues }
  if (catalog.isPreset(r.value.id)) {
    const message = `"${r.value.id}" is a shipped preset; save your what-if under another id`
    return { ok: false, code: 'invalid-document', message, issues: [{ path: 'id', message: `"${r.value.id}" is a shipped preset; choose another id` }] }
  }
  return { ok: true, value: savedSummary(repo.save(r.value)) }
}

/** The new name is checked as the document's `name` (1-200 characters after trimming). */
export function renameScenario(catalog: ScenarioCatalog, repo: ScenarioRepository, id: string, name: string): SavedOutcome<ScenarioSummary> {
  if (catalog.isPreset(id)) return readOnly(id, 'renamed')
  const stored = repo.get(id)
  if (!stored) return notFound(id)
  const r = validateScenario({ ...stored.doc, name })
  if (!r.ok) return { ok: false, code: 'invalid-document', message: `Not renamed: ${r.issues.length} problem(s)`, issues: r.issues }
  const renamed = repo.rename(id, r.value)
  return renamed ? { ok: true, value: savedSummary(renamed) } : notFound(id)
}

export function deleteScenario(catalog: ScenarioCatalog, repo: ScenarioRepository, id: string): SavedOutcome<{ id: string }> {
  if (catalog.isPreset(id)) return readOnly(id, 'deleted')
  return repo.remove(id) ? { ok: true, value: { id } } : notFound(id)
}
