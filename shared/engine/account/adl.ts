// Auto-deleveraging rank (docs/MODEL.md §5.3, docs/VENUE-RULES.md §2): each method's score, the 5-light
// percentile within a side's queue, and how a deficit is allocated down the queue.
import type { AdlMethod } from '../../model/venue'
import { compare, dec, maxDec, minDec, ONE, text, ZERO, type Dec } from '../../decimal'
import type { Sign } from './position-metrics'
import { div, mul } from './exact-ops'

/** The margin a position's score is measured against (quote units). */
export interface AdlMargin {
  /** Cross: the account's wallet balance; isolated: the position's isolated margin. */
  walletBalance: Dec
  /** Wallet balance plus all unrealized PnL that shares this margin. */
  marginBalance: Dec
  /** Maintenance margin that shares this margin. */
  maintenanceMargin: Dec
}

/** What a score needs about one position (quote units). */
export interface AdlPosition {
  sign: Sign
  /** |Q| x mark. */
  notional: Dec
  /** |Q| x entry price. */
  entryNotional: Dec
  unrealizedPnl: Dec
}

export type AdlScorer = (p: AdlPosition) => Dec | null

/**
 * A scorer for every position sharing one margin (a cross account has one, an isolated position
 * its own): the account-level part of each formula is computed once.
 *
 * - Binance [V]: `PnL% = max(0, uPnL) / max(1, WB)`; `margin ratio = 0 if WB + UPNL <= 0 else
 *   MM / (WB + UPNL)`; score = PnL% x margin ratio. Losing positions score 0 (bottom of the queue).
 * - BitMEX / Bybit / OKX [V]: `PnL% x effective leverage` if PnL% > 0, `PnL% / effective
 *   leverage` otherwise; PnL% = (mark value - entry value) / |entry value| = uPnL / (Q x EP);
 *   effective leverage = |mark value| / (mark value - bankrupt value). With the bankruptcy price
 *   of docs/VENUE-RULES.md §1.3, mark value - bankrupt value is the margin balance backing the position, so
 *   effective leverage = notional / margin balance. `null` when that balance is <= 0 (the position
 *   is itself bankrupt and not in the queue).
 * - Hyperliquid [V]: sort index `(mark_price / entry_price) x (notional_position / account_value)`.
 *   The docs state it for longs; for shorts Cascade uses entry / mark so that profit ranks first
 *   on both sides [U] (ENGINE-NOTES.md). mark / entry = notional / entry notional.
 */
export function adlScorer(method: AdlMethod, m: AdlMargin): AdlScorer {
  if (method === 'binance') {
    const ratio = m.marginBalance.lte(ZERO) ? ZERO : m.maintenanceMargin.div(m.marginBalance)
    const perWallet = maxDec(ONE, m.walletBalance)
    return (p) => (compare(p.unrealizedPnl, ZERO) > 0 ? mul(div(p.unrealizedPnl, perWallet), ratio) : ZERO)
  }
  if (m.marginBalance.lte(ZERO)) return () => null
  if (method === 'bitmex') {
    return (p) => {
      const pnlPct = p.unrealizedPnl.div(p.entryNotional)
      const leverage = p.notional.div(m.marginBalance)
      return compare(pnlPct, ZERO) > 0 ? pnlPct.mul(leverage) : pnlPct.div(leverage)
    }
  }
  return (p) => {
    const priceRatio = p.sign > 0 ? p.notional.div(p.entryNotional) : p.entryNotional.div(p.notional)
    return priceRatio.mul(p.notional.div(m.marginBalance))
  }
}

/** One position's score against its margin. */
export function adlScore(method: AdlMethod, margin: AdlMargin, p: AdlPosition): Dec | null {
  return adlScorer(method, margin)(p)
}

export const ADL_FORMULA: Record<AdlMethod, string> = {
  binance: 'max(0, uPnL) / max(1, WB) x (MM / (WB + UPNL))',
  bitmex: 'PnL% x effective leverage if PnL% > 0, else PnL% / effective leverage; effective leverage = |mark value| / (mark value - bankrupt value)',
  hyperliquid: '(mark / entry) x (notional / account value); entry / mark for shorts',
}

export interface QueueEntry {
  /** `null`: not in the queue (bankrupt itself). */
  score: number | null
  /** Size in the queue: contracts or base units. */
  weight: number
}

/**
 * Percentile bucket (20, 40, 60, 80 or 100; null when not queued) of each entry in one side's
 * queue. Ranked from the highest score; the percentile is the cumulative share of *quantity*
 * through the entry, rounded up to a 20% bucket. This reproduces BitMEX's six-account table
 * exactly (20, 40, 60, 80, 80, 100 for quantities 10, 20, 30, 10, 10, 20), which a share of
 * accounts does not (account 6 would be 5/6 -> 100%). Ties share the bucket of the tie group's
 * end, so equal scores always get equal lights.
 */
