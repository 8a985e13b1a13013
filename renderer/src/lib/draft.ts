// The editor's working copy of a portfolio and how it maps to cells: the draft keeps prices as
// ordered rows (a record cannot hold a half-typed or duplicate key), and every validation issue
// from `validatePortfolio` is mapped to the key of the cell that shows it.
import type { AssetAmount, DefiPosition, MarginMode, Portfolio, Position } from '../../../shared/model/portfolio'
import { PORTFOLIO_FORMAT } from '../../../shared/model/portfolio'
import type { FieldIssue } from '../../../shared/model/issues'
import { ASSET_PATTERN, validatePortfolio } from '../../../shared/schemas/portfolio'

export interface PriceRow {
  asset: string
  mark: string
}

/** A loop whose count may still be half-typed text ("3a") until it parses as a number. */
export interface DraftLoop {
  id: string
  capital: string
  asset: string
  borrow: string
  ltv: string
  loops: number | string
}

export interface Draft {
  format: typeof PORTFOLIO_FORMAT
  name: string
  venue: string
  marginMode: MarginMode
  prices: PriceRow[]
  wallet: AssetAmount[]
  positions: Position[]
  loans: AssetAmount[]
  defi: DefiPosition[]
  loops: DraftLoop[]
}

/** One finding: `path` as the document names it, `cell` the editor cell that shows it (if any). */
export interface CellIssue {
  path: string
  cell: string | null
  message: string
  /**
   * `engine`: the venue's limits refuse a well-formed book (from the main process, which saved it
   * as a draft); otherwise the format's validator refused the draft and it was not saved.
   */
  source?: 'engine'
}

export type DraftCheck = { ok: true; doc: Portfolio; issues: [] } | { ok: false; issues: CellIssue[] }

/** Deep copy through JSON: strips reactive proxies and `undefined` keys (plain data for IPC). */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

export function draftFromDoc(doc: Portfolio): Draft {
  const copy = plain(doc)
  return {
    format: PORTFOLIO_FORMAT,
    name: copy.name,
    venue: copy.venue,
    marginMode: copy.marginMode,
    prices: Object.entries(copy.prices ?? {}).map(([asset, mark]) => ({ asset, mark })),
    wallet: copy.wallet ?? [],
    positions: copy.positions ?? [],
    loans: copy.loans ?? [],
    defi: copy.defi ?? [],
    loops: copy.loops ?? [],
  }
}

/**
 * A row just added and not typed into yet: left out of the document, so a new row is never red
 * before its first keystroke and the book stays saved meanwhile. Ids and sides are filled in for
 * the user, so they do not count as typing.
 */
const blank = (...texts: (string | number | undefined)[]): boolean => texts.every((t) => t === undefined || t === '')
const blankLeg = (l: AssetAmount): boolean => blank(l.asset, l.amount)
export const BLANK_ROW: { [K in ListName]: (row: Draft[K][number]) => boolean } = {
  positions: (p) => blank(p.symbol, p.qty, p.notional, p.entryPrice, p.leverage, p.isolatedMargin),
  wallet: blankLeg,
  loans: blankLeg,
  prices: (r) => blank(r.asset, r.mark),
  loops: (l) => blank(l.capital, l.asset, l.borrow, l.ltv, l.loops),
  defi: (d) => blank(d.protocol) && d.supplies.every(blankLeg) && d.borrows.every(blankLeg),
}
export type ListName = 'positions' | 'wallet' | 'loans' | 'prices' | 'loops' | 'defi'

/**
 * Where each row of the document sits in the draft: `positions` maps the document's index to the
 * draft's, and `defi[<draft index>].supplies` / `.borrows` do the same for a DeFi position's legs.
 */
export type RowMap = Record<string, number[]>

function kept<T>(rows: readonly T[], isBlank: (row: T) => boolean): number[] {
  const out: number[] = []
  rows.forEach((r, i) => {
    if (!isBlank(r)) out.push(i)
  })
  return out
}

/** The rows the document holds (blank new rows left out). */
export function rowMap(d: Draft): RowMap {
  const map: RowMap = {}
  for (const list of Object.keys(BLANK_ROW) as ListName[]) map[list] = kept(d[list] as never[], BLANK_ROW[list] as (r: never) => boolean)
  for (const i of map.defi) {
    map[`defi[${i}].supplies`] = kept(d.defi[i].supplies, blankLeg)
    map[`defi[${i}].borrows`] = kept(d.defi[i].borrows, blankLeg)
  }
  return map
}

/** Price rows whose asset repeats an earlier row: row index -> index of the first one (blank rows aside). */
export function duplicatePriceRows(rows: readonly PriceRow[]): Map<number, number> {
  const first = new Map<string, number>()
  const dups = new Map<number, number>()
  rows.forEach((r, i) => {
    if (BLANK_ROW.prices(r)) return
    const seen = first.get(r.asset)
    if (seen === undefined) first.set(r.asset, i)
    else dups.set(i, seen)
  })
  return dups
}

