// File names for charts saved as PNG: what the chart shows after the run it belongs to
// (`Hedge-book-2025-10-10-seed28-timeline.png`), in letters, digits, `.`, `_` and `-` only.

export function safeFilePart(text: string, max = 60): string {
  return text.replace(/[^A-Za-z0-9._ -]+/g, '_').trim().replace(/\s+/g, '-').replace(/^[._-]+/, '').slice(0, max)
}

export function chartFileName(base: string, chart: string): string {
  const parts = [safeFilePart(base, 160), safeFilePart(chart, 40)].filter(Boolean)
  return `${parts.join('-') || 'chart'}.png`
}

/** The base of a run's file names: book, scenario and seed (as the events export names them). */
export function runFileBase(run: { portfolioName: string; scenarioId: string; seed: number }): string {
  return `${safeFilePart(run.portfolioName, 48)}-${safeFilePart(run.scenarioId, 40)}-seed${run.seed}`
}

/**
 * The base of a comparison's file names: every compared run's scenario and seed, so the file says
 * what it compares; the book once when all runs share it, else each run's book, shortened
 * (`compare-Hedge-book-2025-10-10-binance-seed5-vs-2021-05-19-binance-seed5`).
 */
export function compareFileBase(runs: readonly { portfolioName: string; scenarioId: string; seed: number }[]): string {
  const sameBook = new Set(runs.map((r) => r.portfolioName)).size === 1
  const book = (name: string, max: number) => safeFilePart(name, max).replace(/[._-]+$/, '')
  const one = (r: (typeof runs)[number]) => [sameBook ? '' : book(r.portfolioName, 20), safeFilePart(r.scenarioId, 40), `seed${r.seed}`].filter(Boolean).join('-')
  return ['compare', sameBook && runs[0] ? book(runs[0].portfolioName, 32) : '', runs.map(one).join('-vs-')].filter(Boolean).join('-')
}
