// The zod schema's output for a well-formed `cascade.portfolio/1` document, without zod. The
// metrics panel sends the whole book over IPC at every price tick and edit, so main validates a
// fresh copy of the same ~4,000 values each time; zod's walk of a 500-position book was ~1.7 ms of
// the call (docs/ENGINE-NOTES.md "Performance"). This path only ever ANSWERS for a document it
// finds entirely valid (plain objects and arrays, string decimals, every rule of portfolio.ts
// met): then it builds the same value zod would, key for key in the schema's order. For anything
// else (a refusal, a JSON number's kept text, a key set to undefined, an object that is not plain)
// it returns null and the schema decides, so every verdict and every issue path is still zod's.
// `tests/shared/schemas/portfolio-fast-path.test.ts` holds it to that on random valid and broken
// documents.
import { ASSET_CLASSES, type AssetClass } from '../model/asset-class'
import { MARGIN_MODES, PORTFOLIO_FORMAT, SIDES, type AssetAmount, type DefiPosition, type Loop, type MarginMode, type Portfolio, type Position, type Side } from '../model/portfolio'
import { acceptedDecimal, type DecimalRule } from './decimal-field'
import { ID_PATTERN } from './id-field'
import { ASSET_PATTERN, LIMITS, SYMBOL_PATTERN } from './portfolio-fields'

type Obj = Record<string, unknown>

const TOP = new Set(['format', 'name', 'venue', 'marginMode', 'prices', 'wallet', 'positions', 'loans', 'defi', 'loops', 'assetClasses'])
const POSITION = new Set(['id', 'symbol', 'side', 'qty', 'notional', 'entryPrice', 'leverage', 'isolatedMargin'])
const ASSET_AMOUNT = new Set(['asset', 'amount'])
const DEFI = new Set(['id', 'protocol', 'supplies', 'borrows'])
const LOOP = new Set(['id', 'capital', 'asset', 'borrow', 'ltv', 'loops'])
const MODES: ReadonlySet<unknown> = new Set(MARGIN_MODES)
const SIDE_SET: ReadonlySet<unknown> = new Set(SIDES)
const CLASSES: ReadonlySet<unknown> = new Set(ASSET_CLASSES)

/** Marks "the schema decides" inside the walk (a thrown value would cost more than a check). */
const DEFER = null

/** A plain data object whose enumerable keys (own or inherited, as zod's `for...in` sees them) are all in `keys`. */
function plainWith(v: unknown, keys: ReadonlySet<string>): v is Obj {
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return false
  for (const k in v) if (!keys.has(k)) return false
  return true
}

const isId = (v: unknown): v is string => typeof v === 'string' && ID_PATTERN.test(v)
const isAsset = (v: unknown): v is string => typeof v === 'string' && ASSET_PATTERN.test(v)
/** A decimal given as a string that passes `rule`, normalised; null otherwise (numbers go to the schema). */
const decimal = (v: unknown, rule: DecimalRule): string | null => (typeof v === 'string' ? acceptedDecimal(v, rule) : null)

/** A required list: a real array within `max` items, each accepted by `item`; null when any is not. */
function list<T>(v: unknown, max: number, item: (x: unknown) => T | null): T[] | null {
  if (!Array.isArray(v) || v.length > max) return DEFER
  const out: T[] = []
  for (let i = 0; i < v.length; i++) {
    const x = item(v[i])
    if (x === null) return DEFER
    out.push(x)
  }
  return out
}

/** `.default([])` of a list: absent or undefined is empty. */
const defaultedList = <T>(v: unknown, max: number, item: (x: unknown) => T | null): T[] | null => (v === undefined ? [] : list(v, max, item))

/** `z.record(asset, value)`: own enumerable string keys in order (the schema skips none a plain object has but `__proto__`, which fails the pattern here). */
function record<T>(v: unknown, value: (x: unknown) => T | null): Record<string, T> | null {
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return DEFER
  if (Object.getOwnPropertySymbols(v).length) return DEFER
  const out: Record<string, T> = {}
  for (const k of Object.keys(v)) {
    if (!ASSET_PATTERN.test(k)) return DEFER
    const x = value((v as Obj)[k])
    if (x === null) return DEFER
    out[k] = x
  }
  return out
}

