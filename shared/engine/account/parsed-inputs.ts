// Decimals parsed (and divided) from a position's input strings, memoized across calls by the
// strings themselves. `computeMetrics` runs on every edit and every price tick, and between two
// calls almost every position is unchanged: its entry price, size and 1/Q are the same values, and
// the two 34-digit divisions behind them are most of what building a position costs. Keyed by
// content, never by object identity, so an edited document (even one mutated in place) can
// never be served a stale value; Decimals are immutable, so sharing them is safe.
import type { Side } from '../../model/portfolio'
import type { BracketRow } from './brackets'
import { compare, dec, ONE, type Dec } from '../../decimal'
import { positionAtMark, type PositionFiguresDec } from './position-metrics'

export interface ParsedEntry {
  entryPrice: Dec
  /** Absolute size in base units: as given, or `notional / entryPrice`. */
  qty: Dec
  /** `Q x EP` exactly: the given notional, or the product. */
  entryNotional: Dec
  /** `1 / Q` with a short divisor: `EP / notional`, or `1 / qty`. */
  inverseQty: Dec
  /** The figures at the last mark this entry was priced at (`figuresAtMark`). */
  lastAt?: { side: Side; rows: readonly BracketRow[]; mark: Dec; at: PositionFiguresDec }
}

/** Plenty for any real book; past it the memo starts over rather than grow without bound. */
const LIMIT = 20_000
const entries = new Map<string, ParsedEntry>()
const plain = new Map<string, Dec>()

/** A position's size and entry: by notional when it is given (it wins over qty), else by qty. */
export function parsedEntry(entryPriceText: string, notionalText: string | undefined, qtyText: string | undefined): ParsedEntry {
  const key = notionalText !== undefined ? `n${notionalText}@${entryPriceText}` : `q${qtyText}@${entryPriceText}`
  let hit = entries.get(key)
  if (!hit) {
    const entryPrice = dec(entryPriceText)
    const given = notionalText !== undefined ? dec(notionalText) : null
    const qty = given ? given.div(entryPrice) : dec(qtyText as string)
    hit = { entryPrice, qty, entryNotional: given ?? qty.mul(entryPrice), inverseQty: given ? entryPrice.div(given) : ONE.div(qty) }
    if (entries.size >= LIMIT) entries.clear()
    entries.set(key, hit)
  }
  return hit
}

/** `dec(text)` for inputs that repeat from call to call (leverage, wallet amounts). */
export function parsedDecimal(text: string): Dec {
  let hit = plain.get(text)
  if (!hit) {
    hit = dec(text)
    if (plain.size >= LIMIT) plain.clear()
    plain.set(text, hit)
  }
  return hit
}

/**
 * `positionAtMark` for a parsed entry, reused while its mark is unchanged: a price tick moves one
 * contract's mark and an edit changes one position, so most positions of a book come back with the
 * same notional, uPnL, bracket and MM as the call before (the same Decimals, so their printed text
 * is cached too). Keyed by the entry and checked by side, rows and the mark's value.
 */
export function figuresAtMark(entry: ParsedEntry, side: Side, rows: readonly BracketRow[], mark: Dec): PositionFiguresDec {
  const hit = entry.lastAt
  if (hit && hit.side === side && hit.rows === rows && (hit.mark === mark || compare(hit.mark, mark) === 0)) return hit.at
  const at = positionAtMark({ side, qty: entry.qty, entryPrice: entry.entryPrice, entryNotional: entry.entryNotional, rows }, mark)
  // A slot on the entry, not a WeakMap: one set per moved position per call.
  entry.lastAt = { side, rows, mark, at }
  return at
}
