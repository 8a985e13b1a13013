// The global runs list's filters and the choices they offer.
import { describe, expect, it } from 'vitest'
import type { RunListItem } from '../../../shared/ipc/channels'
import { bookKey, filterChoices, filterRuns, localDay, NO_FILTER } from '../../../renderer/src/lib/runs-filter'

const at = (day: string, hour = 12) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00`).toISOString()
function run(id: string, over: Partial<RunListItem> = {}): RunListItem {
  return { id, portfolioId: 'a', portfolioName: 'Book A', scenarioId: '2025-10-10', scenarioName: '10/10', seed: 1, status: 'done', error: null, createdAt: at('2026-01-02'), finishedAt: null, survived: true, finalEquity: '1', ...over }
}

const runs = [
  run('1'),
  run('2', { portfolioId: 'b', portfolioName: 'Book B', createdAt: at('2026-01-05') }),
  run('3', { scenarioId: '2020-03-12', scenarioName: '3/12', status: 'failed', createdAt: at('2026-01-03') }),
  run('4', { portfolioId: null, portfolioName: 'Gone book', status: 'cancelled', createdAt: at('2026-01-04') }),
]

describe('filterRuns', () => {
  it('lets everything through without a filter, newest first', () => {
    expect(filterRuns(runs, NO_FILTER).map((r) => r.id)).toEqual(['2', '4', '3', '1'])
  })

  it('filters by book (a deleted book by its name), scenario and status', () => {
    expect(filterRuns(runs, { ...NO_FILTER, book: 'a' }).map((r) => r.id)).toEqual(['3', '1'])
    expect(filterRuns(runs, { ...NO_FILTER, book: 'name:Gone book' }).map((r) => r.id)).toEqual(['4'])
    expect(filterRuns(runs, { ...NO_FILTER, scenario: '2020-03-12' }).map((r) => r.id)).toEqual(['3'])
    expect(filterRuns(runs, { ...NO_FILTER, status: 'done' }).map((r) => r.id)).toEqual(['2', '1'])
    expect(filterRuns(runs, { ...NO_FILTER, book: 'a', status: 'done' }).map((r) => r.id)).toEqual(['1'])
  })

  it('filters by local day, both ends included', () => {
    expect(filterRuns(runs, { ...NO_FILTER, from: '2026-01-03', to: '2026-01-04' }).map((r) => r.id)).toEqual(['4', '3'])
    expect(filterRuns(runs, { ...NO_FILTER, from: '2026-01-05' }).map((r) => r.id)).toEqual(['2'])
    expect(filterRuns(runs, { ...NO_FILTER, to: '2026-01-02' }).map((r) => r.id)).toEqual(['1'])
    // Late in the evening is still that local day.
    expect(localDay(at('2026-01-02', 23))).toBe('2026-01-02')
  })
})

describe('filterChoices', () => {
  it('offers each book and scenario the runs name, with counts, by label', () => {
    const { books, scenarios } = filterChoices(runs)
    expect(books).toEqual([
      { value: 'a', label: 'Book A', count: 2 },
      { value: 'b', label: 'Book B', count: 1 },
      { value: 'name:Gone book', label: 'Gone book', count: 1 },
    ])
    // By label: "10/10" before "3/12".
    expect(scenarios.map((s) => [s.value, s.count])).toEqual([
      ['2025-10-10', 3],
      ['2020-03-12', 1],
    ])
    expect(bookKey(runs[3])).toBe('name:Gone book')
  })
})