function assetAmount(v: unknown): AssetAmount | null {
  if (!plainWith(v, ASSET_AMOUNT)) return DEFER
  const asset = v.asset
  const amount = decimal(v.amount, 'nonNegative')
  return isAsset(asset) && amount !== null ? { asset, amount } : DEFER
}

/**
 * An optional decimal: absent is `undefined`, a key present with `undefined` (which the schema
 * keeps as a key) and an invalid value are refused. `false` means "defer".
 */
function optionalDecimal(o: Obj, key: string, rule: DecimalRule): string | undefined | false {
  const v = o[key]
  if (v === undefined) return key in o ? false : undefined
  return decimal(v, rule) ?? false
}

/** A position's fields checked (its object is plain, its keys known), or DEFER. */
function positionFields(v: Obj, mode: MarginMode): Position | null {
  const { id, symbol, side } = v
  if (!isId(id) || typeof symbol !== 'string' || !SYMBOL_PATTERN.test(symbol) || !SIDE_SET.has(side)) return DEFER
  const qty = optionalDecimal(v, 'qty', 'positive')
  const notional = optionalDecimal(v, 'notional', 'positive')
  const entryPrice = decimal(v.entryPrice, 'positive')
  const leverage = decimal(v.leverage, 'positive')
  const isolatedMargin = optionalDecimal(v, 'isolatedMargin', 'positive')
  if (qty === false || notional === false || isolatedMargin === false || entryPrice === null || leverage === null) return DEFER
  // The schema's refinements: exactly one size, isolated margin only in isolated mode.
  if ((qty === undefined) === (notional === undefined)) return DEFER
  if (isolatedMargin !== undefined && mode !== 'isolated') return DEFER
  return built(id, symbol, side as Side, qty, notional, entryPrice, leverage, isolatedMargin)
}

/** The schema's output object for an accepted position, key for key in its order. */
function built(id: string, symbol: string, side: Side, qty: string | undefined, notional: string | undefined, entryPrice: string, leverage: string, isolatedMargin: string | undefined): Position {
  const out: Position = qty !== undefined ? { id, symbol, side, qty, entryPrice, leverage } : { id, symbol, side, notional, entryPrice, leverage }
  if (isolatedMargin !== undefined) out.isolatedMargin = isolatedMargin
  return out
}

/** The position fields a memo entry compares, in this order. */
const POSITION_KEYS = ['id', 'symbol', 'side', 'qty', 'notional', 'entryPrice', 'leverage', 'isolatedMargin'] as const

/** What the position at one index was, the last time this path accepted one there, and what it built. */
interface Accepted {
  mode: MarginMode
  /** How many enumerable keys it had (a key present with `undefined` counts: the schema refuses it). */
  keys: number
  fields: unknown[]
  out: Position
}
/** By index: a book comes back at every tick (a fresh copy over IPC) with its positions in order. */
const acceptedAt: (Accepted | undefined)[] = []

/**
 * `position`, remembered by index: a position whose fields are the same values (compared, not
 * hashed: a fresh copy's strings are new) with the same number of keys, all known, in the same
 * margin mode as the one accepted last at its index, is accepted again, as a new object with
 * the same strings. The same values and the same key count are the same object to the schema:
 * every key is one of POSITION_KEYS, and a key present with `undefined` (refused) would either
 * add to the count or stand where the remembered one had a string.
 */
function positionAt(v: unknown, mode: MarginMode, index: number): Position | null {
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return DEFER
  let keys = 0
  for (const k in v) {
    if (!POSITION.has(k)) return DEFER
    keys++
  }
  const o = v as Obj
  const last = acceptedAt[index]
  if (last !== undefined && last.keys === keys && last.mode === mode) {
    const f = last.fields
    let k = 0
    while (k < POSITION_KEYS.length && o[POSITION_KEYS[k]] === f[k]) k++
    if (k === POSITION_KEYS.length) {
      const p = last.out
      return built(p.id, p.symbol, p.side, p.qty, p.notional, p.entryPrice, p.leverage, p.isolatedMargin)
    }
  }
  const out = positionFields(o, mode)
  if (out !== null) acceptedAt[index] = { mode, keys, fields: POSITION_KEYS.map((k) => o[k]), out }
  return out
}

