// The what-if editor of the Replay screen (docs/WHATIF.md): per book, the editor's state (a base
// scenario and its controls, lib/whatif), the book's exact metrics at the bottom of the edited
// scenario (`whatif:metrics`), Save / Rename / Delete of saved what-ifs (`scenario:*`) and Run
// (the runs store, with the edited document). Metrics requests are coalesced: one in flight at a
// time, and when it answers the latest state goes next, so a slider dragged fast costs one engine
// call per answer, never a queue of stale ones.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { IpcError } from '../../../shared/ipc/result'
import type { BottomMetrics } from '../../../shared/model/bottom'
import type { FieldIssue } from '../../../shared/model/issues'
import type { Scenario } from '../../../shared/model/scenario'
import { ID_PATTERN } from '../../../shared/schemas/id-field'
import { i18n } from '../i18n'
import { scenarioName } from '../i18n/presets'
import { checkDraft } from '../lib/draft'
import { calmState, scenarioFromState, stateFromScenario, type WhatIfState } from '../lib/whatif/editor-state'
import { usePortfolioEditorStore } from './portfolioEditor'
import { useRunsStore } from './runs'
import { useScenariosStore } from './scenarios'
import { cascadeApi } from '../api'

export type BaseKind = 'scenario' | 'calm'

export interface WhatIfSession {
  state: WhatIfState
  /**
   * Where the state started: a preset or saved what-if as it is, or its calm market. `id` is what
   * was picked (a date, say), `docId` and `name` the document it resolved to (its shipped name:
   * shown through the catalogue in the app's language).
   */
  from: { kind: BaseKind; id: string; docId: string; name: string }
  /** The saved what-if this edits (Save replaces it); null until saved. */
  savedId: string | null
  /** Bumped on every edit; `savedRev` is the edit last saved. */
  rev: number
  savedRev: number | null
}

export interface WhatIfFailure {
  message: string
  issues: FieldIssue[]
}

const failureOf = (e: IpcError): WhatIfFailure => ({ message: e.message, issues: e.issues ?? (e.path ? [{ path: e.path, message: e.message }] : []) })

/** `<base>-whatif-N`, the first free N, within the id pattern (64 characters). */
export function newWhatIfId(baseId: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  const stem = baseId.replace(/-whatif-\d+$/, '').slice(0, 48)
  for (let n = 1; ; n++) {
    const id = `${stem}-whatif-${n}`
    if (!used.has(id) && ID_PATTERN.test(id)) return id
  }
}

