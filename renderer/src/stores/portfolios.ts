// The stored portfolios and the editor sessions over them: list, selection, the draft being
// edited (validated on every edit, autosaved when valid), undo/redo, and the list actions
// (new, new from template, rename, duplicate, delete, import, export). Every figure comes from the main process.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { PortfolioRecord, PortfolioSummary, PortfolioTemplate } from '@shared/ipc/channels'
import type { IpcError } from '@shared/ipc/result'
import type { FieldIssue } from '@shared/model/issues'
import { describeIssue } from '@shared/model/issues'
import { emptyPortfolio } from '@shared/model/portfolio'
import { checkDraft, draftFromDoc, freshName, issuesByCell, plain, type Draft } from '../lib/draft'
import { emptyHistory, record, redo, undo, type History } from '../lib/history'
import { downloadText, mimeFor } from '../composables/download'
import { useVenuesStore } from './venues'

export type SaveState = 'saved' | 'pending' | 'saving' | 'invalid' | 'error'

/** One open portfolio: its draft, its undo history and how far it has been saved. */
export interface Session {
  id: string
  draft: Draft
  history: History
  /** Bumped on every change of the draft. */
  rev: number
  /** The `rev` the store last confirmed. */
  savedRev: number
  state: SaveState
  error: string | null
}

export interface ImportFailure {
  fileName: string
  message: string
  issues: FieldIssue[]
}

export const AUTOSAVE_MS = 400
const SELECTED_KEY = 'cascade.selectedPortfolio'

function describe(error: IpcError): string {
  const lines = (error.issues ?? []).map(describeIssue)
  return lines.length ? `${error.message}: ${lines.join('; ')}` : error.message
}

function summaryOf(rec: PortfolioRecord): PortfolioSummary {
  const { id, name, venue, marginMode, positionCount, updatedAt } = rec
  return { id, name, venue, marginMode, positionCount, updatedAt }
}

function remember(id: string | null): void {
  try {
    if (id === null) localStorage.removeItem(SELECTED_KEY)
    else localStorage.setItem(SELECTED_KEY, id)
  } catch {
    // Not being able to remember the selection costs nothing but a click.
  }
}

function remembered(): string | null {
  try {
    return localStorage.getItem(SELECTED_KEY)
  } catch {
    return null
  }
}

