// File names for charts saved as PNG: what the chart shows after the run it belongs to
// (`Hedge-book-2025-10-10-seed28-timeline.png`), in letters, digits, `.`, `_` and `-` only.

export function safeFilePart(text: string, max = 60): string {
  return text.replace(/[^A-Za-z0-9._ -]+/g, '_').trim().replace(/\s+/g, '-').replace(/^[._-]+/, '').slice(0, max)
}

export function chartFileName(base: string, chart: string): string {
  const parts = [safeFilePart(base, 80), safeFilePart(chart, 40)].filter(Boolean)
  return `${parts.join('-') || 'chart'}.png`
}

/** The base of a run's file names: book, scenario and seed (as the events export names them). */
export function runFileBase(run: { portfolioName: string; scenarioId: string; seed: number }): string {
  return `${safeFilePart(run.portfolioName, 48)}-${safeFilePart(run.scenarioId, 40)}-seed${run.seed}`
}
