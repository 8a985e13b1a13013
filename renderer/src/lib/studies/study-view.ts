// What the study screens compute from a report, no more: probabilities as percentages with their
// Wilson interval, the what-if set a grid cell or a solve value ran with (so it opens as a single
// run), and the order of a Monte Carlo's positions. Every figure comes from the report. Pure.
import type { DrawOutcome, GridOddsCell, GridReport, GridRunCell, Proportion, SolveReport, StudyInputs, WhatIfSet } from '../../../../shared/model/study'
import type { Portfolio } from '../../../../shared/model/portfolio'
import type { Translate } from '../../i18n'
import { compactAxis, groupThousands } from '../format'

/** 0.4151 -> "41.5%" (dp places); a share is a float estimate, printed as such. */
export function pct(share: number, dp = 1): string {
  if (!Number.isFinite(share)) return '—'
  return `${groupThousands((share * 100).toFixed(dp))}%`
}

/** The 95% Wilson interval: "38.5–44.6%". */
export function interval(p: Proportion, dp = 1): string {
  return `${groupThousands((p.lo * 100).toFixed(dp))}–${pct(p.hi, dp)}`
}

export const isOddsGrid = (r: GridReport): r is GridReport & { cells: GridOddsCell[][] } => r.draws !== null

export function gridRunCell(r: GridReport, i: number, j: number): GridRunCell | null {
  return isOddsGrid(r) ? null : ((r.cells as GridRunCell[][])[i]?.[j] ?? null)
}

/** The set a cell ran with: the study's own set, the two axes on top (as `cascade run --set`). */
export function gridCellSet(r: Pick<GridReport, 'inputs' | 'x' | 'y'>, i: number, j: number): WhatIfSet {
  return { ...r.inputs.set, [r.x.axis]: r.x.values[i], [r.y.axis]: r.y.values[j] }
}

/** The set a solve's value ran with (one run: the study's seed). */
export function solveValueSet(r: Pick<SolveReport, 'inputs' | 'axis'>, value: string): WhatIfSet {
  return { ...r.inputs.set, [r.axis]: value }
}

/** The draws that ended worst, lowest final equity first (ties by draw): the ones to open. */
export function worstDraws(outcomes: readonly DrawOutcome[], n: number): DrawOutcome[] {
  return [...outcomes].sort((a, b) => Number(a.finalEquity) - Number(b.finalEquity) || a.draw - b.draw).slice(0, n)
}

/** A set as `--set` text: `fund=200000000 shock:BTC=-0.2` (empty: nothing). */
export function setText(set: WhatIfSet): string {
  return Object.entries(set)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')
}

/** The positions of a Monte Carlo in the book's order, those with any ADL or liquidation first kept in place. */
export function positionRows(inputs: StudyInputs, positions: Record<string, { adl: Proportion; liquidated: Proportion }>) {
  return inputs.positions.filter((id) => positions[id]).map((id) => ({ id, ...positions[id] }))
}

/** Seconds after the start as a UTC instant. */
export function atOffset(start: string, seconds: number): string {
  return new Date(Date.parse(start) + seconds * 1000).toISOString()
}

/**
 * An axis value as a trader reads it: a move or a share as a percentage (`shock:BTC` -0.15 ->
 * "-15%"), the fund in compact USD, collateral in compact units, a scale as a factor ("×1.25").
 * The exact value (`--set` text) stays in tooltips and tables.
 */
export function axisValueLabel(axis: string, value: string): string {
  const kind = axis.split(':')[0]
  const n = Number(value)
  if (!Number.isFinite(n)) return value
  if (kind === 'shock' || kind === 'depeg' || kind === 'withdrawal') return `${groupThousands(trimZeros((n * 100).toFixed(2)))}%`
  if (kind === 'fund') return compactAxis(n)
  if (kind === 'collateral') return Math.abs(n) >= 1e4 ? compactAxis(n) : groupThousands(trimZeros(n.toFixed(4)))
  if (kind === 'scale') return `×${trimZeros(n.toFixed(3))}`
  return value
}

const AXIS_KINDS = ['shock', 'depeg', 'withdrawal', 'fund', 'collateral', 'scale']

/**
 * An axis as a trader names it in the app's language: `collateral:USDC` -> "extra USDC collateral"
 * (the axis adds to the wallet; the headline once read "least collateral:USDC", as if a total),
 * `shock:BTC` -> "BTC move at the bottom". An axis the app does not know stays as written.
 */
export function axisName(axis: string, t: Translate): string {
  const [kind, asset] = axis.split(':')
  return AXIS_KINDS.includes(kind) ? t(`studies.axisName.${kind}`, { asset: asset ?? '' }) : axis
}

/** The exact value, grouped, with its unit where the axis has one: `collateral:USDT` 37000 -> "37,000 USDT", `fund` -> "200,000,000 USD". */
export function axisValueExact(axis: string, value: string): string {
  const [kind, asset] = axis.split(':')
  const grouped = /^-?[0-9]+(\.[0-9]+)?$/.test(value) ? groupThousands(value) : value
  if (kind === 'collateral' && asset) return `${grouped} ${asset}`
  if (kind === 'fund') return `${grouped} USD`
  return grouped
}

const trimZeros = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s)

/** A position of the book as the tables name it: `p1 BTCUSDT ▼` (a DeFi position or loop by its id and asset). */
export function positionLabel(book: Pick<Portfolio, 'positions' | 'defi' | 'loops'>, id: string): string {
  const p = book.positions.find((x) => x.id === id)
  if (p) return `${id} ${p.symbol} ${p.side === 'long' ? '▲' : '▼'}`
  const d = book.defi.find((x) => x.id === id)
  if (d) return `${id} ${d.protocol}`
  const l = book.loops.find((x) => x.id === id)
  if (l) return `${id} ${l.asset}/${l.borrow}`
  return id
}
