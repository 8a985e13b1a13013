// The editor sessions over the stored portfolios: which book is selected, the draft of each book
// opened (validated on every edit, autosaved when valid), undo/redo, and the save queue that
// keeps one book's saves in order. The list of books and its actions are the list store's
// (portfolioList.ts). Every figure comes from the main process.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { PortfolioRecord, PortfolioSummary } from '../../../shared/ipc/channels'
import type { FieldIssue } from '../../../shared/model/issues'
import { cascadeApi } from '../api'
import { issueMessage } from '../i18n/engine-text'
import { checkDraft, draftFromDoc, engineCellIssues, issuesByCell, type Draft } from '../lib/draft'
import { emptyHistory, record, redo, undo, type History } from '../lib/history'
import { describe } from '../lib/describe-error'
import { translate } from '../i18n'
import { clearStash, localStash, readStash, writeStash } from '../lib/draft-stash'

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
  /**
   * What the engine refuses in the book as last stored (the record's `problems`): while there are
   * any, the book is a saved draft. Replaced by every save's reply.
   */
  problems: FieldIssue[]
  /** `updatedAt` of the stored version the draft was edited from (lib/draft-stash.ts). */
  base: string
  /** When a draft the format refuses was restored from this window's storage on opening (ms), else null. */
  restoredAt: number | null
}

export const AUTOSAVE_MS = 400
const SELECTED_KEY = 'cascade.selectedPortfolio'

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

export const usePortfolioEditorStore = defineStore('portfolioEditor', () => {
  const api = cascadeApi()
  // Who hears of a saved record (the list's summary) and of a book that could not be opened.
  const savedListeners: ((rec: PortfolioRecord) => void)[] = []
  const openFailedListeners: ((message: string) => void)[] = []

  const selectedId = ref<string | null>(null)
  const sessions = ref<Record<string, Session>>({})
  const opening = ref(false)

  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  const queues = new Map<string, Promise<unknown>>()

  const current = computed<Session | null>(() => (selectedId.value ? (sessions.value[selectedId.value] ?? null) : null))
  const check = computed(() => (current.value ? checkDraft(current.value.draft) : null))
  // The engine's findings belong to the stored version: shown while the draft is well formed (it is
  // saved, or about to be), set aside while the format refuses it (those come first).
  const engineIssues = computed(() => {
    const s = current.value
    return s && check.value?.ok && s.problems.length ? engineCellIssues(s.problems, s.draft) : []
  })
  const issues = computed(() => [...(check.value?.issues ?? []), ...engineIssues.value])
  /** Stored, but the engine refuses it: a draft with `engineIssues.length` problems. */
  const isDraft = computed(() => engineIssues.value.length > 0)
  /** Each cell's problems as its cell shows them: in the app's language (the checks write English). */
  const cellIssues = computed(() => issuesByCell(issues.value.map((iss) => ({ ...iss, message: issueMessage(iss.message) }))))
  const canUndo = computed(() => (current.value?.history.past.length ?? 0) > 0)
  const canRedo = computed(() => (current.value?.history.future.length ?? 0) > 0)

  function newSession(rec: PortfolioRecord): Session {
    const s: Session = { id: rec.id, draft: draftFromDoc(rec.doc), history: emptyHistory(), rev: 0, savedRev: 0, state: 'saved', error: null, problems: rec.problems ?? [], base: rec.updatedAt, restoredAt: null }
    // A draft the format refused is not stored; it was kept in this window and is offered back, marked.
    const stash = readStash(localStash(), rec.id, rec.updatedAt)
    if (stash) {
      s.draft = stash.draft
      s.restoredAt = stash.at
      s.rev = 1
      s.state = checkDraft(s.draft).ok ? 'pending' : 'invalid'
    }
    return s
  }

  /** The name to show for a list entry: the draft's while it is being typed, else the stored one. */
  function displayName(summary: PortfolioSummary): string {
    return sessions.value[summary.id]?.draft.name.trim() || summary.name
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
      writeStash(localStash(), s.id, { draft: s.draft, base: s.base, at: Date.now() })
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
      now.base = r.value.updatedAt
      now.restoredAt = null
      clearStash(localStash(), id)
      now.error = null
      now.problems = r.value.problems ?? []
      savedListeners.forEach((l) => l(r.value))
      if (now.rev === now.savedRev) now.state = 'saved'
      else if (!timers.has(id)) scheduleSave(now)
      else now.state = 'pending'
      return now.rev === now.savedRev
    })
  }

  function flushAll(): void {
    for (const id of Object.keys(sessions.value)) void flush(id)
  }

  /** Stops a book's autosave and waits for the saves already under way (before it is deleted). */
  async function settle(id: string): Promise<void> {
    clearTimer(id)
    await (queues.get(id) ?? Promise.resolve())
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

  // ---- sessions and selection ---------------------------------------------------------

  /** The session of a book, opened (`portfolio:get`) on first use. */
  async function open(id: string): Promise<Session | null> {
    const existing = sessions.value[id]
    if (existing) return existing
    opening.value = true
    const r = await api.portfolioGet({ id })
    opening.value = false
    if (!r.ok) {
      openFailedListeners.forEach((l) => l(translate('errors.open', { error: describe(r.error) })))
      return null
    }
    if (!sessions.value[id]) {
      sessions.value[id] = newSession(r.value)
      if (sessions.value[id].state === 'pending') scheduleSave(sessions.value[id])
    }
    return sessions.value[id]
  }

  /** A fresh session for a record the main process just created (new, duplicate, import). */
  function adopt(rec: PortfolioRecord): void {
    sessions.value[rec.id] = newSession(rec)
  }

  /** Drops a book's session (deleted): its pending autosave is cancelled. */
  function close(id: string): void {
    clearTimer(id)
    clearStash(localStash(), id)
    delete sessions.value[id]
  }

  /** Drops the restored draft of the selected book and opens its stored version again. */
  async function discardRestored(): Promise<void> {
    const s = current.value
    if (!s) return
    clearTimer(s.id)
    clearStash(localStash(), s.id)
    delete sessions.value[s.id]
    await open(s.id)
  }

  async function select(id: string): Promise<void> {
    if (selectedId.value === id && sessions.value[id]) return
    const prev = selectedId.value
    if (prev && prev !== id) void flush(prev)
    selectedId.value = id
    remember(id)
    await open(id)
  }

  function deselect(): void {
    selectedId.value = null
    remember(null)
  }

  if (typeof window !== 'undefined') window.addEventListener('pagehide', flushAll)

  return {
    onSaved: (l: (rec: PortfolioRecord) => void) => void savedListeners.push(l),
    onOpenFailed: (l: (message: string) => void) => void openFailedListeners.push(l),
    selectedId,
    sessions,
    opening,
    current,
    issues,
    engineIssues,
    isDraft,
    cellIssues,
    canUndo,
    canRedo,
    displayName,
    rememberedId: remembered,
    open,
    adopt,
    close,
    discardRestored,
    select,
    deselect,
    edit,
    flush,
    flushAll,
    settle,
    undoEdit,
    redoEdit,
  }
})
