// What `checkBookView` and `buildBook` derive from one position of a document on a venue, before
// any price: its contract and bracket rows, its parsed entry and leverage, and the venue-limit
// finding (size above the largest bracket, leverage above the bracket's maximum), if any. Kept per
// position object and reused while every field it was derived from is the same string and the
// venue's contracts are the same object, so a book recomputed at new prices (every tick of the
// metrics panel) reads each of its positions in a few comparisons. A position edited in place
// changes a field and is derived again; contract specs are immutable (brackets.ts caches by them).
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

interface Kept extends PositionInputs {
  symbol: string
  entryPrice: string
  notional: string | undefined
  qty: string | undefined
  leverageText: string
  contracts: Record<string, ContractSpec>
  rule: MaintenanceRule
}

const kept = new WeakMap<Position, Kept>()

/** The position's inputs on `view`; null when the venue has no such contract (the caller reports it). */
export function positionInputs(p: Position, view: VenueView): PositionInputs | null {
  const hit = kept.get(p)
  if (
    hit !== undefined &&
    hit.symbol === p.symbol &&
    hit.entryPrice === p.entryPrice &&
    hit.notional === p.notional &&
    hit.qty === p.qty &&
    hit.leverageText === p.leverage &&
    hit.contracts === view.contracts &&
    hit.contract === view.contracts[p.symbol] &&
    hit.rule === view.maintenanceRule
  ) {
    return hit
  }
  const contract = view.contracts[p.symbol]
  if (!contract) return null
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
    symbol: p.symbol,
    entryPrice: p.entryPrice,
    notional: p.notional,
    qty: p.qty,
    leverageText: p.leverage,
    contracts: view.contracts,
    rule: view.maintenanceRule,
  }
  kept.set(p, out)
  return out
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