/** The document the draft stands for (what is validated and saved); blank new rows and later duplicate prices are left out. */
export function docFromDraft(d: Draft, map: RowMap = rowMap(d)): unknown {
  const dups = duplicatePriceRows(d.prices)
  const prices: Record<string, string> = {}
  for (const i of map.prices) {
    const r = d.prices[i]
    if (!dups.has(i)) prices[r.asset] = r.mark
  }
  const pick = <T>(rows: readonly T[], at: number[]): T[] => at.map((i) => rows[i])
  const defi = map.defi.map((i) => {
    const p = d.defi[i]
    return { ...p, supplies: pick(p.supplies, map[`defi[${i}].supplies`]), borrows: pick(p.borrows, map[`defi[${i}].borrows`]) }
  })
  return plain({
    ...d,
    prices,
    wallet: pick(d.wallet, map.wallet),
    positions: pick(d.positions, map.positions),
    loans: pick(d.loans, map.loans),
    loops: pick(d.loops, map.loops),
    defi,
  })
}

const PRICE_PATH = /^prices\.(.*)$/
const ROW_PATH = /^(positions|wallet|loans|loops|defi)\[(\d+)\](?:\.(supplies|borrows)\[(\d+)\])?(.*)$/

/** A document path with the document's row indices turned into the draft's. */
export function draftPath(path: string, map: RowMap): string {
  const m = ROW_PATH.exec(path)
  if (!m) return path
  const [, list, docI, leg, docJ, rest] = m
  const i = map[list]?.[Number(docI)] ?? Number(docI)
  if (leg === undefined) return `${list}[${i}]${rest}`
  const j = map[`defi[${i}].${leg}`]?.[Number(docJ)] ?? Number(docJ)
  return `${list}[${i}].${leg}[${j}]${rest}`
}

/** Maps a document path to the key of the cell that shows it; `null` when no cell does. */
export function cellForPath(path: string, d: Draft, map: RowMap = rowMap(d)): { cell: string | null; keyProblem: boolean } {
  const m = PRICE_PATH.exec(path)
  if (m) {
    const asset = m[1]
    const row = d.prices.findIndex((r) => r.asset === asset)
    if (row < 0) return { cell: null, keyProblem: false }
    const keyProblem = !ASSET_PATTERN.test(asset)
    return { cell: `prices[${row}].${keyProblem ? 'asset' : 'mark'}`, keyProblem }
  }
  if (path === '') return { cell: null, keyProblem: false }
  return { cell: draftPath(path, map), keyProblem: false }
}

/** Runs the shared validator on the draft and maps every issue to its cell. */
export function checkDraft(d: Draft): DraftCheck {
  const issues: CellIssue[] = []
  const map = rowMap(d)
  const r = validatePortfolio(docFromDraft(d, map))
  if (!r.ok) {
    for (const iss of r.issues) issues.push(toCellIssue(iss, d, map))
  }
  for (const [row, first] of duplicatePriceRows(d.prices)) {
    const asset = d.prices[row].asset
    issues.push({ path: `prices.${asset}`, cell: `prices[${row}].asset`, message: `duplicate asset "${asset}" (also row ${first + 1})` })
  }
  if (issues.length === 0 && r.ok) return { ok: true, doc: r.value, issues: [] }
  return { ok: false, issues }
}

/** The engine's findings on a saved draft (`problems` of a portfolio record), each on its cell. */
export function engineCellIssues(problems: readonly FieldIssue[], d: Draft): CellIssue[] {
  const map = rowMap(d)
  return problems.map((p) => ({ ...toCellIssue(p, d, map), source: 'engine' as const }))
}

function toCellIssue(iss: FieldIssue, d: Draft, map: RowMap): CellIssue {
  const { cell, keyProblem } = cellForPath(iss.path, d, map)
  // zod says only "Invalid key in record"; say what a key must look like instead.
  const message = keyProblem ? 'must be an asset ticker such as BTC or USDe' : iss.message
  return { path: draftPath(iss.path, map), cell, message }
}

/** Issues grouped by cell key, in document order. */
export function issuesByCell(issues: readonly CellIssue[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const iss of issues) {
    if (iss.cell === null) continue
    const list = out.get(iss.cell)
    if (list) list.push(iss.message)
    else out.set(iss.cell, [iss.message])
  }
  return out
}

/** `p1`, `p2`, ...: the first id with this prefix that no row uses yet. */
export function nextId(prefix: string, used: readonly string[]): string {
  const taken = new Set(used)
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`
    if (!taken.has(id)) return id
  }
}

/** The loop count as typed: a whole number becomes a number, anything else stays text for the validator to name. */
export function parseCount(text: string): number | string {
  return /^-?[0-9]{1,6}$/.test(text.trim()) ? Number(text.trim()) : text
}

/** Which size field a position uses. */
export function sizeField(p: Position): 'qty' | 'notional' {
  return p.notional !== undefined && p.qty === undefined ? 'notional' : 'qty'
}

/** Switches a position between qty and notional, carrying the typed text over. */
export function switchSize(p: Position, to: 'qty' | 'notional'): void {
  const from = sizeField(p)
  if (from === to) return
  const text = p[from] ?? ''
  delete p[from]
  p[to] = text
}

/** A fresh name such as "Untitled 3" that no listed portfolio has. */
export function freshName(base: string, names: readonly string[]): string {
  const taken = new Set(names)
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) {
    const name = `${base} ${n}`
    if (!taken.has(name)) return name
  }
}
