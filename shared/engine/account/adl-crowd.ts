// The default ADL queue: a deterministic, seeded synthetic crowd per contract generated from the
// profile's `adl.defaultCrowd`, scored with the venue's method, so `metrics` can light up the
// user's positions without the venue's real queue. A statistical model, so float64 (docs/MODEL.md §4);
// only +, -, x, / and sqrt are used, which IEEE 754 rounds exactly, so a seed gives the same crowd
// on every JavaScript engine.
import type { AdlCrowdSpec, AdlMethod } from '../../model/venue'
import type { BracketRow } from './brackets'
import { rankOrdered, type RankedQueue } from './adl'
import { hashString, mulberry32 } from './prng'

/** The crowd's long and short queues, ranked once (they are cached per contract and mark). */
export interface CrowdQueues {
  long: RankedQueue
  short: RankedQueue
}

interface FloatRow {
  cap: number
  mmr: number
  cum: number
  maxLeverage: number
}

const rowCache = new WeakMap<readonly BracketRow[], FloatRow[]>()
function floatRows(rows: readonly BracketRow[]): FloatRow[] {
  let out = rowCache.get(rows)
  if (!out) {
    out = rows.map((r) => ({ cap: r.cap === null ? Infinity : r.cap.toNumber(), mmr: r.mmr.toNumber(), cum: r.cum.toNumber(), maxLeverage: r.maxLeverage.toNumber() }))
    rowCache.set(rows, out)
  }
  return out
}

function rowFor(rows: FloatRow[], notional: number): FloatRow {
  for (const r of rows) if (notional <= r.cap) return r
  return rows[rows.length - 1]
}

/** The same three formulas as adl.ts, in float64 for an isolated one-position account. */
function score(method: AdlMethod, sign: number, qty: number, entry: number, mark: number, wallet: number, rows: FloatRow[]): number | null {
  const upnl = sign * qty * (mark - entry)
  const margin = wallet + upnl
  const notional = qty * mark
  if (method === 'binance') {
    const r = rowFor(rows, notional)
    const mm = notional * r.mmr - r.cum
    return (Math.max(0, upnl) / Math.max(1, wallet)) * (margin <= 0 ? 0 : mm / margin)
  }
  if (margin <= 0) return null
  const leverage = notional / margin
  if (method === 'bitmex') {
    const pnlPct = upnl / (qty * entry)
    return pnlPct > 0 ? pnlPct * leverage : pnlPct / leverage
  }
  return (sign > 0 ? mark / entry : entry / mark) * leverage
}

/**
 * What of a contract's crowd does not depend on the mark: each synthetic position's side, entry as
 * a factor of the mark, notional and margin. Drawn once per (spec, contract); a new mark (every
 * price tick) then costs the scores and one sort, started from the previous mark's order.
 */
interface CrowdDraws {
  rows: readonly BracketRow[]
  long: Uint8Array
  entryFactor: Float64Array
  notional: Float64Array
  wallet: Float64Array
  /** Each side's last ranking (indices among its queued entries): nearly sorted for a new mark. */
  lastOrder: { long: number[]; short: number[] }
}

const drawsCache = new WeakMap<AdlCrowdSpec, Map<string, CrowdDraws>>()

function crowdDraws(spec: AdlCrowdSpec, symbol: string, rows: readonly BracketRow[]): CrowdDraws {
  let bySymbol = drawsCache.get(spec)
  const hit = bySymbol?.get(symbol)
  if (hit && hit.rows === rows) return hit
  const random = mulberry32((spec.seed ^ hashString(symbol)) >>> 0)
  const fr = floatRows(rows)
  const longShare = Number(spec.longShare)
  const minLev = Number(spec.minLeverage)
  const maxLev = Number(spec.maxLeverage)
  const spread = Number(spec.entrySpread)
  const scale = Number(spec.medianNotional) / Math.SQRT2
  const maxNotional = Number(spec.maxNotional)
  const draws: CrowdDraws = {
    rows,
    long: new Uint8Array(spec.size),
    entryFactor: new Float64Array(spec.size),
    notional: new Float64Array(spec.size),
    wallet: new Float64Array(spec.size),
    lastOrder: { long: [], short: [] },
  }
  for (let i = 0; i < spec.size; i++) {
    draws.long[i] = random() < longShare ? 1 : 0
    const u = random()
    // entry = mark x entryFactor: the same float operations, in the same order, as drawing it at
    // the mark, so every score is bit-identical to a crowd drawn afresh.
    draws.entryFactor[i] = 1 + spread * (2 * random() - 1)
    const notional = Math.min(maxNotional, scale / Math.sqrt(1 - random()))
    const leverage = Math.min(minLev + (maxLev - minLev) * u * u, rowFor(fr, notional).maxLeverage)
    draws.notional[i] = notional
    draws.wallet[i] = notional / leverage
  }
  if (!bySymbol) drawsCache.set(spec, (bySymbol = new Map()))
  bySymbol.set(symbol, draws)
  return draws
}

const cache = new WeakMap<AdlCrowdSpec, Map<string, CrowdQueues>>()
/** Ranked queues kept per spec: a few recent marks of each contract (a tick rarely comes back). */
const CACHE_LIMIT = 64

/**
 * `spec.size` synthetic positions on `symbol` at `mark`: side by `longShare`; leverage skewed low,
 * `min + (max - min) x u^2`, capped by the bracket; entry uniform within `mark x (1 +- entrySpread)`;
 * notional Pareto(alpha = 2) with the given median, capped at `maxNotional`; isolated margin
 * `notional at entry / leverage`.
 */
export function crowdQueues(spec: AdlCrowdSpec, method: AdlMethod, symbol: string, mark: number, rows: readonly BracketRow[]): CrowdQueues {
  const key = `${method}|${symbol}|${mark}`
  let bySpec = cache.get(spec)
  const hit = bySpec?.get(key)
  if (hit) return hit
  const d = crowdDraws(spec, symbol, rows)
  const fr = floatRows(rows)
  // Each side's queued entries in draw order (what rankQueue would be given), as parallel arrays.
  const sides = { long: { scores: [] as number[], weights: [] as number[] }, short: { scores: [] as number[], weights: [] as number[] } }
  for (let i = 0; i < spec.size; i++) {
    const sign = d.long[i] ? 1 : -1
    const entry = mark * d.entryFactor[i]
    const qty = d.notional[i] / entry
    const s = score(method, sign, qty, entry, mark, d.wallet[i], fr)
    if (s === null) continue
    const side = sign > 0 ? sides.long : sides.short
    side.scores.push(s)
    side.weights.push(qty)
  }
  const ranked = (side: 'long' | 'short'): RankedQueue => {
    const { scores, weights } = sides[side]
    // Any permutation of the indices sorts to the same order (the comparator is total); the last
    // mark's order is almost sorted already.
    const last = d.lastOrder[side]
    const order = last.length === scores.length ? last : scores.map((_, i) => i)
    d.lastOrder[side] = order
    return rankOrdered(scores, weights, order)
  }
  const out: CrowdQueues = { long: ranked('long'), short: ranked('short') }
  if (!bySpec) cache.set(spec, (bySpec = new Map()))
  if (bySpec.size >= CACHE_LIMIT) bySpec.clear()
  bySpec.set(key, out)
  return out
}
