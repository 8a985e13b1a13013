// Cascade runs: start one for the selected book (off the window's thread, in main), follow its
// progress and end through `run:progress` / `run:done` pushes, cancel it, list the kept runs,
// open one (`run:get`: summary, series and the user's liquidation path) and export its events.
// Run views are large (a series entry per simulated second), so they are kept raw, not reactive.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { RunFinished, RunListItem, RunListRequest, RunStartRequest, RunStatus, RunView } from '../../../shared/ipc/channels'
import { RUN_LIST_PAGE } from '../../../shared/ipc/limits'
import type { IpcError } from '../../../shared/ipc/result'
import type { FieldIssue } from '../../../shared/model/issues'
import type { RunProgress } from '../../../shared/model/run'
import { downloadText } from '../composables/download'
import { parseSeed } from '../lib/seed'
import { describe as describeError } from '../lib/describe-error'
import { keepRecent } from '../lib/recent-cache'
import { localizeEngineText } from '../i18n/engine-text'
import { translate } from '../i18n'
import { usePortfolioEditorStore } from './portfolioEditor'
import { DEFAULT_SCENARIO } from './scenarios'
import { cascadeApi } from '../api'

/** How many opened runs stay in memory (each holds its whole series). */
const VIEW_CACHE = 4

export interface RunForm {
  scenarioId: string
  /** As typed; empty means the scenario's own crowd seed. */
  seed: string
  /** Replay at the scenario's historical start prices (re-pricing the book) instead of the book's marks. */
  historicalPrices: boolean
  /** Price collateral by the venue's conversion-rate index (Binance since 2025-10-14) instead of as the scenario prices it. */
  conversionPricing: boolean
}

export interface StartFailure {
  message: string
  issues: FieldIssue[]
}

/** An error reply with at most its first three findings. */
const describe = (error: IpcError): string => describeError(error, 3)

