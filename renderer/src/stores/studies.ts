// Studies of a book (docs/DECISIONS.md §6): Monte Carlo, grid and solve on every core, in main.
// Start one from the Studies tab's form, follow it through `study:progress` / `study:done`, cancel
// it, list the kept studies with delete, open one (`study:get`: the report of docs/FORMATS.md §7),
// export it (JSON, CSV), and open a grid cell, a solve value or a draw as a single run on the
// Replay tab. Reports can be large (every draw's outcome), so they are kept raw, a few at a time.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { StudyFinished, StudyListItem, StudyProgress, StudyRecord, StudyStartRequest } from '../../../shared/ipc/channels'
import type { IpcError } from '../../../shared/ipc/result'
import type { WhatIfSet } from '../../../shared/model/study'
import type { RunStatus } from '../../../shared/ipc/channels'
import { cascadeApi } from '../api'
import { downloadText, mimeFor } from '../composables/download'
import { translate } from '../i18n'
import { localizeEngineText } from '../i18n/engine-text'
import { describe as describeError } from '../lib/describe-error'
import { keepRecent } from '../lib/recent-cache'
import { buildStudyRequest, defaultStudyForm, type StudyForm } from '../lib/studies/study-form'
import { usePortfolioEditorStore } from './portfolioEditor'
import { useRunsStore, type StartFailure } from './runs'
import { useWorkspaceStore } from './workspace'

/** How many opened reports stay in memory. */
const RECORD_CACHE = 4

/** A refused start: its message and findings, as a run's (`StartFailure`). */
export type StudyStartFailure = StartFailure

const describe = (error: IpcError): string => describeError(error, 3)

