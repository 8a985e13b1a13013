// Editing a list of rows of the open draft through the portfolios store (lib/rows.ts): the
// editor's tables share add / remove / set-a-cell, keyed like the cells, with the new row focused.
import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue'
import type { Draft } from '../lib/draft'
import { rowEdits, type RowEdits } from '../lib/rows'
import { usePortfolioEditorStore } from '../stores/portfolioEditor'

function focusCell(cell: string): void {
  document.querySelector<HTMLInputElement>(`[data-cell="${cell}"]`)?.focus()
}

/** A top-level list of the open draft: its rows (reactive) and their edits. */
export function useRowList<Row>(name: MaybeRefOrGetter<string>, pick: (d: Draft) => Row[]): RowEdits<Row> & { rows: ComputedRef<Row[]> } {
  const store = usePortfolioEditorStore()
  const rows = computed(() => pick(store.current!.draft))
  return { rows, ...rowEdits(() => toValue(name), pick, store, focusCell) }
}

/** The edits of a list nested in a row (a DeFi position's legs); cheap, so built per use. */
export function draftRowEdits<Row>(name: () => string, pick: (d: Draft) => Row[]): RowEdits<Row> {
  return rowEdits(name, pick, usePortfolioEditorStore(), focusCell)
}
