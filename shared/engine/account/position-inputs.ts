// What `checkBookView` and `buildBook` derive from one position of a document on a venue, before
// any price: its contract and bracket rows, its parsed entry and leverage, and the venue-limit
// finding (size above the largest bracket, leverage above the bracket's maximum), if any. Kept by
// the fields it is derived from and reused while every one of them is the same string and the
// venue's contracts are the same object, so a book recomputed at new prices (every tick of the
// metrics panel, a fresh copy each time over IPC) reads each of its positions in a few lookups. A position edited in place changes a
// field and is derived again; contract specs are immutable (brackets.ts caches by them).
import type { Position } from '../../model/portfolio'
import type { ContractSpec, MaintenanceRule } from '../../model/venue'
import { approxNumber, compare, grouped, text, type Dec } from '../../decimal'
import { bracketFor, deriveBrackets, largestCap, type BracketRow } from './brackets'
import { parsedDecimal, parsedEntry, type ParsedEntry } from './parsed-inputs'
import type { VenueView } from './venue-view'

export interface PositionInputs {
  contract: ContractSpec
  rows: readonly BracketRow[]
  entry: ParsedEntry
  leverage: Dec
  /** The size as printed (`qty` of the output) and as a float (its weight in an ADL queue: `Number` of that text). */
  qtyText: string
  qtyWeight: number
  /** `approxNumber` of the entry notional (for sign tests, never a figure). */
  entryNotionalFloat: number
  /** The venue's limit this position breaks, as a field of the position and a message; null when none. */
  limit: { field: 'qty' | 'notional' | 'leverage'; message: string } | null
}

type Kept = PositionInputs

/** Plenty for any real book; past it the memo starts over rather than grow without bound. */
const LIMIT = 20_000

/** Maps nested by one field each: a lookup hashes strings the document already holds, builds none. */
type ByLeverage = Map<string, Kept>
type ByQty = Map<string | undefined, ByLeverage>
type ByNotional = Map<string | undefined, ByQty>
type ByEntry = Map<string, ByNotional>
type BySymbol = Map<string, ByEntry>
interface Table {
  rules: Map<MaintenanceRule, BySymbol>
  size: number
}

/**
 * By the fields the inputs are derived from, per contract table: a document that arrives as a fresh
 * copy at every tick (IPC clones it, and validation copies it again) finds its unchanged positions.
 * Nested maps rather than one map keyed by a joined string: building and hashing a new key string
 * per position twice a call cost more than deriving what the key found.
 */
const byContent = new WeakMap<Record<string, ContractSpec>, Table>()

/** The map under `key`, made (and counted against the table's size) when missing. */
function level<K, V extends Map<unknown, unknown>>(table: Table, map: Map<K, V>, key: K): V {
  let v = map.get(key)
  if (v === undefined) {
    v = new Map() as V
    map.set(key, v)
    table.size++
  }
  return v
}

/** The position's inputs on `view`; null when the venue has no such contract (the caller reports it). */
export function positionInputs(p: Position, view: VenueView): PositionInputs | null {
  const contract = view.contracts[p.symbol]
  if (!contract) return null
  let table = byContent.get(view.contracts)
  if (table === undefined || table.size >= LIMIT) byContent.set(view.contracts, (table = { rules: new Map(), size: 0 }))
  const bySymbol = level<MaintenanceRule, BySymbol>(table, table.rules, view.maintenanceRule)
  const byEntry = level<string, ByEntry>(table, bySymbol, p.symbol)
  const byNotional = level<string, ByNotional>(table, byEntry, p.entryPrice)
  const byQty = level<string | undefined, ByQty>(table, byNotional, p.notional)
  const byLeverage = level<string | undefined, ByLeverage>(table, byQty, p.qty)
  const hit = byLeverage.get(p.leverage)
  // Contract specs are immutable and the table is per contracts object: this only guards a profile built by hand and changed.
  if (hit !== undefined && hit.contract === contract) return hit
  const rows = deriveBrackets(contract, view.maintenanceRule)
  const entry = parsedEntry(p.entryPrice, p.notional, p.qty)
  const leverage = parsedDecimal(p.leverage)
  const qtyText = text(entry.qty)
  const out: Kept = {
    contract,
    rows,
    entry,
    leverage,
    qtyText,
    qtyWeight: Number(qtyText),
    entryNotionalFloat: approxNumber(entry.entryNotional),
    limit: limitOf(p, contract, rows, entry.entryNotional, leverage),
  }
  byLeverage.set(p.leverage, out)
  table.size++
  return out
}

/** The last list read against each contracts table: every position's key fields, in order, and its inputs. */
interface LastList {
  rule: MaintenanceRule
  fields: (string | undefined)[]
  inputs: (PositionInputs | null)[]
}
const lastLists = new WeakMap<Record<string, ContractSpec>, LastList>()
/** Fields of a position its inputs are derived from, in `fields` order. */
const KEYS = 5

/**
 * `positionInputs` of every position of a book. A book comes back at every tick (a fresh copy over
 * IPC) with its positions in the same order: each one whose symbol, entry price, notional, qty and
 * leverage are the same strings as the same index's in the last list read against this venue's
 * contracts gets that list's inputs back, one comparison per field instead of a lookup in each
 * level of the nested maps (whose string keys, fresh from a copy, are hashed again each time).
 * Anything else is looked up as before. One list per contracts table, replaced at every call.
 */
export function positionInputsList(positions: readonly Position[], view: VenueView): (PositionInputs | null)[] {
  const last = lastLists.get(view.contracts)
  const same = last !== undefined && last.rule === view.maintenanceRule
  const fields: (string | undefined)[] = new Array(positions.length * KEYS)
  const inputs: (PositionInputs | null)[] = new Array(positions.length)
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]
    const k = i * KEYS
    fields[k] = p.symbol
    fields[k + 1] = p.entryPrice
    fields[k + 2] = p.notional
    fields[k + 3] = p.qty
    fields[k + 4] = p.leverage
    if (same && k < last.fields.length) {
      const f = last.fields
      const hit = last.inputs[i]
      if (hit !== null && f[k] === p.symbol && f[k + 1] === p.entryPrice && f[k + 2] === p.notional && f[k + 3] === p.qty && f[k + 4] === p.leverage && hit.contract === view.contracts[p.symbol]) {
        inputs[i] = hit
        continue
      }
    }
    inputs[i] = positionInputs(p, view)
  }
  lastLists.set(view.contracts, { rule: view.maintenanceRule, fields, inputs })
  return inputs
}

/** Leverage is chosen when the position is opened, so it is checked at the entry notional. */
function limitOf(p: Position, contract: ContractSpec, rows: readonly BracketRow[], entryNotional: Dec, leverage: Dec): PositionInputs['limit'] {
  const top = largestCap(rows)
  if (top !== null && compare(entryNotional, top) > 0) {
    return {
      field: p.qty !== undefined ? 'qty' : 'notional',
      message: `notional ${grouped(entryNotional.toDecimalPlaces(2))} ${contract.quote} at entry is above the largest bracket of ${p.symbol} (${grouped(top)})`,
    }
  }
  const b = bracketFor(rows, entryNotional)
  if (compare(leverage, b.maxLeverage) > 0) {
    const range = `${grouped(b.floor)} - ${b.cap === null ? 'no cap' : grouped(b.cap)}`
    return {
      field: 'leverage',
      message: `at most ${grouped(b.maxLeverage)}x for ${p.symbol} at this size, got ${p.leverage}x (notional ${grouped(entryNotional.toDecimalPlaces(2))} ${contract.quote} is in bracket ${b.level}: ${range})`,
    }
  }
  return null
}
