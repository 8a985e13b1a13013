// The global runs list's filters: by book, scenario, status and the local day a run started,
// and the choices each filter offers (from the runs themselves, so a deleted book's runs can still
// be found by its name). Pure, so Vitest checks it without a DOM.
import type { RunListItem, RunStatus } from '../../../shared/ipc/channels'

export interface RunFilter {
  /** A book's id, or `name:<name>` for runs whose book was deleted; '' for every book. */
  book: string
  scenario: string
  status: RunStatus | ''
  /** Local days, `YYYY-MM-DD`, inclusive; '' for no bound. */
  from: string
  to: string
}

export const NO_FILTER: RunFilter = { book: '', scenario: '', status: '', from: '', to: '' }

/** The book filter's value of a run: its book's id, or its name once the book is gone. */
export const bookKey = (r: Pick<RunListItem, 'portfolioId' | 'portfolioName'>): string => r.portfolioId ?? `name:${r.portfolioName}`

const pad = (n: number) => String(n).padStart(2, '0')

/** The local day of an ISO time, `YYYY-MM-DD`. */
export function localDay(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? '' : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** The runs the filter lets through, newest first. */
export function filterRuns(runs: readonly RunListItem[], f: RunFilter): RunListItem[] {
  return runs
    .filter((r) => {
      if (f.book && bookKey(r) !== f.book) return false
      if (f.scenario && r.scenarioId !== f.scenario) return false
      if (f.status && r.status !== f.status) return false
      const day = localDay(r.createdAt)
      if (f.from && day < f.from) return false
      if (f.to && day > f.to) return false
      return true
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id))
}

export interface FilterChoice {
  value: string
  label: string
  count: number
}

/** The books and the scenarios the runs name, each with how many runs it has, by label. */
export function filterChoices(runs: readonly RunListItem[]): { books: FilterChoice[]; scenarios: FilterChoice[] } {
  const tally = (key: (r: RunListItem) => string, label: (r: RunListItem) => string): FilterChoice[] => {
    const m = new Map<string, FilterChoice>()
    for (const r of runs) {
      const k = key(r)
      const c = m.get(k)
      if (c) c.count++
      else m.set(k, { value: k, label: label(r), count: 1 })
    }
    return [...m.values()].sort((a, b) => a.label.localeCompare(b.label) || a.value.localeCompare(b.value))
  }
  return { books: tally(bookKey, (r) => r.portfolioName), scenarios: tally((r) => r.scenarioId, (r) => r.scenarioName) }
}

/** At most this many runs side by side: each brings its whole series, and a table wider than six columns is no longer read. */
export const MAX_COMPARED = 6