export const useRunsStore = defineStore('runs', () => {
  const api = cascadeApi()
  const portfolios = usePortfolioEditorStore()

  const list = ref<RunListItem[]>([])
  const loaded = ref(false)
  const loadError = ref<string | null>(null)
  /** Latest progress of each run in flight (kept after the end, to say where a cancel stopped it). */
  const progress = ref<Record<string, RunProgress>>({})
  /** Ends that arrived as events, possibly before `run:start` replied. */
  const finished = ref<Record<string, RunFinished>>({})
  /** The run shown on each portfolio's replay screen. */
  const openIds = ref<Record<string, string>>({})
  const views = ref<Record<string, RunView>>({})
  const viewOrder: string[] = []
  const loadingView = ref<string | null>(null)
  const viewError = ref<Record<string, string>>({})
  const forms = ref<Record<string, RunForm>>({})
  const starting = ref(false)
  const startFailure = ref<StartFailure | null>(null)
  const actionError = ref<string | null>(null)

  const byId = computed(() => new Map(list.value.map((r) => [r.id, r])))

  function statusOf(id: string): RunStatus | null {
    return finished.value[id]?.status ?? byId.value.get(id)?.status ?? null
  }

  function runsOf(portfolioId: string): RunListItem[] {
    return list.value.filter((r) => r.portfolioId === portfolioId).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  /** The scenario and seed chosen for a portfolio (created on first use: its last run's scenario, or 10/10). */
  function ensureForm(portfolioId: string): RunForm {
    let f = forms.value[portfolioId]
    if (!f) {
      const last = runsOf(portfolioId)[0]
      f = { scenarioId: last?.scenarioId ?? DEFAULT_SCENARIO, seed: '', historicalPrices: false, conversionPricing: false }
      forms.value[portfolioId] = f
    }
    return forms.value[portfolioId]
  }

  /** Every kept run, a page at a time (a reply holds RUN_LIST_PAGE at most), each page after the last one's final run. */
  async function refresh(): Promise<void> {
    const all: RunListItem[] = []
    let after: RunListRequest['after']
    for (;;) {
      const r = await api.runList(after ? { after, limit: RUN_LIST_PAGE } : { limit: RUN_LIST_PAGE })
      if (!r.ok) {
        loadError.value = describe(r.error)
        loaded.value = true
        return
      }
      all.push(...r.value)
      const last = r.value[r.value.length - 1]
      if (r.value.length < RUN_LIST_PAGE || !last) break
      after = { createdAt: last.createdAt, id: last.id }
    }
    list.value = all
    loadError.value = null
    loaded.value = true
  }

  function upsert(item: RunListItem): void {
    const i = list.value.findIndex((r) => r.id === item.id)
    if (i >= 0) list.value[i] = item
    else list.value.unshift(item)
  }

  function keepView(view: RunView): void {
    keepRecent(views.value, viewOrder, view.id, view, VIEW_CACHE)
  }

  async function loadView(id: string): Promise<void> {
    if (views.value[id] || loadingView.value === id) return
    loadingView.value = id
    const r = await api.runGet({ id })
    if (loadingView.value === id) loadingView.value = null
    if (r.ok) {
      keepView(r.value)
      delete viewError.value[id]
      upsert(toListItem(r.value))
    } else {
      viewError.value[id] = describe(r.error)
    }
  }

  /** Shows a run on its portfolio's replay screen; a finished one is fetched with its results. */
  async function open(portfolioId: string, id: string): Promise<void> {
    openIds.value[portfolioId] = id
    if (statusOf(id) === 'done') await loadView(id)
  }

  function openRunOf(portfolioId: string): RunListItem | null {
    const id = openIds.value[portfolioId]
    return id ? (byId.value.get(id) ?? null) : null
  }

  /** Runs the form's scenario, or `scenario`, a whole (possibly unsaved) document such as a what-if. */
  async function start(portfolioId: string, scenario?: unknown): Promise<boolean> {
    const form = ensureForm(portfolioId)
    startFailure.value = null
    const seed = parseSeed(form.seed)
    if (!seed.ok) {
      startFailure.value = { message: translate('run.seedError', { error: seed.message }), issues: [] }
      return false
    }
    const id = await startWith(portfolioId, {
      ...(scenario === undefined ? { scenarioId: form.scenarioId } : { scenario }),
      ...(seed.value === undefined ? {} : { seed: seed.value }),
      ...(form.historicalPrices ? { pricing: 'historical' as const } : {}),
      ...(form.conversionPricing ? { collateralPricing: 'conversion' as const } : {}),
    })
    return id !== null
  }

  /** Starts a run as asked (a study's cell: its scenario, seed and set) and shows it; its id, or null with `startFailure` set. */
  async function startWith(portfolioId: string, req: Omit<RunStartRequest, 'portfolioId'>): Promise<string | null> {
    startFailure.value = null
    starting.value = true
    try {
      // The run reads the stored book: save pending edits first, and refuse a book with problems.
      const saved = await portfolios.flush(portfolioId)
      if (!saved) {
        startFailure.value = { message: translate('run.unsaved'), issues: [] }
        return null
      }
      const r = await api.runStart({ portfolioId, ...req })
      if (!r.ok) {
        startFailure.value = { message: localizeEngineText('reply', r.error.message), issues: r.error.issues ?? [] }
        return null
      }
      const done = finished.value[r.value.id]
      upsert(done ? { ...r.value, status: done.status, error: done.error } : r.value)
      openIds.value[portfolioId] = r.value.id
      if (done) await settle(done)
      return r.value.id
    } finally {
      starting.value = false
    }
  }

  async function cancel(id: string): Promise<void> {
    const r = await api.runCancel({ id })
    // "not in flight" means it ended meanwhile; its `run:done` says how.
    if (!r.ok && r.error.code !== 'not-found') actionError.value = translate('errors.cancel', { error: describe(r.error) })
  }

  async function exportEvents(id: string, format: 'jsonl' | 'csv'): Promise<boolean> {
    const r = await api.runExport({ id, format })
    if (!r.ok) {
      actionError.value = translate('errors.exportEvents', { error: describe(r.error) })
      return false
    }
    downloadText(r.value.fileName, r.value.text, format === 'csv' ? 'text/csv' : 'application/x-ndjson')
    return true
  }

  /** Drops a deleted run from the list, the cache of results and the replay screens that showed it. */
  function forget(id: string): void {
    list.value = list.value.filter((r) => r.id !== id)
    delete views.value[id]
    delete viewError.value[id]
    for (const [portfolioId, open] of Object.entries(openIds.value)) if (open === id) delete openIds.value[portfolioId]
  }

  async function settle(e: RunFinished): Promise<void> {
    const item = byId.value.get(e.runId)
    if (item) upsert({ ...item, status: e.status, error: e.error })
    await refresh()
    const shown = Object.values(openIds.value).includes(e.runId)
    if (shown && e.status === 'done') await loadView(e.runId)
  }

  api.onRunProgress((p) => {
    progress.value[p.runId] = p
  })
  api.onRunDone((e) => {
    finished.value[e.runId] = e
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
    views,
    loadingView,
    viewError,
    forms,
    starting,
    startFailure,
    actionError,
    statusOf,
    runsOf,
    ensureForm,
    refresh,
    open,
    openRunOf,
    loadView,
    start,
    startWith,
    cancel,
    exportEvents,
    forget,
  }
})

function toListItem(v: RunView): RunListItem {
  const { id, portfolioId, portfolioName, scenarioId, scenarioName, seed, status, error, createdAt, finishedAt, survived, finalEquity } = v
  return { id, portfolioId, portfolioName, scenarioId, scenarioName, seed, status, error, createdAt, finishedAt, survived, finalEquity }
}