export function queuePercentiles(entries: readonly QueueEntry[]): (number | null)[] {
  const order = entries.map((_, i) => i).filter((i) => entries[i].score !== null)
  order.sort((a, b) => (entries[b].score as number) - (entries[a].score as number) || a - b)
  const total = order.reduce((s, i) => s + entries[i].weight, 0)
  const out: (number | null)[] = entries.map(() => null)
  let cum = 0
  for (let k = 0; k < order.length; ) {
    let end = k
    let group = 0
    while (end < order.length && entries[order[end]].score === entries[order[k]].score) group += entries[order[end++]].weight
    cum += group
    // cum x 5 before dividing keeps whole-number quantities exact (60 of 100 -> bucket 3, not 3.0000000000000004).
    const bucket = total > 0 ? Math.min(5, Math.max(1, Math.ceil((cum * 5) / total))) : 5
    for (let j = k; j < end; j++) out[order[j]] = bucket * 20
    k = end
  }
  return out
}

/** A queue ranked once: scores from the highest, with the quantity at or above each score. */
export interface RankedQueue {
  /** Scores, highest first. */
  scores: Float64Array
  /** `atOrAbove[i]` = total weight of entries 0..i. */
  atOrAbove: Float64Array
  total: number
}

export function rankQueue(entries: readonly QueueEntry[]): RankedQueue {
  const queued = entries.filter((e): e is { score: number; weight: number } => e.score !== null).sort((a, b) => b.score - a.score)
  const scores = new Float64Array(queued.length)
  const atOrAbove = new Float64Array(queued.length)
  let cum = 0
  queued.forEach((e, i) => {
    scores[i] = e.score
    atOrAbove[i] = cum += e.weight
  })
  return { scores, atOrAbove, total: cum }
}

/**
 * `rankQueue` of entries given as parallel arrays, all queued (no null scores): `order`, any
 * permutation of their indices, is sorted in place by score from the highest, ties by index. That
 * is exactly the order of rankQueue's stable sort, whatever order `order` starts in, so a caller
 * can start from a previous, nearly sorted ranking and pay little for the sort.
 */
export function rankOrdered(scores: readonly number[], weights: readonly number[], order: number[]): RankedQueue {
  order.sort((a, b) => scores[b] - scores[a] || a - b)
  const ranked = new Float64Array(order.length)
  const atOrAbove = new Float64Array(order.length)
  let cum = 0
  for (let i = 0; i < order.length; i++) {
    ranked[i] = scores[order[i]]
    atOrAbove[i] = cum += weights[order[i]]
  }
  return { scores: ranked, atOrAbove, total: cum }
}

/** Weight of the entries whose score is >= `score` (binary search). */
function weightAtOrAbove(q: RankedQueue, score: number): number {
  let lo = 0
  let hi = q.scores.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (q.scores[mid] >= score) lo = mid + 1
    else hi = mid
  }
  return lo === 0 ? 0 : q.atOrAbove[lo - 1]
}

/**
 * `queuePercentiles` of the user's entries joined to an already ranked queue (the default crowd),
 * without re-sorting it: an entry's cumulative quantity is everything scoring at or above it, in
 * the queue and among the entries (ties share the group's end, as in `queuePercentiles`). The
 * entries come as flat arrays (a 500-position book is ranked on every tick), a score that is not
 * queued as NaN: no comparison holds for it, so it is counted nowhere, and its percentile is null.
 */
export function percentilesOf(queue: RankedQueue, scores: Float64Array, weights: Float64Array): (number | null)[] {
  const m = scores.length
  let own = 0
  for (let j = 0; j < m; j++) if (scores[j] === scores[j]) own += weights[j]
  const total = queue.total + own
  const out: (number | null)[] = new Array(m)
  for (let k = 0; k < m; k++) {
    const s = scores[k]
    if (s !== s) {
      out[k] = null
      continue
    }
    // The user's own entries at or above s, summed in their order (float sums depend on it).
    let mine = 0
    for (let j = 0; j < m; j++) if (scores[j] >= s) mine += weights[j]
    const cum = weightAtOrAbove(queue, s) + mine
    out[k] = total > 0 ? Math.min(5, Math.max(1, Math.ceil((cum * 5) / total))) * 20 : 100
  }
  return out
}

/** 5 lights = top 20% (first to be deleveraged) ... 1 light = bottom 20%; 0 = not in the queue. */
export function lightsFromPercentile(percentile: number | null): number {
  return percentile === null ? 0 : 6 - percentile / 20
}

export interface Deleveraged {
  id: string
  closed: string
  remaining: string
}

/**
 * Closes `amount` of the bankrupt position against the opposite queue, highest score first, each
 * position up to its whole size (BitMEX: "Account 2 will have their entire position of 10
 * contracts closed, while the remaining 10 contracts ... will be assigned to account 5").
 */
export function allocateDeleveraging(queue: readonly { id: string; score: string; qty: string }[], amount: string): Deleveraged[] {
  const sorted = queue.map((q, i) => ({ ...q, i, s: dec(q.score) })).sort((a, b) => b.s.cmp(a.s) || a.i - b.i)
  let left = dec(amount)
  const out: Deleveraged[] = []
  for (const q of sorted) {
    if (left.lte(ZERO)) break
    const size = dec(q.qty)
    const closed = minDec(size, left)
    left = left.sub(closed)
    out.push({ id: q.id, closed: text(closed), remaining: text(size.sub(closed)) })
  }
  return out
}
