// The CSV import's preview (`portfolio:importPreview`): what the file is, each row with its
// verdict, and the choices the book needs: the venue and margin mode (the file's guess first) and
// the marks (the file's, or typed). Main works every verdict out with the import's own code
// (services/positions-import.ts), so the preview says what the import will do. Importing sends the
// same choices with `skipInvalid`: the good rows become the book.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { PortfolioRecord } from '../../../shared/ipc/channels'
import type { FieldIssue } from '../../../shared/model/issues'
import type { MarginMode } from '../../../shared/model/portfolio'
import type { ImportPreview } from '../../../shared/model/positions-import'
import { checkDecimal } from '../../../shared/schemas/decimal-field'
import { cascadeApi } from '../api'

export interface PreviewRefusal {
  fileName: string
  message: string
  issues: FieldIssue[]
}

/** What the list store does with the outcome (it owns the list and the refusal panel). */
export interface PreviewHooks {
  refused(r: PreviewRefusal): void
  imported(rec: PortfolioRecord): Promise<void>
}

const issuesOf = (e: { message: string; path?: string; issues?: FieldIssue[] }): FieldIssue[] => e.issues ?? (e.path !== undefined ? [{ path: e.path, message: e.message }] : [])

export const useImportPreviewStore = defineStore('importPreview', () => {
  const file = ref<{ name: string; text: string } | null>(null)
  const preview = ref<ImportPreview | null>(null)
  const venue = ref<string | undefined>(undefined)
  const marginMode = ref<MarginMode | undefined>(undefined)
  const name = ref('')
  /** Marks as typed (plain digits), by asset. */
  const marks = ref<Record<string, string>>({})
  const busy = ref(false)
  const importError = ref<PreviewRefusal | null>(null)
  let hooks: PreviewHooks | null = null
  let seq = 0

  /** The mark the book will get for an asset: typed, else the file's; null while missing or not a price. */
  function markValue(asset: string): string | null {
    const typed = marks.value[asset]
    if (typed !== undefined) {
      const c = checkDecimal(typed, 'positive')
      return c.ok ? c.value : null
    }
    return preview.value?.marks.find((m) => m.asset === asset)?.fromFile ?? null
  }
  const missingMarks = computed(() => (preview.value?.marks ?? []).filter((m) => markValue(m.asset) === null).map((m) => m.asset))
  const canImport = computed(() => {
    const p = preview.value
    return !!p && !busy.value && p.bookIssues.length === 0 && p.goodRows > 0 && missingMarks.value.length === 0
  })

  function options(): { venue?: string; marginMode?: MarginMode; prices: Record<string, string>; name?: string } {
    const prices: Record<string, string> = {}
    for (const m of preview.value?.marks ?? []) {
      const v = markValue(m.asset)
      if (v !== null) prices[m.asset] = v
    }
    return { venue: venue.value, marginMode: marginMode.value, prices, name: name.value.trim() || undefined }
  }

  async function refresh(): Promise<void> {
    const f = file.value
    if (!f) return
    const mine = ++seq
    busy.value = true
    const r = await cascadeApi().portfolioImportPreview({ fileName: f.name, text: f.text, options: { venue: venue.value, marginMode: marginMode.value } })
    if (mine !== seq) return
    busy.value = false
    if (!r.ok) {
      // The file itself is refused (header, no rows): the refusal panel says why, as for any file.
      hooks?.refused({ fileName: f.name, message: r.error.message, issues: issuesOf(r.error) })
      close()
      return
    }
    preview.value = r.value
    venue.value = r.value.venue
    marginMode.value = r.value.marginMode
    if (name.value === '') name.value = r.value.name
  }

  async function open(fileName: string, text: string, h: PreviewHooks): Promise<void> {
    hooks = h
    file.value = { name: fileName, text }
    preview.value = null
    venue.value = undefined
    marginMode.value = undefined
    name.value = ''
    marks.value = {}
    importError.value = null
    await refresh()
  }

  function choose(next: { venue?: string; marginMode?: MarginMode }): Promise<void> {
    if (next.venue !== undefined) venue.value = next.venue
    if (next.marginMode !== undefined) marginMode.value = next.marginMode
    return refresh()
  }

  function close(): void {
    seq++
    file.value = null
    preview.value = null
    busy.value = false
  }

  async function confirm(): Promise<boolean> {
    const f = file.value
    if (!f || !canImport.value) return false
    busy.value = true
    const r = await cascadeApi().portfolioImport({ fileName: f.name, text: f.text, options: { ...options(), skipInvalid: true } })
    busy.value = false
    if (!r.ok) {
      importError.value = { fileName: f.name, message: r.error.message, issues: issuesOf(r.error) }
      return false
    }
    close()
    await hooks?.imported(r.value)
    return true
  }

  return { file, preview, venue, marginMode, name, marks, busy, importError, missingMarks, canImport, markValue, open, choose, close, confirm }
})