/** The positions list (`defaultedList` of `position`, remembered by index), or DEFER. */
function positionList(v: unknown, mode: MarginMode): Position[] | null {
  if (v === undefined) return []
  if (!Array.isArray(v) || v.length > LIMITS.positions) return DEFER
  const out: Position[] = []
  for (let i = 0; i < v.length; i++) {
    const x = positionAt(v[i], mode, i)
    if (x === null) return DEFER
    out.push(x)
  }
  return out
}

function defiPosition(v: unknown): DefiPosition | null {
  if (!plainWith(v, DEFI)) return DEFER
  const { id, protocol } = v
  if (!isId(id) || !isId(protocol)) return DEFER
  const supplies = list(v.supplies, 100, assetAmount)
  if (supplies === null) return DEFER
  const borrows = list(v.borrows, 100, assetAmount)
  return borrows === null ? DEFER : { id, protocol, supplies, borrows }
}

function loop(v: unknown): Loop | null {
  if (!plainWith(v, LOOP)) return DEFER
  const { id, asset, borrow, loops } = v
  const capital = decimal(v.capital, 'positive')
  const ltv = decimal(v.ltv, 'unitInterval')
  if (!isId(id) || capital === null || !isAsset(asset) || !isAsset(borrow) || ltv === null) return DEFER
  // `wholeNumber(0, 50)` for a plain number; a JSON number's kept text goes to the schema.
  if (typeof loops !== 'number' || !Number.isInteger(loops) || loops < 0 || loops > 50) return DEFER
  // The refinement: a loop borrows something other than what it supplies.
  return asset === borrow ? DEFER : { id, capital, asset, borrow, ltv, loops }
}

/** No two items of a list share an id (the schema's refinement). */
function uniqueIds(items: readonly { id: string }[]): boolean {
  const seen = new Set<string>()
  for (const x of items) {
    if (seen.has(x.id)) return false
    seen.add(x.id)
  }
  return true
}

/** The ids of the last positions list found unique, in order. */
let uniqueLast: string[] = []

/** `uniqueIds` of a positions list; the same ids in the same order as the last unique list are. */
function uniquePositionIds(positions: readonly Position[]): boolean {
  if (positions.length === uniqueLast.length) {
    let i = 0
    while (i < positions.length && positions[i].id === uniqueLast[i]) i++
    if (i === positions.length) return true
  }
  if (!uniqueIds(positions)) return false
  uniqueLast = positions.map((p) => p.id)
  return true
}

/** `portfolioSchema`'s output for `input` when it accepts it for certain; null to let it decide. */
export function fastPortfolio(input: object): Portfolio | null {
  if (!plainWith(input, TOP)) return DEFER
  const o = input as Obj
  const { format, name, venue, marginMode } = o
  if (format !== PORTFOLIO_FORMAT || typeof name !== 'string' || !isId(venue) || !MODES.has(marginMode)) return DEFER
  const trimmed = name.trim()
  if (trimmed.length < 1 || trimmed.length > 200) return DEFER
  const mode = marginMode as MarginMode
  const prices = o.prices === undefined ? {} : record(o.prices, (x) => decimal(x, 'positive'))
  if (prices === null) return DEFER
  const wallet = defaultedList(o.wallet, LIMITS.walletAssets, assetAmount)
  if (wallet === null) return DEFER
  const positions = positionList(o.positions, mode)
  if (positions === null || !uniquePositionIds(positions)) return DEFER
  const loans = defaultedList(o.loans, LIMITS.loans, assetAmount)
  if (loans === null) return DEFER
  const defi = defaultedList(o.defi, LIMITS.defi, defiPosition)
  if (defi === null || !uniqueIds(defi)) return DEFER
  const loops = defaultedList(o.loops, LIMITS.loops, loop)
  if (loops === null || !uniqueIds(loops)) return DEFER
  const out: Portfolio = { format: PORTFOLIO_FORMAT, name: trimmed, venue: venue as string, marginMode: mode, prices, wallet, positions, loans, defi, loops }
  const classes = o.assetClasses
  if (classes === undefined) return 'assetClasses' in o ? DEFER : out
  const assetClasses = record(classes, (x) => (CLASSES.has(x) ? (x as AssetClass) : null))
  if (assetClasses === null) return DEFER
  out.assetClasses = assetClasses
  return out
}
