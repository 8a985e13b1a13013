// The venue calculator's figures of the book being edited (`portfolio:calculator`): per position
// the initial margin, the leverage cap of its entry bracket (shown in the leverage cell) and, for
// the exit price the user typed, PnL and ROE. Worked out by the engine in main ~150 ms after an
// edit that leaves the draft valid, like the metrics (stores/metrics.ts). Exit prices are a
// what-if of this window, not part of the book: kept per book while the app runs.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { PositionCalc } from '../../../shared/model/position-calc'
import { checkDecimal } from '../../../shared/schemas/decimal-field'
import { checkDraft } from '../lib/draft'
import { cascadeApi } from '../api'
import { usePortfolioEditorStore } from './portfolioEditor'

export const CALC_DEBOUNCE_MS = 150

export const usePositionCalcStore = defineStore('positionCalc', () => {
  const editor = usePortfolioEditorStore()
  /** Exit prices as typed (plain digits), by book id then position id. */
  const exits = ref<Record<string, Record<string, string>>>({})
  const figures = shallowRef<Map<string, PositionCalc>>(new Map())
  const forId = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let seq = 0

  const bookExits = computed(() => (editor.selectedId ? (exits.value[editor.selectedId] ?? {}) : {}))

  function exitOf(positionId: string): string {
    return bookExits.value[positionId] ?? ''
  }

  /** Why a typed exit is not used (empty is simply no exit), or null. */
  function exitProblem(positionId: string): { text: string } | null {
    const text = exitOf(positionId)
    return text === '' || checkDecimal(text, 'positive').ok ? null : { text }
  }

  function setExit(positionId: string, text: string): void {
    const id = editor.selectedId
    if (!id) return
    const mine = { ...(exits.value[id] ?? {}) }
    if (text === '') delete mine[positionId]
    else mine[positionId] = text
    exits.value = { ...exits.value, [id]: mine }
  }

  /** The figures of a position of the selected book, once the engine has them. */
  function of(positionId: string): PositionCalc | null {
    return forId.value === editor.selectedId ? (figures.value.get(positionId) ?? null) : null
  }

  /**
   * An invalid draft has no figures: the last valid book's would sit beside the cells that changed
   * since (a margin for 3x beside a quantity of -3). A reply still on its way is dropped.
   */
  function dropFigures(id: string): void {
    seq++
    forId.value = id
    figures.value = new Map()
  }

  async function compute(id: string): Promise<void> {
    const s = editor.sessions[id]
    if (!s || editor.selectedId !== id) return
    const check = checkDraft(s.draft)
    if (!check.ok) return dropFigures(id)
    const ids = new Set(check.doc.positions.map((p) => p.id))
    const valid: Record<string, string> = {}
    for (const [pid, text] of Object.entries(exits.value[id] ?? {})) {
      const c = checkDecimal(text, 'positive')
      if (ids.has(pid) && c.ok) valid[pid] = c.value
    }
    const mine = ++seq
    const r = await cascadeApi().portfolioCalculator({ doc: check.doc, exits: valid })
    if (mine !== seq) return
    forId.value = id
    figures.value = r.ok ? new Map(r.value.positions.map((p) => [p.id, p])) : new Map()
  }

  watch(
    () => {
      const s = editor.current
      return s ? `${s.id}#${s.rev}#${JSON.stringify(exits.value[s.id] ?? {})}` : null
    },
    (key, previous) => {
      if (timer !== undefined) clearTimeout(timer)
      if (key === null) return
      const id = key.slice(0, key.indexOf('#'))
      const switched = previous == null || previous.slice(0, previous.indexOf('#')) !== id
      // At once, not after the debounce: the figures of a book that just became invalid go now
      // (the editor's own check of the current draft, computed once per edit; the key is its book).
      if (editor.issues.some((iss) => iss.source !== 'engine')) return dropFigures(id)
      timer = setTimeout(() => void compute(id), switched ? 0 : CALC_DEBOUNCE_MS)
    },
    { immediate: true },
  )

  return { exitOf, exitProblem, setExit, of }
})