export const useStudiesStore = defineStore('studies', () => {
  const api = cascadeApi()
  const portfolios = usePortfolioEditorStore()
  const runs = useRunsStore()
  const workspace = useWorkspaceStore()

  const list = ref<StudyListItem[]>([])
  const loaded = ref(false)
  const loadError = ref<string | null>(null)
  const progress = ref<Record<string, StudyProgress>>({})
  /** Ends that arrived as events, possibly before `study:start` replied. */
  const finished = ref<Record<string, StudyFinished>>({})
  /** The study shown on each book's Studies tab. */
  const openIds = ref<Record<string, string>>({})
  const records = ref<Record<string, StudyRecord>>({})
  const recordOrder: string[] = []
  const recordError = ref<Record<string, string>>({})
  const forms = ref<Record<string, StudyForm>>({})
  const starting = ref(false)
  const startFailure = ref<StudyStartFailure | null>(null)
  const actionError = ref<string | null>(null)
  /** Runs opened from a study, by study, seed and set: a second click opens the same run. */
  const openedRuns = ref<Record<string, string>>({})

  const byId = computed(() => new Map(list.value.map((s) => [s.id, s])))

  function statusOf(id: string): RunStatus | null {
    return finished.value[id]?.status ?? byId.value.get(id)?.status ?? null
  }

  function studiesOf(portfolioId: string): StudyListItem[] {
    return list.value.filter((s) => s.portfolioId === portfolioId).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  function ensureForm(portfolioId: string): StudyForm {
    if (!forms.value[portfolioId]) forms.value[portfolioId] = defaultStudyForm(runs.ensureForm(portfolioId).scenarioId)
    return forms.value[portfolioId]
  }

  async function refresh(): Promise<void> {
    const r = await api.studyList()
    if (r.ok) {
      list.value = r.value
      loadError.value = null
    } else {
      loadError.value = describe(r.error)
    }
    loaded.value = true
  }

  function upsert(item: StudyListItem): void {
    const i = list.value.findIndex((s) => s.id === item.id)
    if (i >= 0) list.value[i] = item
    else list.value.unshift(item)
  }

  function keepRecord(rec: StudyRecord): void {
    keepRecent(records.value, recordOrder, rec.id, rec, RECORD_CACHE)
  }

  async function load(id: string): Promise<void> {
    if (records.value[id]) return
    const r = await api.studyGet({ id })
    if (r.ok) {
      keepRecord(r.value)
      delete recordError.value[id]
    } else {
      recordError.value[id] = describe(r.error)
    }
  }

  async function open(portfolioId: string, id: string): Promise<void> {
    openIds.value[portfolioId] = id
    if (statusOf(id) === 'done') await load(id)
  }

  function openOf(portfolioId: string): StudyListItem | null {
    const id = openIds.value[portfolioId]
    return id ? (byId.value.get(id) ?? null) : null
  }

  /** The book's study in flight (one runs at a time; others queue). */
  function runningOf(portfolioId: string): StudyListItem | null {
    return studiesOf(portfolioId).find((s) => statusOf(s.id) === 'running') ?? null
  }

  /**
   * Starts the form's study of the book under `scenario`: a catalogue id, or a whole document (the
   * what-if editor's). The book's pending edits are saved first: a study reads the stored book.
   */
  async function start(portfolioId: string, scenario: { scenarioId: string } | { scenario: unknown }): Promise<boolean> {
    startFailure.value = null
    const built = buildStudyRequest(ensureForm(portfolioId))
    if (!built.ok) {
      startFailure.value = {
        message: translate('studies.form.invalid', { count: built.issues.length }),
        issues: built.issues.map((i) => ({ path: i.path, message: translate(i.key, i.params ?? {}) })),
      }
      return false
    }
    starting.value = true
    try {
      if (!(await portfolios.flush(portfolioId))) {
        startFailure.value = { message: translate('run.unsaved'), issues: [] }
        return false
      }
      const req: StudyStartRequest = { portfolioId, ...scenario, ...built.request }
      const r = await api.studyStart(req)
      if (!r.ok) {
        startFailure.value = { message: localizeEngineText('reply', r.error.message), issues: r.error.issues ?? (r.error.path ? [{ path: r.error.path, message: r.error.message }] : []) }
        return false
      }
      const done = finished.value[r.value.id]
      upsert(done ? { ...r.value, status: done.status, error: done.error } : r.value)
      openIds.value[portfolioId] = r.value.id
      if (done) await settle(done)
      return true
    } finally {
      starting.value = false
    }
  }

  async function cancel(id: string): Promise<void> {
    const r = await api.studyCancel({ id })
    if (!r.ok && r.error.code !== 'not-found') actionError.value = translate('errors.cancel', { error: describe(r.error) })
  }

  async function remove(id: string): Promise<boolean> {
    const r = await api.studyDelete({ id })
    if (!r.ok) {
      actionError.value = translate('studies.errors.delete', { error: describe(r.error) })
      return false
    }
    list.value = list.value.filter((s) => s.id !== id)
    delete records.value[id]
    for (const [book, shown] of Object.entries(openIds.value)) if (shown === id) delete openIds.value[book]
    return true
  }

  async function exportReport(id: string, format: 'json' | 'csv'): Promise<boolean> {
    const r = await api.studyExport({ id, format })
    if (!r.ok) {
      actionError.value = translate('studies.errors.export', { error: describe(r.error) })
      return false
    }
    downloadText(r.value.fileName, r.value.text, mimeFor(r.value.fileName))
    return true
  }

  /**
   * One run of a study as a single run on the Replay tab: the study's scenario as it ran (the
   * book's venue's, sized to its crowd), its pricing, and the run's seed and set, so the run gives
   * what the study's cell gave (docs/DECISIONS.md §6). A run opened before is opened again.
   */
  async function openRun(studyId: string, seed: number, set: WhatIfSet): Promise<boolean> {
    const rec = records.value[studyId]
    if (!rec?.portfolioId || !rec.result) return false
    const portfolioId = rec.portfolioId
    const key = `${studyId}#${seed}#${JSON.stringify(Object.entries(set).sort(([a], [b]) => a.localeCompare(b)))}`
    const known = openedRuns.value[key]
    if (known && runs.list.some((r) => r.id === known)) {
      await runs.open(portfolioId, known)
      workspace.show('replay')
      return true
    }
    const id = await runs.startWith(portfolioId, { scenario: rec.scenario, seed, set, ...(rec.result.inputs.pricing === 'historical' ? { pricing: 'historical' as const } : {}) })
    if (!id) {
      actionError.value = runs.startFailure?.message ?? translate('studies.errors.openRun')
      return false
    }
    openedRuns.value[key] = id
    workspace.show('replay')
    return true
  }

  async function settle(e: StudyFinished): Promise<void> {
    const item = byId.value.get(e.studyId)
    if (item) upsert({ ...item, status: e.status, error: e.error })
    await refresh()
    if (e.status === 'done' && Object.values(openIds.value).includes(e.studyId)) await load(e.studyId)
  }

  api.onStudyProgress((p) => {
    progress.value[p.studyId] = p
  })
  api.onStudyDone((e) => {
    finished.value[e.studyId] = e
    void settle(e)
  })

  void refresh()

  return {
    list,
    loaded,
    loadError,
    progress,
    finished,
    openIds,
    records,
    recordError,
    forms,
    starting,
    startFailure,
    actionError,
    openedRuns,
    statusOf,
    studiesOf,
    ensureForm,
    refresh,
    load,
    open,
    openOf,
    runningOf,
    start,
    cancel,
    remove,
    exportReport,
    openRun,
  }
})
