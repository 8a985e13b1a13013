// The default ADL queue: a deterministic, seeded synthetic crowd per contract generated from the
// profile's `adl.defaultCrowd`, scored with the venue's method, so `metrics` can light up the
// user's positions without the venue's real queue. A statistical model, so float64 (ENGINE.md §4);
// only +, -, x, / and sqrt are used, which IEEE 754 rounds exactly, so a seed gives the same crowd
// on every JavaScript engine.
import type { AdlCrowdSpec, AdlMethod } from '../model/venue'
import type { BracketRow } from './brackets'
import { rankQueue, type RankedQueue } from './adl'
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

const cache = new WeakMap<AdlCrowdSpec, Map<string, CrowdQueues>>()
const CACHE_LIMIT = 256

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
  const random = mulberry32((spec.seed ^ hashString(symbol)) >>> 0)
  const fr = floatRows(rows)
  const longShare = Number(spec.longShare)
  const minLev = Number(spec.minLeverage)
  const maxLev = Number(spec.maxLeverage)
  const spread = Number(spec.entrySpread)
  const scale = Number(spec.medianNotional) / Math.SQRT2
  const maxNotional = Number(spec.maxNotional)
  const sides = { long: [] as { score: number | null; weight: number }[], short: [] as { score: number | null; weight: number }[] }
  for (let i = 0; i < spec.size; i++) {
    const sign = random() < longShare ? 1 : -1
    const u = random()
    const entry = mark * (1 + spread * (2 * random() - 1))
    const notional = Math.min(maxNotional, scale / Math.sqrt(1 - random()))
    const qty = notional / entry
    const leverage = Math.min(minLev + (maxLev - minLev) * u * u, rowFor(fr, notional).maxLeverage)
    const s = score(method, sign, qty, entry, mark, notional / leverage, fr)
    ;(sign > 0 ? sides.long : sides.short).push({ score: s, weight: qty })
  }
  const out: CrowdQueues = { long: rankQueue(sides.long), short: rankQueue(sides.short) }
  if (!bySpec) cache.set(spec, (bySpec = new Map()))
  if (bySpec.size >= CACHE_LIMIT) bySpec.clear()
  bySpec.set(key, out)
  return out
}
