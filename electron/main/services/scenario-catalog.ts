// Scenarios: presets shipped in resources/scenarios/ (read-only) and what-ifs saved in the store.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ScenarioRecord, ScenarioSummary } from '../../../shared/ipc/channels'
import type { FieldIssue } from '../../../shared/model/issues'
import type { Scenario } from '../../../shared/model/scenario'
import { parseScenarioText } from '../../../shared/schemas/scenario'
import type { ScenarioRepository } from '../store/scenario-repository'
import { dateOf, isDateMarket } from './scenario-resolution'

export type ScenarioLookup = { ok: true; value: ScenarioRecord } | { ok: false; issues: FieldIssue[] }

export function summaryOf(doc: Scenario, source: ScenarioSummary['source']): ScenarioSummary {
  const kind: ScenarioSummary['kind'] = doc.venue !== undefined ? 'calibrated' : isDateMarket(doc) && source === 'preset' ? 'date' : 'what-if'
  return {
    id: doc.id,
    name: doc.name,
    source,
    kind,
    ...(doc.venue !== undefined ? { venue: doc.venue } : {}),
    date: dateOf(doc),
    start: doc.start,
    end: doc.end,
    step: doc.step,
    ...(doc.description ? { description: doc.description } : {}),
  }
}

export interface ScenarioCatalog {
  list(): ScenarioSummary[]
  get(id: string): ScenarioLookup
  isPreset(id: string): boolean
  /** The shipped presets (calibrated crashes and dates' markets), for the date resolution. */
  presets(): Scenario[]
}

/** Presets are read once and cached: they ship with the app and never change while it runs. */
export function createScenarioCatalog(dir: string, saved?: ScenarioRepository): ScenarioCatalog {
  let presets: Map<string, Scenario> | null = null
  const loadPresets = (): Map<string, Scenario> => {
    if (presets) return presets
    presets = new Map()
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : []
    for (const f of files) {
      const r = parseScenarioText(readFileSync(join(dir, f), 'utf8'))
      if (!r.ok) throw new Error(`shipped scenario ${f} is invalid: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`)
      presets.set(r.value.id, r.value)
    }
    return presets
  }
  return {
    list() {
      const shipped = [...loadPresets().values()].map((d) => summaryOf(d, 'preset'))
      const mine = (saved?.list() ?? []).map((s) => summaryOf(s.doc, 'saved'))
      return [...shipped, ...mine]
    },
    get(id) {
      const preset = loadPresets().get(id)
      if (preset) return { ok: true, value: { ...summaryOf(preset, 'preset'), doc: preset } }
      const mine = saved?.get(id)
      if (mine) return { ok: true, value: { ...summaryOf(mine.doc, 'saved'), doc: mine.doc } }
      const known = [...loadPresets().keys(), ...(saved?.list() ?? []).map((s) => s.id)]
      return { ok: false, issues: [{ path: 'scenario', message: `unknown scenario "${id}"; known: ${known.join(', ')}` }] }
    },
    isPreset: (id) => loadPresets().has(id),
    presets: () => [...loadPresets().values()],
  }
}
