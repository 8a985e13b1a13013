// CSV import of positions in the shape venues export (`symbol,side,qty,entryPrice,leverage`,
// docs/FORMATS.md §2.4). A convenience on top of `cascade.portfolio/1`: the rows become a new book.
import type { FieldIssue } from '../model/issues'
import { emptyPortfolio, type Portfolio, type Position } from '../model/portfolio'
import { validatePortfolio, type PortfolioResult } from './portfolio'
import { shown } from './shown-input'

const COLUMNS = ['symbol', 'side', 'qty', 'entryPrice', 'leverage'] as const
const SIDE_WORDS: Record<string, Position['side']> = { long: 'long', buy: 'long', short: 'short', sell: 'short' }

function splitLine(line: string): string[] {
  // Venue exports quote nothing we need; a quoted cell is unwrapped, commas inside quotes kept.
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        cell += '"'
        i++
      } else quoted = !quoted
    } else if (c === ',' && !quoted) {
      cells.push(cell.trim())
      cell = ''
    } else cell += c
  }
  cells.push(cell.trim())
  return cells
}

/** Parses the CSV text into a new portfolio named `name`; issues are `line N.column: ...`. */
export function parsePositionsCsv(text: string, name: string): PortfolioResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const headerCells = splitLine(lines[0] ?? '').map((h) => h.toLowerCase())
  const index: Record<string, number> = {}
  const missing: FieldIssue[] = []
  for (const col of COLUMNS) {
    const at = headerCells.indexOf(col.toLowerCase())
    if (at < 0) missing.push({ path: 'line 1', message: `missing column "${col}" (expected header ${COLUMNS.join(',')})` })
    index[col] = at
  }
  if (missing.length) return { ok: false, issues: missing }

  const positions: Position[] = []
  const issues: FieldIssue[] = []
  lines.slice(1).forEach((raw, i) => {
    if (raw.trim() === '') return
    const lineNo = i + 2
    const cells = splitLine(raw)
    const sideWord = (cells[index.side] ?? '').toLowerCase()
    const side = SIDE_WORDS[sideWord]
    if (!side) issues.push({ path: `line ${lineNo}.side`, message: `must be long or short (or buy/sell), got ${shown(cells[index.side] ?? '')}` })
    positions.push({
      id: `p${positions.length + 1}`,
      symbol: (cells[index.symbol] ?? '').toUpperCase(),
      side: side ?? 'long',
      qty: cells[index.qty] ?? '',
      entryPrice: cells[index.entryPrice] ?? '',
      leverage: (cells[index.leverage] ?? '').replace(/x$/i, ''),
    })
  })
  if (positions.length === 0 && issues.length === 0) return { ok: false, issues: [{ path: 'line 2', message: 'no positions found below the header' }] }

  const doc: Portfolio = { ...emptyPortfolio(name), positions }
  const checked = validatePortfolio(doc)
  // Map document paths back to CSV lines so the user can find the bad cell in their file.
  const lineIssues = checked.ok
    ? []
    : checked.issues.map((iss) => {
        const m = /^positions\[(\d+)\]\.?(.*)$/.exec(iss.path)
        return m ? { path: `line ${rowLine(lines, Number(m[1]))}.${m[2] || 'row'}`, message: iss.message } : iss
      })
  const all = [...issues, ...lineIssues]
  return all.length ? { ok: false, issues: all } : checked
}

/** The 1-based file line of the n-th non-blank data row. */
function rowLine(lines: string[], n: number): number {
  let seen = -1
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue
    if (++seen === n) return i + 1
  }
  return lines.length
}
