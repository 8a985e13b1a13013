// The stored portfolios: the list the sidebar shows (kept current through `portfolio:changed`)
// and its actions: new, new from template, rename, duplicate, delete, import, export. The books
// opened for editing are the editor store's (portfolioEditor.ts); list actions open, save and
// close them through it.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { PortfolioRecord, PortfolioSummary, PortfolioTemplate } from '../../../shared/ipc/channels'
import type { FieldIssue } from '../../../shared/model/issues'
import { emptyPortfolio } from '../../../shared/model/portfolio'
import { cascadeApi } from '../api'
import { describe } from '../lib/describe-error'
import { translate } from '../i18n'
import { downloadText, mimeFor } from '../composables/download'
import { freshName, plain } from '../lib/draft'
import { usePortfolioEditorStore } from './portfolioEditor'
import { useVenuesStore } from './venues'
import { useImportPreviewStore } from './importPreview'

export interface ImportFailure {
  fileName: string
  message: string
  issues: FieldIssue[]
}


function summaryOf(rec: PortfolioRecord): PortfolioSummary {
  const { id, name, venue, marginMode, positionCount, updatedAt, problemCount } = rec
  return { id, name, venue, marginMode, positionCount, updatedAt, problemCount }
}

export const usePortfolioListStore = defineStore('portfolioList', () => {
  const api = cascadeApi()
  const venues = useVenuesStore()
  const importPreview = useImportPreviewStore()
  // The editor store knows nothing of this one: it reports saves and failed opens, this store listens.
  const editorStore = usePortfolioEditorStore()
  const editor = () => editorStore

  const list = ref<PortfolioSummary[]>([])
  const loaded = ref(false)
  const loadError = ref<string | null>(null)
  const importFailure = ref<ImportFailure | null>(null)
  const actionError = ref<string | null>(null)
  const ownDeletes = new Set<string>()
  editorStore.onSaved((rec) => upsert(rec))
  editorStore.onOpenFailed((message) => (actionError.value = message))

  /** Puts a record's summary in the list (first when it is new). */
  function upsert(rec: PortfolioRecord): void {
    const i = list.value.findIndex((p) => p.id === rec.id)
    if (i >= 0) list.value[i] = summaryOf(rec)
    else list.value.unshift(summaryOf(rec))
  }

  // Every save announces a change, so list requests overlap; their answers can come back out of
  // order, and an older one must not replace a newer list (a fresh name is picked against it).
  let listRequests = 0
  async function refreshList(): Promise<boolean> {
    const request = ++listRequests
    const r = await api.portfolioList()
    if (request !== listRequests) return r.ok
    if (!r.ok) {
      loadError.value = describe(r.error)
      return false
    }
    list.value = r.value
    loadError.value = null
    return true
  }

  /**
   * The first fetch: the list, then the book selected last time (or the first one) opened, unless
   * a book was opened while the list was on its way (a slow first answer would otherwise move a
   * user who had just made a book back to the first book of the list).
   */
  async function load(): Promise<void> {
    await refreshList()
    loaded.value = true
    if (editor().selectedId !== null) return
    const wanted = editor().rememberedId()
    const target = list.value.find((p) => p.id === wanted)?.id ?? list.value[0]?.id
    if (target) await editor().select(target)
  }

  /** Takes a record the main process just created (new, duplicate, import) into the list and selects it. */
  async function adopt(rec: PortfolioRecord): Promise<void> {
    editor().adopt(rec)
    upsert(rec)
    await refreshList()
    await editor().select(rec.id)
  }

  function defaultVenue(): string | undefined {
    const ids = venues.list.map((v) => v.id)
    return ids.includes('binance') ? 'binance' : ids[0]
  }

  async function create(): Promise<boolean> {
    const name = freshName(translate('sidebar.untitled'), list.value.map((p) => p.name))
    const r = await api.portfolioSave({ doc: emptyPortfolio(name, defaultVenue()) })
    if (!r.ok) {
      actionError.value = translate('errors.create', { error: describe(r.error) })
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
      actionError.value = translate('errors.createFromTemplate', { name: t.name, error: describe(r.error) })
      return false
    }
    await adopt(r.value)
    return true
  }

  /** Renames a book: an edit of its draft (undoable), saved at once. */
  async function rename(id: string, name: string): Promise<boolean> {
    const trimmed = name.trim()
    if (trimmed === '') return false
    const s = await editor().open(id)
    if (!s) return false
    editor().edit('rename', (d) => {
      d.name = trimmed
    }, s)
    return editor().flush(id)
  }

  async function duplicate(id: string): Promise<boolean> {
    await editor().flush(id)
    const r = await api.portfolioDuplicate({ id })
    if (!r.ok) {
      actionError.value = translate('errors.duplicate', { error: describe(r.error) })
      return false
    }
    await adopt(r.value)
    return true
  }

  async function remove(id: string): Promise<boolean> {
    await editor().settle(id)
    const wasSelected = editor().selectedId === id
    const index = list.value.findIndex((p) => p.id === id)
    // Our own delete: the `portfolio:changed` push may arrive before the reply; leave it to us.
    ownDeletes.add(id)
    const r = await api.portfolioDelete({ id })
    if (!r.ok) {
      ownDeletes.delete(id)
      actionError.value = translate('errors.delete', { error: describe(r.error) })
      return false
    }
    editor().close(id)
    list.value = list.value.filter((p) => p.id !== id)
    await refreshList()
    ownDeletes.delete(id)
    if (wasSelected) {
      editor().deselect()
      const next = list.value[Math.min(Math.max(index, 0), list.value.length - 1)]
      if (next) await editor().select(next.id)
    }
    return true
  }

  async function importFile(file: File): Promise<boolean> {
    let text: string
    try {
      text = await file.text()
    } catch (e) {
      importFailure.value = { fileName: file.name, message: translate('errors.readFile', { error: e instanceof Error ? e.message : String(e) }), issues: [] }
      return false
    }
    // A CSV of positions needs a venue, a margin mode and marks: it goes through the preview first.
    if (/\.csv$/i.test(file.name)) {
      importFailure.value = null
      await importPreview.open(file.name, text, { refused: (f) => (importFailure.value = f), imported: adopt })
      return true
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
    await editor().flush(id)
    const r = await api.portfolioExport({ id })
    if (!r.ok) {
      actionError.value = translate('errors.export', { error: describe(r.error) })
      return false
    }
    downloadText(r.value.fileName, r.value.text, mimeFor(r.value.fileName))
    return true
  }

  // Another window, an import or the CLI may change the store: keep the list current. Open drafts
  // are not reloaded under the user's hands; a deleted one is dropped.
  api.onPortfolioChanged((e) => {
    const deletedElsewhere = e.change === 'deleted' && !ownDeletes.has(e.id)
    if (deletedElsewhere) editor().close(e.id)
    void refreshList().then(() => {
      if (deletedElsewhere && editor().selectedId === e.id) {
        editor().deselect()
        const first = list.value[0]
        if (first) void editor().select(first.id)
      }
    })
  })
  void load()

  return {
    list,
    loaded,
    loadError,
    importFailure,
    actionError,
    upsert,
    load,
    refreshList,
    create,
    createFromTemplate,
    rename,
    duplicate,
    remove,
    importFile,
    exportOne,
  }
})