export const useWhatIfStore = defineStore('whatif', () => {
  const api = cascadeApi()
  const portfolios = usePortfolioEditorStore()
  const runs = useRunsStore()
  const scenarios = useScenariosStore()
  const t = i18n.global.t

  const open = ref<Record<string, boolean>>({})
  const sessions = ref<Record<string, WhatIfSession>>({})
  const loading = ref(false)
  const loadError = ref<string | null>(null)

  /** The last answer, for `resultFor` (book id + edit), kept while the next is computed. */
  const result = shallowRef<BottomMetrics | null>(null)
  const resultFor = ref<string | null>(null)
  const failure = ref<WhatIfFailure | null>(null)
  const pending = ref(false)
  /** Round trip of the last metrics answer, ms (shown to nobody; the e2e journey reads it). */
  const lastMs = ref<number | null>(null)
  const actionError = ref<WhatIfFailure | null>(null)
  const saving = ref(false)

  let inFlight = false
  let queued: string | null = null

  const saved = computed(() => scenarios.sorted.filter((s) => s.source === 'saved'))

  function sessionOf(portfolioId: string): WhatIfSession | null {
    return sessions.value[portfolioId] ?? null
  }

  /** The document the state builds (a blank name is named for the metrics, which need none). */
  function built(s: WhatIfSession, forMetrics = false) {
    const st = s.state
    return scenarioFromState(forMetrics && !st.name.trim() ? { ...st, name: st.base.name } : st)
  }

  async function startFrom(portfolioId: string, kind: BaseKind, scenarioId: string): Promise<void> {
    loading.value = true
    loadError.value = null
    try {
      // The scenario a run of this book would use: a date resolves to the book's venue's preset, or its market there.
      const venue = portfolios.sessions[portfolioId]?.draft.venue
      const r = await api.scenarioGet({ id: scenarioId, ...(venue ? { venue } : {}) })
      if (!r.ok) {
        loadError.value = r.error.message
        return
      }
      const doc: Scenario = r.value.doc
      const editingSaved = kind === 'scenario' && r.value.source === 'saved'
      const state = kind === 'calm' ? calmState(doc) : stateFromScenario(doc)
      const name = scenarioName(doc)
      if (!editingSaved) {
        state.id = newWhatIfId(doc.id, scenarios.list.map((s) => s.id))
        state.name = kind === 'calm' ? t('whatif.calmName', { name }) : t('whatif.defaultName', { name })
        state.description = kind === 'calm' ? t('whatif.calmDescription', { name }) : t('whatif.defaultDescription', { name })
      }
      sessions.value[portfolioId] = { state, from: { kind, id: scenarioId, docId: doc.id, name: doc.name }, savedId: editingSaved ? doc.id : null, rev: 0, savedRev: editingSaved ? 0 : null }
      touch(portfolioId, false)
    } finally {
      loading.value = false
    }
  }

  async function openFor(portfolioId: string, scenarioId: string): Promise<void> {
    open.value[portfolioId] = true
    if (!sessions.value[portfolioId]) await startFrom(portfolioId, 'scenario', scenarioId)
    else requestMetrics(portfolioId)
  }

  function close(portfolioId: string): void {
    open.value[portfolioId] = false
  }

  /** Call after every change to a session's state: marks it edited and asks for metrics. */
  function touch(portfolioId: string, edited = true): void {
    const s = sessions.value[portfolioId]
    if (!s) return
    if (edited) s.rev++
    requestMetrics(portfolioId)
  }

  const keyOf = (portfolioId: string, s: WhatIfSession) => {
    const f = runs.ensureForm(portfolioId)
    return `${portfolioId}#${s.rev}#${f.historicalPrices ? 'h' : 'b'}${f.conversionPricing ? 'c' : 'm'}#${portfolios.sessions[portfolioId]?.rev ?? 0}`
  }

  function requestMetrics(portfolioId: string): void {
    const s = sessions.value[portfolioId]
    if (!s) return
    pending.value = true
    if (inFlight) {
      queued = portfolioId
      return
    }
    void compute(portfolioId)
  }

  async function compute(portfolioId: string): Promise<void> {
    const s = sessions.value[portfolioId]
    const book = portfolios.sessions[portfolioId]
    if (!s || !book) {
      pending.value = false
      return
    }
    const key = keyOf(portfolioId, s)
    const doc = built(s, true)
    const bookCheck = checkDraft(book.draft)
    if (!doc.ok || !bookCheck.ok) {
      result.value = null
      resultFor.value = key
      failure.value = !doc.ok
        ? { message: t('whatif.scenarioProblems', { count: doc.issues.length }), issues: doc.issues }
        : { message: t('whatif.bookProblems', { count: bookCheck.issues.length }), issues: bookCheck.issues.map((i) => ({ path: i.path, message: i.message })) }
      pending.value = false
      return
    }
    inFlight = true
    const began = performance.now()
    try {
      const form = runs.ensureForm(portfolioId)
      const r = await api.whatifMetrics({
        doc: bookCheck.doc,
        scenario: doc.doc,
        ...(form.historicalPrices ? { pricing: 'historical' as const } : {}),
        ...(form.conversionPricing ? { collateralPricing: 'conversion' as const } : {}),
      })
      lastMs.value = performance.now() - began
      resultFor.value = key
      if (r.ok) {
        result.value = r.value
        failure.value = null
      } else {
        result.value = null
        failure.value = failureOf(r.error)
      }
    } finally {
      inFlight = false
    }
    const next = queued
    queued = null
    // Another edit arrived meanwhile: answer the latest state now; else the answer is current.
    if (next !== null) void compute(next)
    else pending.value = resultFor.value !== keyOf(portfolioId, s)
  }

  async function save(portfolioId: string): Promise<boolean> {
    const s = sessions.value[portfolioId]
    if (!s) return false
    actionError.value = null
    saving.value = true
    try {
      // A new what-if never replaces another one saved meanwhile (another book's editor, the CLI).
      if (!s.savedId) {
        await scenarios.load()
        const taken = scenarios.list.map((x) => x.id)
        if (taken.includes(s.state.id)) s.state.id = newWhatIfId(s.state.id, taken)
      }
      const doc = built(s)
      if (!doc.ok) {
        actionError.value = { message: t('whatif.scenarioProblems', { count: doc.issues.length }), issues: doc.issues }
        return false
      }
      const r = await api.scenarioSave({ doc: doc.doc })
      if (!r.ok) {
        actionError.value = failureOf(r.error)
        return false
      }
      s.savedId = r.value.id
      s.savedRev = s.rev
      await scenarios.load()
      return true
    } finally {
      saving.value = false
    }
  }

  async function rename(id: string, name: string): Promise<boolean> {
    actionError.value = null
    const r = await api.scenarioRename({ id, name })
    if (!r.ok) {
      actionError.value = failureOf(r.error)
      return false
    }
    // The editor of that what-if shows its new name.
    for (const s of Object.values(sessions.value)) if (s.savedId === id) s.state.name = r.value.name
    await scenarios.load()
    return true
  }

  async function remove(id: string): Promise<boolean> {
    actionError.value = null
    const r = await api.scenarioDelete({ id })
    if (!r.ok) {
      actionError.value = failureOf(r.error)
      return false
    }
    for (const s of Object.values(sessions.value)) {
      if (s.savedId !== id) continue
      s.savedId = null
      s.savedRev = null
    }
    // A book's run form pointing at the deleted what-if falls back to the default preset.
    for (const f of Object.values(runs.forms)) if (f.scenarioId === id) f.scenarioId = scenarios.sorted.find((x) => x.source === 'preset')?.id ?? f.scenarioId
    await scenarios.load()
    return true
  }

  /** Runs the edited document against the saved book, with the Replay form's seed and pricing. */
  async function run(portfolioId: string): Promise<boolean> {
    const s = sessions.value[portfolioId]
    if (!s) return false
    actionError.value = null
    const doc = built(s)
    if (!doc.ok) {
      actionError.value = { message: t('whatif.scenarioProblems', { count: doc.issues.length }), issues: doc.issues }
      return false
    }
    return runs.start(portfolioId, doc.doc)
  }

  /** The last answer when it is about this book (possibly for an earlier edit: see `isCurrent`). */
  function resultOf(portfolioId: string): BottomMetrics | null {
    return resultFor.value?.startsWith(`${portfolioId}#`) ? result.value : null
  }

  function isCurrent(portfolioId: string): boolean {
    const s = sessions.value[portfolioId]
    return !!s && resultFor.value === keyOf(portfolioId, s)
  }

  return {
    open,
    sessions,
    loading,
    loadError,
    result,
    resultFor,
    failure,
    pending,
    lastMs,
    actionError,
    saving,
    saved,
    sessionOf,
    startFrom,
    openFor,
    close,
    touch,
    requestMetrics,
    save,
    rename,
    remove,
    run,
    isCurrent,
    resultOf,
  }
})
