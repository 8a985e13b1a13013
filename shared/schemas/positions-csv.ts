// CSV import of positions (docs/FORMATS.md §2.4): Cascade's own `symbol,side,qty,entryPrice,leverage`
// or a venue's export of its positions, recognised by the header (positions-csv-formats.ts). This
// module reads the file into rows, each with its problems at `line N.<column>`; turning rows into a
// book for a chosen venue (contract names, the venue's limits, marks) is
// `electron/main/services/positions-import.ts`, the one path the app and the CLI share.
import type { FieldIssue } from '../model/issues'
import type { Side } from '../model/portfolio'
import type { ImportFormatId } from '../model/positions-import'
import { D } from '../decimal'
import { readCsv } from './csv-text'
import { checkDecimal } from './decimal-field'
import { ungroupDecimal } from './grouped-decimal'
import { CASCADE_HEADER, CSV_FORMATS, normaliseHeader, OKX_CONTRACT_VALUES, splitSymbol, type CsvField, type CsvFormat } from './positions-csv-formats'
import { shown } from './shown-input'

/** One data row as read, before it meets a venue. */
export interface CsvPositionRow {
  line: number
  /** As the file writes it (upper-cased). */
  symbol: string
  pair: { base: string; quote: string } | null
  side: Side
  /** Absolute size: base units (`qty`) or quote (`notional`); null when unreadable. */
  size: { field: 'qty' | 'notional'; value: string } | null
  entryPrice: string
  leverage: string
  isolatedMargin: string | null
  mark: string | null
  marginMode: 'cross' | 'isolated' | null
  /** The file's own header text for each field the row reads (issue paths use it). */
  columnOf: Partial<Record<CsvField | 'qty' | 'notional', string>>
  issues: FieldIssue[]
}

export type PositionsCsv =
  | { ok: true; format: ImportFormatId; venue: string | null; rows: CsvPositionRow[]; flatRows: number }
  | { ok: false; issues: FieldIssue[] }

const SIDE_WORDS: Record<string, Side> = { long: 'long', buy: 'long', short: 'short', sell: 'short' }

/** The format whose signature the header carries. */
function detect(header: string[]): CsvFormat | null {
  const names = new Set(header.map(normaliseHeader))
  return CSV_FORMATS.find((f) => f.signature.every((s) => names.has(s))) ?? null
}

/** A figure of the file as the format's validator reads it: thousands separators dropped, exactly. */
const figure = (text: string | undefined): string => ungroupDecimal(text ?? '')

/** Reads the CSV text into rows; a header no format recognises, or one missing a column, is refused whole. */
export function readPositionsCsv(text: string): PositionsCsv {
  const { header, rows } = readCsv(text)
  const format = detect(header)
  if (!format) {
    return {
      ok: false,
      issues: [
        {
          path: 'line 1',
          message: `header not recognised: expected ${CASCADE_HEADER} (any order) or a positions export of Binance (symbol,positionAmt,entryPrice,leverage), Bybit (symbol,side,size,avgPrice,leverage), OKX (instId,pos,avgPx,lever) or Hyperliquid (coin,szi,entryPx,leverage)`,
        },
      ],
    }
  }
  const names = header.map(normaliseHeader)
  const index: Partial<Record<CsvField, number>> = {}
  for (const [field, candidates] of Object.entries(format.columns) as [CsvField, string[]][]) {
    const at = candidates.map((c) => names.indexOf(c)).find((i) => i >= 0)
    if (at !== undefined) index[field] = at
  }
  const missing = format.required.filter((alts) => alts.every((f) => index[f] === undefined))
  if (missing.length) {
    const expected = format.id === 'cascade' ? CASCADE_HEADER : format.required.map((alts) => format.columns[alts[0]]?.[0]).join(',')
    return { ok: false, issues: missing.map((alts) => ({ path: 'line 1', message: `missing column "${alts.join('" or "')}" (expected header ${expected})` })) }
  }
  if (rows.length === 0) return { ok: false, issues: [{ path: 'line 2', message: 'no positions found below the header' }] }

  const out: CsvPositionRow[] = []
  let flatRows = 0
  for (const r of rows) {
    const row = readRow(format, header, index, r.line, r.cells)
    if (row === 'flat') flatRows++
    else out.push(row)
  }
  if (out.length === 0) return { ok: false, issues: [{ path: 'line 2', message: `no open positions: all ${flatRows} rows have a size of zero` }] }
  return { ok: true, format: format.id, venue: format.venue, rows: out, flatRows }
}

