// A CSV of positions made into a book for a venue and margin mode (docs/FORMATS.md §2.4): the one
// path the app's preview and import (`portfolio:importPreview`, `portfolio:import`) and the CLI
// (`cascade validate`, `cascade import`) share, so every door gives the same verdict on every row.
// A row is good when it reads, maps to one of the venue's contracts (by name, else by base and
// quote: `BTC-USDT-SWAP` and `BTCUSDT` are one contract), passes the format and the engine's
// limits (services/book-check.ts); problems are reported on the file's line and column.
import { basename, extname } from 'node:path'
import type { FieldIssue } from '../../../shared/model/issues'
import { emptyPortfolio, type MarginMode, type Portfolio, type Position } from '../../../shared/model/portfolio'
import type { ImportMark, ImportOptions, ImportPreview, ImportRow } from '../../../shared/model/positions-import'
import type { ContractSpec, Peg, VenueProfile } from '../../../shared/model/venue'
import { ASSET_PATTERN, validatePortfolio } from '../../../shared/schemas/portfolio'
import { checkDecimal } from '../../../shared/schemas/decimal-field'
import { readPositionsCsv, type CsvPositionRow } from '../../../shared/schemas/positions-csv'
import { checkStoredBook, type VenueSource } from './book-check'

export type PreviewResult = { ok: true; value: ImportPreview } | { ok: false; issues: FieldIssue[] }
export type ImportResult = { ok: true; value: Portfolio; preview: ImportPreview } | { ok: false; issues: FieldIssue[] }

/** The book's default name: the file's, without its extension. */
export const bookNameOf = (fileName: string): string => basename(fileName, extname(fileName)).slice(0, 200) || 'Imported positions'

/** The venue's contract for a file's symbol: by name, else the one with the same base and quote. */
function contractFor(row: CsvPositionRow, contracts: Record<string, ContractSpec>): string | null {
  if (contracts[row.symbol]) return row.symbol
  if (!row.pair) return null
  const { base, quote } = row.pair
  return Object.keys(contracts).find((s) => contracts[s].base.toUpperCase() === base && contracts[s].quote.toUpperCase() === quote) ?? null
}

/** Whether the venue's pegs price `asset` without a mark (USDT -> USD 1). */
function pegged(asset: string, pegs: Record<string, Peg>, given: Record<string, string>): boolean {
  let at = asset
  for (let i = 0; i < 16; i++) {
    const peg = pegs[at]
    if (!peg) return false
    if (peg.to === 'USD' || given[peg.to] !== undefined) return true
    at = peg.to
  }
  return false
}

/** A document path of the one-position (or all-rows) book, as the row's `line N.<column>`. */
function rowIssue(row: CsvPositionRow, path: string, message: string): FieldIssue {
  const field = path.replace(/^positions\[\d+\]\.?/, '') || 'row'
  const column = row.columnOf[field as keyof CsvPositionRow['columnOf']] ?? field
  return { path: `line ${row.line}.${column}`, message }
}

