// The edits of one list of rows of the open draft (positions, wallet, loans, prices, loops, DeFi
// positions and their supply/borrow legs). Every edit is keyed like the cell it changes
// (`positions[1].qty`, `wallet:add`, `defi[0].borrows:remove`), so undo coalesces typing in one
// cell; a new row's first cell gets the focus once it is drawn. The store and the focusing are
// passed in (composables/useRowList.ts wires the portfolios store and the DOM), so this is testable.
import { nextTick } from 'vue'
import type { Draft } from './draft'

/** What the edits need of the portfolios store. */
export interface DraftEditor {
  readonly current: { draft: Draft } | null
  edit(key: string, mutate: (d: Draft) => void): void
}

export interface RowEdits<Row> {
  /** Changes row `i` under the key `<list>[i].<what>` (`what` names the cell, or a pseudo-cell). */
  update(i: number, what: string, mutate: (row: Row) => void): void
  /** Sets one field of row `i` (key `<list>[i].<field>`). */
  set<F extends keyof Row & string>(i: number, field: F, value: Row[F]): void
  /** Appends `make(rows)`, then focuses the new row's `focus` cell. */
  add(make: (rows: Row[]) => Row, focus: string): Promise<void>
  remove(i: number): void
}

/** The edits of the list `name()` names, which `pick` finds in a draft. */
export function rowEdits<Row>(name: () => string, pick: (d: Draft) => Row[], store: DraftEditor, focusCell: (cell: string) => void): RowEdits<Row> {
  function update(i: number, what: string, mutate: (row: Row) => void): void {
    store.edit(`${name()}[${i}].${what}`, (d) => {
      mutate(pick(d)[i])
    })
  }

  function set<F extends keyof Row & string>(i: number, field: F, value: Row[F]): void {
    update(i, field, (row) => {
      row[field] = value
    })
  }

  async function add(make: (rows: Row[]) => Row, focus: string): Promise<void> {
    const s = store.current
    if (!s) return
    const i = pick(s.draft).length
    store.edit(`${name()}:add`, (d) => {
      const rows = pick(d)
      rows.push(make(rows))
    })
    await nextTick()
    focusCell(`${name()}[${i}].${focus}`)
  }

  function remove(i: number): void {
    store.edit(`${name()}:remove`, (d) => {
      pick(d).splice(i, 1)
    })
  }

  return { update, set, add, remove }
}