function readRow(format: CsvFormat, header: string[], index: Partial<Record<CsvField, number>>, line: number, cells: string[]): CsvPositionRow | 'flat' {
  const get = (f: CsvField): string | undefined => (index[f] === undefined ? undefined : (cells[index[f] as number] ?? ''))
  const col = (f: CsvField): string => header[index[f] as number] ?? f
  const issues: FieldIssue[] = []
  const problem = (f: CsvField, message: string) => issues.push({ path: `line ${line}.${col(f)}`, message })
  const columnOf: CsvPositionRow['columnOf'] = {}
  for (const f of Object.keys(index) as CsvField[]) columnOf[f] = col(f)

  const symbol = (get('symbol') ?? '').toUpperCase()
  const pair = splitSymbol(symbol, format.defaultQuote)

  // Size and side: a signed size (Binance, Hyperliquid, OKX net mode), or a side word with an unsigned size.
  let side: Side | null = null
  let size: CsvPositionRow['size'] = null
  const sideWord = (get('side') ?? get('positionSide') ?? '').toLowerCase()
  const signedField: CsvField | null = index.signedQty !== undefined ? 'signedQty' : index.contracts !== undefined ? 'contracts' : null
  if (signedField) {
    const c = checkDecimal(figure(get(signedField)), 'any')
    if (!c.ok) problem(signedField, c.message.replace('a decimal', 'a decimal (negative for a short)'))
    else {
      if (new D(c.value).isZero()) return 'flat'
      side = SIDE_WORDS[sideWord] ?? (c.value.startsWith('-') ? 'short' : 'long')
      const qty = c.value.replace(/^-/, '')
      if (signedField === 'contracts') {
        // A count of contracts is a size only with its contract value: none is guessed.
        const ctVal = get('ctVal') !== undefined && get('ctVal') !== '' ? figure(get('ctVal')) : OKX_CONTRACT_VALUES[symbol]
        const cv = ctVal === undefined ? null : checkDecimal(ctVal, 'positive')
        if (cv === null) problem(signedField, `counts contracts of ${symbol || 'this instrument'}, whose contract value is unknown: add OKX's ctVal column (GET /api/v5/public/instruments)`)
        else if (!cv.ok) problem('ctVal', cv.message)
        else size = { field: 'qty', value: new D(qty).mul(cv.value).toFixed() }
      } else size = { field: 'qty', value: qty }
    }
  } else {
    const qtyText = get('qty')
    const field: 'qty' | 'notional' = qtyText !== undefined && qtyText !== '' ? 'qty' : index.notional !== undefined ? 'notional' : 'qty'
    const raw = field === 'qty' ? qtyText : get('notional')
    const c = checkDecimal(figure(raw), 'any')
    if (c.ok && new D(c.value).isZero() && format.id !== 'cascade') return 'flat'
    side = SIDE_WORDS[sideWord] ?? null
    if (!side) problem(index.side !== undefined ? 'side' : 'positionSide', `must be long or short (or buy/sell), got ${shown(get('side') ?? '')}`)
    // The position format checks the size (positive) once the row is a position; keep the text.
    size = { field, value: figure(raw) }
    columnOf.qty = field === 'qty' ? col('qty') : col('notional')
    columnOf.notional = columnOf.qty
  }
  if (signedField) columnOf.qty = col(signedField)

  const optional = (f: CsvField): string | null => {
    const v = get(f)
    return v === undefined || v.trim() === '' || v.trim() === '--' ? null : figure(v)
  }
  let mark = optional('mark')
  if (mark !== null) {
    const c = checkDecimal(mark, 'positive')
    if (c.ok) mark = c.value
    else problem('mark', c.message)
  }
  let marginMode: CsvPositionRow['marginMode'] = null
  const modeWord = get('marginMode')?.trim().toLowerCase()
  if (modeWord) {
    marginMode = format.modes?.[modeWord] ?? null
    if (!marginMode) problem('marginMode', `must be cross or isolated, got ${shown(get('marginMode') ?? '')}`)
  }

  return {
    line,
    symbol,
    pair,
    side: side ?? 'long',
    size,
    entryPrice: figure(get('entryPrice')),
    leverage: figure(get('leverage')).replace(/x$/i, ''),
    isolatedMargin: optional('isolatedMargin'),
    mark,
    marginMode,
    columnOf,
    issues,
  }
}