export const usePortfoliosStore = defineStore('portfolios', () => {
  const api = window.cascade
  const venues = useVenuesStore()

  const list = ref<PortfolioSummary[]>([])
  const loaded = ref(false)
  const loadError = ref<string | null>(null)
  const selectedId = ref<string | null>(null)
  const sessions = ref<Record<string, Session>>({})
  const opening = ref(false)
  const importFailure = ref<ImportFailure | null>(null)
  const actionError = ref<string | null>(null)

  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  const queues = new Map<string, Promise<unknown>>()
  const ownDeletes = new Set<string>()

  const current = computed<Session | null>(() => (selectedId.value ? (sessions.value[selectedId.value] ?? null) : null))
  const check = computed(() => (current.value ? checkDraft(current.value.draft) : null))
  const issues = computed(() => check.value?.issues ?? [])
  const cellIssues = computed(() => issuesByCell(issues.value))
  const canUndo = computed(() => (current.value?.history.past.length ?? 0) > 0)
  const canRedo = computed(() => (current.value?.history.future.length ?? 0) > 0)

  function newSession(rec: PortfolioRecord): Session {
    return { id: rec.id, draft: draftFromDoc(rec.doc), history: emptyHistory(), rev: 0, savedRev: 0, state: 'saved', error: null }
  }

  function upsertSummary(rec: PortfolioRecord): void {
    const i = list.value.findIndex((p) => p.id === rec.id)
    if (i >= 0) list.value[i] = summaryOf(rec)
    else list.value.unshift(summaryOf(rec))
  }

  /** The name to show for a list entry: the draft's while it is being typed, else the stored one. */
  function displayName(summary: PortfolioSummary): string {
    return sessions.value[summary.id]?.draft.name.trim() || summary.name
  }

  async function refreshList(): Promise<boolean> {
    const r = await api.portfolioList()
    if (!r.ok) {
      loadError.value = describe(r.error)
      return false
    }
    list.value = r.value
    loadError.value = null
    return true
  }

  async function load(): Promise<void> {
    await refreshList()
    loaded.value = true
    const wanted = remembered()
    const target = list.value.find((p) => p.id === wanted)?.id ?? list.value[0]?.id
    if (target) await select(target)
  }

  // ---- saving -------------------------------------------------------------------------

  function clearTimer(id: string): void {
    const t = timers.get(id)
    if (t !== undefined) clearTimeout(t)
    timers.delete(id)
  }

  function scheduleSave(s: Session): void {
    clearTimer(s.id)
    if (!checkDraft(s.draft).ok) {
      s.state = 'invalid'
      return
    }
    s.state = 'pending'
    const id = s.id
    timers.set(id, setTimeout(() => void flush(id), AUTOSAVE_MS))
  }

  /** Runs `task` after every earlier task for the same portfolio, so saves never overtake each other. */
  function enqueue<T>(id: string, task: () => Promise<T>): Promise<T> {
    const prior = queues.get(id) ?? Promise.resolve()
    const next = prior.then(task, task)
    queues.set(id, next)
    void next.finally(() => {
      if (queues.get(id) === next) queues.delete(id)
    })
    return next
  }

  /** Saves the session now if it has unsaved valid changes. Resolves true when nothing is left unsaved. */
  function flush(id: string): Promise<boolean> {
    clearTimer(id)
    return enqueue(id, async () => {
      const s = sessions.value[id]
      if (!s) return true
      if (s.rev === s.savedRev) return s.state !== 'error'
      const c = checkDraft(s.draft)
      if (!c.ok) {
        s.state = 'invalid'
        return false
      }
      const rev = s.rev
      s.state = 'saving'
      const r = await api.portfolioSave({ id, doc: c.doc })
      const now = sessions.value[id]
      if (!now) return false
      if (!r.ok) {
        now.state = 'error'
        now.error = describe(r.error)
        return false
      }
      now.savedRev = Math.max(now.savedRev, rev)
      now.error = null
      upsertSummary(r.value)
      if (now.rev === now.savedRev) now.state = 'saved'
      else if (!timers.has(id)) scheduleSave(now)
      else now.state = 'pending'
      return now.rev === now.savedRev
    })
  }

  function flushAll(): void {
    for (const id of Object.keys(sessions.value)) void flush(id)
  }

  // ---- editing ------------------------------------------------------------------------

  /**
   * Applies one edit to a session's draft. `key` names what was edited (usually the cell):
   * consecutive edits of the same key coalesce into one undo step.
   */
  function edit(key: string, mutate: (d: Draft) => void, s: Session | null = current.value): void {
    if (!s) return
    const before = JSON.stringify(s.draft)
    mutate(s.draft)
    if (JSON.stringify(s.draft) === before) return
    record(s.history, before, key, Date.now())
    s.rev++
    scheduleSave(s)
  }

  function restore(s: Session, snapshot: string): void {
    s.draft = JSON.parse(snapshot) as Draft
    s.rev++
    scheduleSave(s)
  }

  function undoEdit(): void {
    const s = current.value
    if (!s) return
    const prev = undo(s.history, JSON.stringify(s.draft))
    if (prev !== null) restore(s, prev)
  }

  function redoEdit(): void {
    const s = current.value
    if (!s) return
    const next = redo(s.history, JSON.stringify(s.draft))
    if (next !== null) restore(s, next)
  }

  // ---- list actions -------------------------------------------------------------------

  async function openSession(id: string): Promise<Session | null> {
    const existing = sessions.value[id]
    if (existing) return existing
    opening.value = true
    const r = await api.portfolioGet({ id })
    opening.value = false
    if (!r.ok) {
      actionError.value = `Could not open the portfolio: ${describe(r.error)}`
      return null
    }
    if (!sessions.value[id]) sessions.value[id] = newSession(r.value)
    return sessions.value[id]
  }

  async function select(id: string): Promise<void> {
    if (selectedId.value === id && sessions.value[id]) return
    const prev = selectedId.value
    if (prev && prev !== id) void flush(prev)
    selectedId.value = id
    remember(id)
    await openSession(id)
  }

  /** Takes a record the main process just created (new, duplicate, import) into the list and selects it. */
  async function adopt(rec: PortfolioRecord): Promise<void> {
    sessions.value[rec.id] = newSession(rec)
    upsertSummary(rec)
    await refreshList()
    await select(rec.id)
  }

  function defaultVenue(): string | undefined {
    const ids = venues.list.map((v) => v.id)
    return ids.includes('binance') ? 'binance' : ids[0]
  }

  async function create(): Promise<boolean> {
    const name = freshName('Untitled', list.value.map((p) => p.name))
    const r = await api.portfolioSave({ doc: emptyPortfolio(name, defaultVenue()) })
    if (!r.ok) {
      actionError.value = `Could not create a portfolio: ${describe(r.error)}`
      return false
    }
    await adopt(r.value)
    return true
  }

  /** "New from template": saves a copy of a shipped example book under a name no book has yet, and opens it. */
  async function createFromTemplate(t: PortfolioTemplate): Promise<boolean> {
    const name = freshName(t.name, list.value.map((p) => p.name))
    const r = await api.portfolioSave({ doc: { ...plain(t.doc), name } })
    if (!r.ok) {
      actionError.value = `Could not create a portfolio from the template "${t.name}": ${describe(r.error)}`
      return false
    }
    await adopt(r.value)
    return true
  }

  async function rename(id: string, name: string): Promise<boolean> {
    const trimmed = name.trim()
    if (trimmed === '') return false
    const s = await openSession(id)
    if (!s) return false
    edit('rename', (d) => {
      d.name = trimmed
    }, s)
    return flush(id)
  }

  async function duplicate(id: string): Promise<boolean> {
    await flush(id)
    const r = await api.portfolioDuplicate({ id })
    if (!r.ok) {
      actionError.value = `Could not duplicate: ${describe(r.error)}`
      return false
    }
    await adopt(r.value)
    return true
  }

  async function remove(id: string): Promise<boolean> {
    clearTimer(id)
    await (queues.get(id) ?? Promise.resolve())
    const wasSelected = selectedId.value === id
    const index = list.value.findIndex((p) => p.id === id)
    // Our own delete: the `portfolio:changed` push may arrive before the reply; leave it to us.
    ownDeletes.add(id)
    const r = await api.portfolioDelete({ id })
    if (!r.ok) {
      ownDeletes.delete(id)
      actionError.value = `Could not delete: ${describe(r.error)}`
      return false
    }
    delete sessions.value[id]
    list.value = list.value.filter((p) => p.id !== id)
    await refreshList()
    ownDeletes.delete(id)
    if (wasSelected) {
      selectedId.value = null
      remember(null)
      const next = list.value[Math.min(Math.max(index, 0), list.value.length - 1)]
      if (next) await select(next.id)
    }
    return true
  }

  async function importFile(file: File): Promise<boolean> {
    let text: string
    try {
      text = await file.text()
    } catch (e) {
      importFailure.value = { fileName: file.name, message: `Could not read the file: ${e instanceof Error ? e.message : String(e)}`, issues: [] }
      return false
    }
    const r = await api.portfolioImport({ fileName: file.name, text })
    if (!r.ok) {
      const issues = r.error.issues ?? (r.error.path !== undefined ? [{ path: r.error.path, message: r.error.message }] : [])
      importFailure.value = { fileName: file.name, message: r.error.message, issues }
      return false
    }
    importFailure.value = null
    await adopt(r.value)
    return true
  }

  async function exportOne(id: string): Promise<boolean> {
    await flush(id)
    const r = await api.portfolioExport({ id })
    if (!r.ok) {
      actionError.value = `Could not export: ${describe(r.error)}`
      return false
    }
    downloadText(r.value.fileName, r.value.text, mimeFor(r.value.fileName))
    return true
  }

  // Another window, an import or the CLI may change the store: keep the list current. Open drafts
  // are not reloaded under the user's hands; a deleted one is dropped.
  window.cascade.onPortfolioChanged((e) => {
    const deletedElsewhere = e.change === 'deleted' && !ownDeletes.has(e.id)
    if (deletedElsewhere && sessions.value[e.id]) {
      clearTimer(e.id)
      delete sessions.value[e.id]
    }
    void refreshList().then(() => {
      if (deletedElsewhere && selectedId.value === e.id) {
        selectedId.value = null
        remember(null)
        const first = list.value[0]
        if (first) void select(first.id)
      }
    })
  })
  window.addEventListener('pagehide', flushAll)
  void load()

  return {
    list,
    loaded,
    loadError,
    selectedId,
    sessions,
    opening,
    importFailure,
    actionError,
    current,
    issues,
    cellIssues,
    canUndo,
    canRedo,
    displayName,
    load,
    refreshList,
    select,
    edit,
    flush,
    undoEdit,
    redoEdit,
    create,
    createFromTemplate,
    rename,
    duplicate,
    remove,
    importFile,
    exportOne,
  }
})