export function previewPositionsImport(fileName: string, text: string, options: ImportOptions, venues: VenueSource): PreviewResult {
  const parsed = readPositionsCsv(text)
  if (!parsed.ok) return parsed

  const modes = new Set(parsed.rows.map((r) => r.marginMode).filter((m) => m !== null))
  const guessMode = modes.size === 1 ? [...modes][0] : null
  const venueId = options.venue ?? parsed.venue ?? 'binance'
  const marginMode: MarginMode = options.marginMode ?? guessMode ?? 'cross'
  const bookIssues: FieldIssue[] = []

  const found = venues.get(venueId)
  const venue: VenueProfile | null = found.ok ? found.value : null
  if (!found.ok) bookIssues.push(...found.issues.map((i) => ({ path: i.path ? `venue.${i.path}` : 'venue', message: i.message })))
  const contracts = venue && venue.kind !== 'lending' ? venue.contracts : {}

  // Each row alone: read, mapped, in the format.
  const rows: ImportRow[] = parsed.rows.map((r, k) => {
    const issues = [...r.issues]
    const symbol = contractFor(r, contracts) ?? r.symbol
    let position: Position | null = null
    if (r.size) {
      position = { id: `p${k + 1}`, symbol, side: r.side, [r.size.field]: r.size.value, entryPrice: r.entryPrice, leverage: r.leverage } as Position
      if (marginMode === 'isolated' && r.isolatedMargin !== null) position.isolatedMargin = r.isolatedMargin
      const alone = validatePortfolio({ ...emptyPortfolio('row', venueId), marginMode, positions: [position] })
      if (!alone.ok) issues.push(...alone.issues.map((i) => rowIssue(r, i.path, i.message)))
      else position = alone.value.positions[0]
    }
    return { line: r.line, fileSymbol: r.symbol, position, mark: r.mark, marginMode: r.marginMode, issues }
  })

  // Then the engine's limits on every row that reads, as one book (each finding lands on its row).
  const readable = rows.filter((r) => r.issues.length === 0 && r.position)
  if (venue) {
    const doc: Portfolio = { ...emptyPortfolio('rows', venueId), marginMode, positions: readable.map((r) => r.position as Position) }
    const verdict = checkStoredBook(doc, venues)
    if (!verdict.ok) {
      for (const iss of verdict.issues) {
        const m = /^positions\[(\d+)\]/.exec(iss.path)
        if (m) {
          const row = readable[Number(m[1])]
          const source = parsed.rows[rows.indexOf(row)]
          row.issues.push(rowIssue(source, iss.path, iss.message))
        } else bookIssues.push(iss)
      }
    }
  }

  // Marks: the user's, else the file's, for every asset of the good rows the venue does not peg.
  const given: Record<string, string> = {}
  for (const [asset, value] of Object.entries(options.prices ?? {})) {
    const c = checkDecimal(value, 'positive')
    if (!ASSET_PATTERN.test(asset)) bookIssues.push({ path: `prices.${asset}`, message: 'must be an asset ticker such as BTC or USDe' })
    else if (!c.ok) bookIssues.push({ path: `prices.${asset}`, message: c.message })
    else given[asset] = c.value
  }
  const fromFile: Record<string, string> = {}
  const assets: string[] = []
  const good = rows.filter((r) => r.issues.length === 0 && r.position)
  for (const r of good) {
    const c = contracts[(r.position as Position).symbol]
    if (!c) continue
    for (const a of [c.base, c.quote]) if (!assets.includes(a)) assets.push(a)
    if (r.mark !== null && fromFile[c.base] === undefined) fromFile[c.base] = r.mark
  }
  const pegs = venue?.pegs ?? {}
  const marks: ImportMark[] = assets
    .filter((a) => given[a] !== undefined || fromFile[a] !== undefined || !pegged(a, pegs, { ...fromFile, ...given }))
    .map((a) => ({ asset: a, fromFile: fromFile[a] ?? null, value: given[a] ?? fromFile[a] ?? null }))

  return {
    ok: true,
    value: {
      fileName,
      name: options.name?.trim() || bookNameOf(fileName),
      format: parsed.format,
      guess: { venue: parsed.venue, marginMode: guessMode, mixedModes: modes.size > 1 },
      venue: venueId,
      marginMode,
      rows,
      flatRows: parsed.flatRows,
      marks,
      bookIssues,
      goodRows: good.length,
    },
  }
}

/**
 * The book a CSV becomes. Refused whole when the book has a problem (venue, margin mode, a mark),
 * or when a row has one, unless `skipInvalid` leaves such rows out; a file with no good row is
 * refused. A missing mark is not a refusal (the format needs none; metrics ask for it).
 */
export function importPositionsFile(fileName: string, text: string, options: ImportOptions, venues: VenueSource): ImportResult {
  const p = previewPositionsImport(fileName, text, options, venues)
  if (!p.ok) return p
  const preview = p.value
  if (preview.bookIssues.length) return { ok: false, issues: preview.bookIssues }
  const rowIssues = preview.rows.flatMap((r) => r.issues)
  if (rowIssues.length && !options.skipInvalid) return { ok: false, issues: rowIssues }
  if (preview.goodRows === 0) return { ok: false, issues: rowIssues.length ? rowIssues : [{ path: 'line 2', message: 'no position to import' }] }
  const prices: Record<string, string> = {}
  for (const m of preview.marks) if (m.value !== null) prices[m.asset] = m.value
  const positions = preview.rows.filter((r) => r.issues.length === 0 && r.position).map((r, k) => ({ ...(r.position as Position), id: `p${k + 1}` }))
  const checked = validatePortfolio({ ...emptyPortfolio(preview.name, preview.venue), marginMode: preview.marginMode, prices, positions })
  if (!checked.ok) return checked
  const verdict = checkStoredBook(checked.value, venues)
  if (!verdict.ok) return { ok: false, issues: verdict.issues }
  return { ok: true, value: checked.value, preview }
}
