// ADL queues (docs/MODEL.md §5.3, docs/VENUE-RULES.md §2): per base asset and side, every open position ranked by
// the profile's method (the float mirror of adl.ts `adlScore`), highest first; a bankrupt
// position's remainder is matched down the opposite queue until covered, each position up to its
// whole size (BitMEX: "Account 2 will have their entire position of 10 contracts closed, while the
// remaining 10 contracts ... will be assigned to account 5").
//
// Members: the crowd's positions, the user's, and, last in practice, the unmodelled counterparty
// (docs/CASCADE-NOTES.md "ADL"): it is ranked by the same method as a 1x position, so it sits at
// the bottom of the queue and is reached only when the traders in profit are exhausted. Only
// positions in profit are deleveraged.
//
// A queue is ranked on demand and re-ranked at most every 30 s of run time (Binance publishes
// `adlQuantile` every 30 s, docs/VENUE-RULES.md §2.1), or when a match exhausts it. The 5-light indicator of
// the user's positions is their percentile by quantity (adl.ts `queuePercentiles`, mirrored by
// `percentileBucket`) among the traders, refreshed with the series every 10 s and once more as ADL
// reaches the position: the aggregate counterparty is left out of the percentile, or its block of
// quantity would push every trader into the top 20%.
import { argsort, argsortFrom } from '../crowd'
import type { Scenario } from '../../model/scenario'
import type { Market } from '../market'
import type { RunState } from './context'
import type { CrowdBook } from './crowd-book'
import type { Ledger } from './ledger'
import { adlScoreF, lightsFromBucket, percentileBucket } from './mirrors'
import type { RunRules } from './rules'

export interface AdlQueuesDeps {
  readonly scenario: Scenario
  readonly market: Market
  readonly rules: RunRules
  readonly ledger: Ledger
  readonly crowd: CrowdBook
  readonly state: RunState
}

/** Age after which a queue's ranking is rebuilt for a match. */
export const RERANK_SECONDS = 30
/** Age after which a user position's lights are recomputed. */
export const LIGHTS_SECONDS = 10

interface Ranking {
  builtAt: number
  /** Slots by score, highest first. */
  slots: Int32Array
  scores: Float64Array
  /** prefix[k] = quantity of slots[0..k). */
  prefix: Float64Array
  /** Next slot to consider for deleveraging. */
  next: number
}

/** A position the queue can close: a user position or the counterparty. */
export interface SpecialMember {
  kind: 'user' | 'counterparty'
  /** Index into the user's positions (user only). */
  position: number
  score: number
  qty: number
  /** Lights shown before the match (user positions). */
  lights: number
}

export interface AdlMatch {
  /** Crowd slot, or -1 for a special member. */
  slot: number
  special: SpecialMember | null
  qty: number
}

/**
 * A queue's generated perpetuals by entry price, with the open quantity of the regular ones in a
 * Fenwick tree over that order, kept as slots change (`CrowdBook.onPerpChange`): see `sumIndex`.
 */
interface EntryIndex {
  slots: Int32Array
  entries: Float64Array
  /** The slots' columns in entry order (a pass reads them in that order): fixed ones, and copies kept by `perpChanged`. */
  maintenance: Float64Array
  qty: Float64Array
  margin: Float64Array
  status: Uint8Array
  tree: Float64Array
  /** Positions in `slots` of open slots that are not regular. */
  irregular: Set<number>
  /** Point updates since the tree was summed afresh (each adds rounding). */
  updates: number
}

/** Sum of the first j entries of a Fenwick tree. */
function treePrefix(tree: Float64Array, j: number): number {
  let out = 0
  for (let i = j; i > 0; i -= i & -i) out += tree[i]
  return out
}

function treeAdd(tree: Float64Array, j: number, delta: number): void {
  for (let i = j + 1; i < tree.length; i += i & -i) tree[i] += delta
}

export class AdlQueues {
  private readonly rankings = new Map<number, Ranking>()
  private readonly byEntry = new Map<number, EntryIndex | null>()
  /** Per generated slot: its position in its queue's EntryIndex (-1 before it is built), and the quantity the tree counts for it. */
  private readonly rankOf: Int32Array
  private readonly counted: Float64Array
  /** The generated crowd's perpetual slots per asset and side (index 0 long, 1 short). */
  private readonly sides: Int32Array[][]
  /**
   * The same lists, less the slots that can no longer rank (see `liveSlots`): late in a run most
   * of a queue is closed, and a ranking is rebuilt every RERANK_SECONDS while ADL runs.
   */
  private readonly live: { slots: Int32Array; length: number }[][]

  constructor(private readonly ctx: AdlQueuesDeps) {
    const n = ctx.market.assets.length
    const cb = ctx.crowd
    const lists: number[][][] = Array.from({ length: n }, () => [[], []])
    for (const c of cb.crowd.contracts) for (let i = c.firstLeg; i < c.firstLeg + c.accounts; i++) lists[c.asset][cb.side[i] > 0 ? 0 : 1].push(i)
    this.sides = lists.map((l) => l.map((x) => Int32Array.from(x)))
    this.live = this.sides.map((l) => l.map((x) => ({ slots: Int32Array.from(x), length: x.length })))
    this.rankOf = new Int32Array(cb.legCount).fill(-1)
    this.counted = new Float64Array(cb.legCount)
    cb.onPerpChange = (slot) => this.perpChanged(slot)
  }

  /**
   * The generated slots of (asset, side) that may still rank, in generation order: a slot leaves
   * for good once it is not open or holds nothing (a run never reopens a slot nor adds to a
   * generated one; re-hedges open new slots), and every pass skips such a slot, so leaving it out
   * changes no ranking, tie order or sum. Compacted in place as it is read.
   */
  private liveSlots(asset: number, side: number): { slots: Int32Array; length: number } {
    const live = this.live[asset][side > 0 ? 0 : 1]
    const { status, qty } = this.ctx.crowd
    const slots = live.slots
    let kept = 0
    for (let k = 0; k < live.length; k++) {
      const i = slots[k]
      if (status[i] !== 0 || !(qty[i] > 0)) continue
      slots[kept++] = i
    }
    live.length = kept
    return live
  }

  /** Calls `visit` on every crowd perpetual slot of (asset, side) that may rank: generated ones, then those opened in the run. */
  private forEachSlot(asset: number, side: number, visit: (slot: number) => void): void {
    const { slots, length } = this.liveSlots(asset, side)
    for (let k = 0; k < length; k++) visit(slots[k])
    for (const i of this.ctx.crowd.runSlotsOf(asset, side)) visit(i)
  }

  /** The method's score of a crowd perpetual at `mark` (isolated: its margin is its wallet). */
  crowdScore(slot: number, mark: number): number {
    const cb = this.ctx.crowd
    const s = cb.side[slot]
    const q = cb.qty[slot]
    const upnl = s * q * (mark - cb.entry[slot])
    const margin = cb.margin[slot]
    return adlScoreF(this.ctx.rules.adlMethod, s, q, cb.entry[slot], mark, upnl, margin, margin + upnl, q * mark * cb.maintenance[slot])
  }

  /** The counterparty's score as a 1x position on its average entry (NaN when it is not on `side`). */
  counterpartyScore(asset: number, side: number, mark: number): SpecialMember | null {
    const cp = this.ctx.ledger.counterparty
    const n = cp.perp[asset]
    if (!(n * side > 0)) return null
    const q = Math.abs(n)
    const entry = cp.perpCost[asset] / n
    const upnl = side * q * (mark - entry)
    // As a 1x position: its margin is its entry notional; the crowd's default maintenance rate.
    const margin = q * entry
    const mmr = Number(this.ctx.scenario.crowd.maintenanceMarginRate)
    const score = adlScoreF(this.ctx.rules.adlMethod, side, q, entry, mark, upnl, margin, margin + upnl, q * mark * mmr)
    return upnl > 0 && !Number.isNaN(score) ? { kind: 'counterparty', position: -1, score, qty: q, lights: 0 } : null
  }

  private key(asset: number, side: number): number {
    return asset * 2 + (side > 0 ? 0 : 1)
  }

  /** The ranking of (asset, side), rebuilt when older than RERANK_SECONDS or when asked to. */
  ranking(asset: number, side: number, fresh = false): Ranking {
    const key = this.key(asset, side)
    const r = this.rankings.get(key)
    if (r && !fresh && this.ctx.state.t - r.builtAt < RERANK_SECONDS) return r
    const built = this.build(asset, side)
    this.rankings.set(key, built)
    return built
  }

  /** A build's candidates and their keys before the sort (scratch, reused by the next build). */
  private buildSlots = new Int32Array(0)
  private buildKeys = new Float64Array(0)

  private build(asset: number, side: number): Ranking {
    const cb = this.ctx.crowd
    const mark = this.ctx.market.mark(asset)
    const live = this.liveSlots(asset, side)
    const opened = cb.runSlotsOf(asset, side)
    if (this.buildSlots.length < live.length + opened.length) {
      this.buildSlots = new Int32Array(2 * (live.length + opened.length))
      this.buildKeys = new Float64Array(this.buildSlots.length)
    }
    const slots = this.buildSlots
    const allKeys = this.buildKeys
    let n = 0
    const visit = (i: number) => {
      if (cb.side[i] !== side || cb.status[i] !== 0 || !(cb.qty[i] > 0)) return
      const score = this.crowdScore(i, mark)
      if (Number.isNaN(score)) return
      slots[n] = i
      allKeys[n++] = -score
    }
    for (let k = 0; k < live.length; k++) visit(live.slots[k])
    for (let k = 0; k < opened.length; k++) visit(opened[k])
    const keys = allKeys.subarray(0, n)
    const order = this.sortFromLast(this.rankings.get(this.key(asset, side)), slots, keys) ?? argsort(keys)
    const out: Ranking = { builtAt: this.ctx.state.t, slots: new Int32Array(n), scores: new Float64Array(n), prefix: new Float64Array(n + 1), next: 0 }
    for (let k = 0; k < n; k++) {
      const slot = slots[order[k]]
      out.slots[k] = slot
      out.scores[k] = -keys[order[k]]
      out.prefix[k + 1] = out.prefix[k] + cb.qty[slot]
    }
    return out
  }

  /** Per slot, its place among a build's candidates (scratch for `sortFromLast`; -1 when not one). */
  private candidateAt = new Int32Array(0)

  /**
   * The candidates' order (`argsort(keys)`, exactly) started from the queue's last ranking: scores
   * move little in RERANK_SECONDS, so its order, less the slots gone and with the new ones after,
   * is nearly sorted. Null when there is none or it is too far off (the caller sorts afresh).
   */
  private sortFromLast(last: Ranking | undefined, slots: Int32Array, keys: Float64Array): Int32Array | null {
    const n = keys.length
    if (last === undefined || n < 64) return null
    const size = this.ctx.crowd.size
    if (this.candidateAt.length < size) this.candidateAt = new Int32Array(2 * size).fill(-1)
    const at = this.candidateAt
    for (let k = 0; k < n; k++) at[slots[k]] = k
    const start = new Int32Array(n)
    let m = 0
    for (let k = 0; k < last.slots.length; k++) {
      const slot = last.slots[k]
      if (at[slot] < 0) continue
      start[m++] = at[slot]
      at[slot] = -1
    }
    for (let k = 0; k < n; k++) {
      if (at[slots[k]] < 0) continue
      start[m++] = k
      at[slots[k]] = -1
    }
    return argsortFrom(keys, start, 4 * n)
  }

  /**
   * Lights (0-5) of a position with `score` and `qty` on (asset, side) among the traders: the
   * quantity ranked at or above it (ties included) over the queue's total, in 20% buckets.
   * `others` are the user's other positions on the same queue (score, qty).
   */
  lights(asset: number, side: number, score: number, qty: number, others: { score: number; qty: number }[]): number {
    if (Number.isNaN(score)) return 0
    let above = qty
    let total = qty
    const key = this.key(asset, side)
    const r = this.rankings.get(key)
    if (r && this.ctx.state.t - r.builtAt < RERANK_SECONDS) {
      // A fresh ranking: binary search for the first score below `score` (scores descending).
      let lo = 0
      let hi = r.scores.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (r.scores[mid] >= score) lo = mid + 1
        else hi = mid
      }
      above += r.prefix[lo]
      total += r.prefix[r.scores.length]
    } else {
      // Otherwise one pass, no sort: the quantity scored at or above, and the total.
      const cb = this.ctx.crowd
      const mark = this.ctx.market.mark(asset)
      const visit = (i: number) => {
        if (cb.side[i] !== side || cb.status[i] !== 0 || !(cb.qty[i] > 0)) return
        const sc = this.crowdScore(i, mark)
        if (Number.isNaN(sc)) return
        total += cb.qty[i]
        if (sc >= score) above += cb.qty[i]
      }
      this.forEachSlot(asset, side, visit)
    }
    for (const o of others) {
      if (Number.isNaN(o.score)) continue
      total += o.qty
      if (o.score >= score) above += o.qty
    }
    return lightsFromBucket(percentileBucket(above, total))
  }

  /**
   * `lights` of several of the user's positions on one queue at once, the same numbers as one
   * `lights` call each, with work proportional to the queue plus the positions (not their
   * product): the crowd's quantity ranked at or above each position from one pass over the queue
   * (or the fresh ranking's prefix sums), the other members' from their own ranking. The members
   * are the user's positions on the queue, in position order, as `scores[j]` and `qtys[j]` (flat:
   * a big book refreshes thousands every 10 s); `targets` the members whose lights are wanted; with
   * `countOthers` each target counts the other members as `lights`' `others` (what
   * `UserAdl.updateLights` passes), else none (`UserAdl.members`).
   *
   * The sums are taken in another order than `lights` takes them, so each bucket is certified: when
   * 5 x above / total lies within a bound of float64 rounding of a bucket's edge, that position
   * goes through `lights` itself. So the result is `lights`' to the bit.
   */
  lightsMany(asset: number, side: number, scores: ArrayLike<number>, qtys: ArrayLike<number>, targets: ArrayLike<number>, countOthers: boolean): number[] {
    const out = new Array<number>(targets.length).fill(0)
    let liveCount = 0
    for (let t = 0; t < targets.length; t++) if (!Number.isNaN(scores[targets[t]])) liveCount++
    if (liveCount === 0) return out
    const key = this.key(asset, side)
    const r = this.rankings.get(key)
    const fresh = r !== undefined && this.ctx.state.t - r.builtAt < RERANK_SECONDS
    if (fresh && (!countOthers || liveCount === 1)) {
      // A fresh ranking answers each position with a binary search: `lights` itself is as cheap.
      // (Without one, even a lone position takes the pass below: on the entry index it scores only
      // the traders in profit, where `lights` scores the whole queue.)
      for (let t = 0; t < targets.length; t++) if (!Number.isNaN(scores[targets[t]])) out[t] = this.exactLights(asset, side, scores, qtys, targets[t], countOthers)
      return out
    }
    // With `countOthers`, the members' own ranking (scores descending, ties in member order, prefix
    // sums of quantity) for the `others`; it also orders the targets, so no second sort.
    let ranked: { order: Int32Array; member: Int32Array; scores: Float64Array; prefix: Float64Array } | null = null
    if (countOthers) {
      const member: number[] = []
      const keys: number[] = []
      for (let j = 0; j < scores.length; j++) {
        if (Number.isNaN(scores[j])) continue
        member.push(j)
        keys.push(-scores[j])
      }
      const order = argsort(keys)
      const n = order.length
      const desc = new Float64Array(n)
      const prefix = new Float64Array(n + 1)
      for (let i = 0; i < n; i++) {
        desc[i] = -keys[order[i]]
        prefix[i + 1] = prefix[i] + qtys[member[order[i]]]
      }
      ranked = { order, member: Int32Array.from(member), scores: desc, prefix }
    }
    // The targets' scores ascending, and per target the crowd's quantity at or above it.
    const asc = new Float64Array(liveCount)
    /** Position in `targets` of each member that is a live target, else -1. */
    const targetOf = new Int32Array(scores.length).fill(-1)
    for (let t = 0; t < targets.length; t++) if (!Number.isNaN(scores[targets[t]])) targetOf[targets[t]] = t
    if (ranked) {
      for (let i = ranked.order.length - 1, a = 0; i >= 0; i--) if (targetOf[ranked.member[ranked.order[i]]] >= 0) asc[a++] = ranked.scores[i]
    } else {
      for (let t = 0, i = 0; t < targets.length; t++) if (!Number.isNaN(scores[targets[t]])) asc[i++] = scores[targets[t]]
      asc.sort()
    }
    const k = asc.length
    /** Quantity of the crowd at or above asc[i], for i < k. */
    const crowdAbove = new Float64Array(k)
    let crowdTotal = 0
    let terms = 0
    if (fresh) {
      const rr = r as Ranking
      for (let i = 0; i < k; i++) crowdAbove[i] = rr.prefix[upperIndex(rr.scores, asc[i])]
      crowdTotal = rr.prefix[rr.scores.length]
      terms = rr.scores.length
    } else {
      // One pass over the queue: a slot with score sc counts for every target scored <= sc, i.e.
      // asc[0..ub). Traders not in profit score 0 under every method's formula: one search for
      // them all; and the targets' range, outside which no search is needed. The sums may be taken
      // in any order (the buckets are certified below), so the zero-scored go to one accumulator.
      const add = new Float64Array(k + 1)
      const cb = this.ctx.crowd
      const mark = this.ctx.market.mark(asset)
      const binance = this.ctx.rules.adlMethod === 'binance'
      const zeroAt = countAtOrBelow(asc, 0)
      const lowest = asc[0]
      const highest = asc[k - 1]
      let zeroQty = 0
      const qty = cb.qty
      const ix = binance && mark > 0 && mark <= 1e30 ? this.entryIndex(asset, side) : null
      if (ix) {
        // Traders not in profit (entry on the wrong side of the mark) with sane figures score
        // exactly 0 (EntryIndex): their quantity is a difference of prefix sums by entry, kept
        // while the asset's perpetuals do not change; only the others are scored one by one.
        if (ix.updates > 4 * ix.slots.length) this.sumIndex(ix)
        const n = ix.slots.length
        // In profit: a long's entry below the mark, a short's above it.
        const b = side > 0 ? lowerIndex(ix.entries, mark) : countAtOrBelow(ix.entries, mark)
        const lossFrom = side > 0 ? b : 0
        const lossTo = side > 0 ? n : b
        // Those in profit: the binance score (crowdScore + adlScoreF's branch, the same operations
        // in the same order) on the index's own columns, in entry order.
        const iq = ix.qty
        const im = ix.margin
        const ie = ix.entries
        const imt = ix.maintenance
        const ist = ix.status
        for (let j = side > 0 ? 0 : b, end = side > 0 ? b : n; j < end; j++) {
          const q = iq[j]
          if (ist[j] !== 0 || !(q > 0)) continue
          const sc = binanceScore(side, q, ie[j], im[j], imt[j], mark)
          if (sc !== sc) continue
          crowdTotal += q
          terms++
          if (sc === 0) zeroQty += q
          else add[sc < lowest ? 0 : sc >= highest ? k : countAtOrBelow(asc, sc)] += q
        }
        const lossQty = treePrefix(ix.tree, lossTo) - treePrefix(ix.tree, lossFrom)
        crowdTotal += lossQty
        zeroQty += lossQty
        // Each sum in the tree went through at most log2(n) + 1 additions per update.
        terms += n + ix.updates * (Math.log2(n + 1) + 2)
        for (const j of ix.irregular) {
          if (j < lossFrom || j >= lossTo) continue
          const i = ix.slots[j]
          const sc = this.passScore(i, side, mark, binance)
          if (sc !== sc) continue
          crowdTotal += qty[i]
          terms++
          if (sc === 0) zeroQty += qty[i]
          else add[sc < lowest ? 0 : sc >= highest ? k : countAtOrBelow(asc, sc)] += qty[i]
        }
      } else {
        const list = this.liveSlots(asset, side)
        for (let j = 0; j < list.length; j++) {
          const i = list.slots[j]
          const sc = this.passScore(i, side, mark, binance)
          if (sc !== sc) continue
          crowdTotal += qty[i]
          terms++
          if (sc === 0) zeroQty += qty[i]
          else add[sc < lowest ? 0 : sc >= highest ? k : countAtOrBelow(asc, sc)] += qty[i]
        }
      }
      // Positions opened in the run (re-hedges), on either side.
      const opened = cb.runSlotsOf(asset, side)
      for (let j = 0; j < opened.length; j++) {
        const i = opened[j]
        const sc = this.passScore(i, side, mark, binance)
        if (sc !== sc) continue
        crowdTotal += qty[i]
        terms++
        if (sc === 0) zeroQty += qty[i]
        else add[sc < lowest ? 0 : sc >= highest ? k : countAtOrBelow(asc, sc)] += qty[i]
      }
      add[zeroAt] += zeroQty
      let acc = 0
      for (let i = k - 1; i >= 0; i--) {
        acc += add[i + 1]
        crowdAbove[i] = acc
      }
    }
    // Both ways of summing are within (terms + 4) x 2^-53 of the exact sums, relative to the total;
    // 5 x above / total then moves by less than this from one to the other.
    if (ranked) terms += ranked.order.length
    const margin = 64 * (terms + 16) * Number.EPSILON
    const settle = (t: number, above: number, total: number) => {
      const x = (above * 5) / total
      const edge = Math.round(x)
      out[t] = edge >= 1 && edge <= 4 && Math.abs(x - edge) <= margin ? this.exactLights(asset, side, scores, qtys, targets[t], countOthers) : lightsFromBucket(percentileBucket(above, total))
    }
    if (ranked) {
      // Down the members' ranking one group of equal scores at a time: a target there has the
      // group's end members at or above it, and the targets not yet passed below it (in `asc`).
      const { order, member, scores: desc, prefix } = ranked
      const n = order.length
      const otherTotal = prefix[n]
      let passed = 0
      for (let a = 0; a < n; ) {
        let b = a + 1
        while (b < n && desc[b] === desc[a]) b++
        for (let i = a; i < b; i++) if (targetOf[member[order[i]]] >= 0) passed++
        for (let i = a; i < b; i++) {
          const j = member[order[i]]
          const t = targetOf[j]
          if (t < 0) continue
          const q = qtys[j]
          // Members at or above, less the target itself (it is not its own `other`).
          settle(t, q + crowdAbove[liveCount - passed] + (prefix[b] - q), q + crowdTotal + (otherTotal - q))
        }
        a = b
      }
    } else {
      for (let t = 0; t < targets.length; t++) {
        const s = scores[targets[t]]
        if (Number.isNaN(s)) continue
        const q = qtys[targets[t]]
        settle(t, q + crowdAbove[lowerIndex(asc, s)], q + crowdTotal)
      }
    }
    return out
  }

  /** `lights` of member j, counting the other members (`countOthers`) or none. */
  private exactLights(asset: number, side: number, scores: ArrayLike<number>, qtys: ArrayLike<number>, j: number, countOthers: boolean): number {
    const others: { score: number; qty: number }[] = []
    if (countOthers) for (let k = 0; k < scores.length; k++) if (k !== j) others.push({ score: scores[k], qty: qtys[k] })
    return this.lights(asset, side, scores[j], qtys[j], others)
  }

  /**
   * A crowd slot's score for `lightsMany`'s pass: NaN when it is not counted (another side, not
   * open, no quantity, a score that is not a number), 0 for a trader not in profit, else its score.
   */
  private passScore(i: number, side: number, mark: number, binance: boolean): number {
    const cb = this.ctx.crowd
    const q = cb.qty[i]
    if (cb.side[i] !== side || cb.status[i] !== 0 || !(q > 0)) return Number.NaN
    return binance ? binanceScore(side, q, cb.entry[i], cb.margin[i], cb.maintenance[i], mark) : this.crowdScore(i, mark)
  }

  /** The generated perpetuals of (asset, side) by entry price (built once; null when an entry is not a number). */
  private entryIndex(asset: number, side: number): EntryIndex | null {
    const key = this.key(asset, side)
    let ix = this.byEntry.get(key)
    if (ix === undefined) {
      const list = this.sides[asset][side > 0 ? 0 : 1]
      const keys = Float64Array.from(list, (slot) => this.ctx.crowd.entry[slot])
      if (keys.every((e) => Number.isFinite(e))) {
        const order = argsort(keys)
        const slots = Int32Array.from(order, (o) => list[o])
        const n = slots.length
        ix = {
          slots,
          entries: Float64Array.from(order, (o) => keys[o]),
          maintenance: Float64Array.from(slots, (slot) => this.ctx.crowd.maintenance[slot]),
          qty: new Float64Array(n),
          margin: new Float64Array(n),
          status: new Uint8Array(n),
          tree: new Float64Array(n + 1),
          irregular: new Set(),
          updates: 0,
        }
        ix.slots.forEach((slot, j) => (this.rankOf[slot] = j))
        this.sumIndex(ix)
      } else ix = null
      this.byEntry.set(key, ix)
    }
    return ix
  }

  /**
   * The open quantity of the index's regular slots, as prefix sums in entry order. Regular: open,
   * qty <= 1e270, margin >= 1e-200, 0 <= qty x maintenance rate <= 1e60. Out of profit, such a trader's binance
   * score is exactly 0 at any mark in (0, 1e30]: max(0, uPnL) = 0, and MM / margin balance is
   * finite (a positive margin balance m + uPnL is then at least m x 2^-54, the rounding of a
   * difference of doubles, so the quotient stays under 1e90 / 1e-217). The others are scored.
   */
  private sumIndex(ix: EntryIndex): void {
    const cb = this.ctx.crowd
    const tree = ix.tree
    tree.fill(0)
    ix.irregular.clear()
    ix.updates = 0
    for (let j = 0; j < ix.slots.length; j++) {
      const slot = ix.slots[j]
      ix.qty[j] = cb.qty[slot]
      ix.margin[j] = cb.margin[slot]
      ix.status[j] = cb.status[slot]
      const v = this.regularQty(ix.slots[j])
      this.counted[ix.slots[j]] = v > 0 ? v : 0
      if (v < 0) ix.irregular.add(j)
      tree[j + 1] += v > 0 ? v : 0
      const up = j + 1 + ((j + 1) & -(j + 1))
      if (up < tree.length) tree[up] += tree[j + 1]
    }
  }

  /** A slot's quantity when it is regular and open; 0 when closed; -1 when open but not regular. */
  private regularQty(slot: number): number {
    const cb = this.ctx.crowd
    const q = cb.qty[slot]
    if (!(cb.status[slot] === 0 && q > 0)) return 0
    const load = q * cb.maintenance[slot]
    return q <= 1e270 && cb.margin[slot] >= 1e-200 && load >= 0 && load <= 1e60 ? q : -1
  }

  /** `CrowdBook.onPerpChange`: the slot's queue index (when built) follows it. */
  private perpChanged(slot: number): void {
    if (slot >= this.rankOf.length) return
    const j = this.rankOf[slot]
    if (j < 0) return
    const cb = this.ctx.crowd
    const ix = this.byEntry.get(this.key(cb.asset[slot], cb.side[slot])) as EntryIndex
    ix.qty[j] = cb.qty[slot]
    ix.margin[j] = cb.margin[slot]
    ix.status[j] = cb.status[slot]
    const v = this.regularQty(slot)
    const now = v > 0 ? v : 0
    const delta = now - this.counted[slot]
    if (delta !== 0) {
      treeAdd(ix.tree, j, delta)
      this.counted[slot] = now
      ix.updates++
    }
    if (v < 0) ix.irregular.add(j)
    else ix.irregular.delete(j)
  }

  /**
   * Per queue, from `anyInProfit`'s last scan that found no one: the entry nearest to profit then
   * (the lowest long entry, the highest short entry) and how many run slots the queue had. Entries
   * never change and a slot that leaves never returns, so while no slot has opened since, no one is
   * in profit at a mark that has not passed that entry.
   */
  private dry = new Map<number, { nearest: number; opened: number }>()

  /** A crowd slot `allocate` can match at `mark`: open, with quantity, in profit. */
  private matchable(i: number, mark: number): boolean {
    const cb = this.ctx.crowd
    return cb.status[i] === 0 && cb.qty[i] > 0 && cb.side[i] * (mark - cb.entry[i]) > 0
  }

  /** Whether a crowd perpetual of (asset, side) is open with quantity and in profit at `mark`: what `allocate` can match. */
  private anyInProfit(asset: number, side: number, mark: number): boolean {
    const cb = this.ctx.crowd
    const key = this.key(asset, side)
    const opened = cb.runSlotsOf(asset, side)
    const last = this.dry.get(key)
    if (last && last.opened === opened.length && !(side * (mark - last.nearest) > 0)) return false
    let nearest = side > 0 ? Infinity : -Infinity
    const visit = (i: number): boolean => {
      if (cb.side[i] !== side) return false
      if (this.matchable(i, mark)) return true
      if (cb.status[i] !== 0 || !(cb.qty[i] > 0)) return false
      // NaN entries never come into profit and are not counted.
      const e = cb.entry[i]
      if (side > 0 ? e < nearest : e > nearest) nearest = e
      return false
    }
    const { slots, length } = this.liveSlots(asset, side)
    for (let k = 0; k < length; k++) if (visit(slots[k])) return true
    for (let k = 0; k < opened.length; k++) if (visit(opened[k])) return true
    this.dry.set(key, { nearest, opened: opened.length })
    return false
  }

  /**
   * Matches `qty` down the queue of positions on `side` at `price`: highest score first, each
   * member up to its whole size, crowd traders and `specials` (the user's positions, the
   * counterparty) merged by score. Calls `close` for each match; returns the quantity matched.
   */
  allocate(asset: number, side: number, qty: number, specials: SpecialMember[], close: (m: AdlMatch) => void): number {
    const cb = this.ctx.crowd
    const mark = this.ctx.market.mark(asset)
    specials.sort((a, b) => b.score - a.score || (a.kind === b.kind ? a.position - b.position : a.kind === 'user' ? -1 : 1))
    let sp = 0
    let left = qty
    let rebuilt = false
    let r = this.ranking(asset, side)
    const eps = qty * 1e-12
    while (left > eps) {
      // Next eligible crowd trader: open, with quantity, in profit now.
      while (r.next < r.slots.length) {
        const slot = r.slots[r.next]
        if (this.matchable(slot, mark)) break
        r.next++
      }
      if (r.next >= r.slots.length && !rebuilt && this.ctx.state.t > r.builtAt) {
        // Ranked out: re-rank now if a trader has come into profit since, else the new ranking
        // would hold no one to match either. A queue can stay dry for hours of a crash (longs
        // below every entry), and re-ranking it every step dominated such runs.
        rebuilt = true
        if (this.anyInProfit(asset, side, mark)) r = this.ranking(asset, side, true)
        continue
      }
      const crowdScore = r.next < r.slots.length ? r.scores[r.next] : -Infinity
      const special = sp < specials.length ? specials[sp] : null
      if (special && special.score >= crowdScore) {
        const q = Math.min(special.qty, left)
        if (q > 0) close({ slot: -1, special, qty: q })
        left -= q
        special.qty -= q
        sp++
        continue
      }
      if (r.next >= r.slots.length) break
      const slot = r.slots[r.next]
      const q = Math.min(cb.qty[slot], left)
      close({ slot, special: null, qty: q })
      left -= q
      if (!(cb.qty[slot] > 0)) r.next++
    }
    return qty - Math.max(left, 0)
  }
}

/** In `desc` (descending), the number of entries >= x: where `lights` stops on a fresh ranking. */
function upperIndex(desc: Float64Array, x: number): number {
  let lo = 0
  let hi = desc.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (desc[mid] >= x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** In `asc` (ascending), the first index holding x (x is present). */
function lowerIndex(asc: Float64Array, x: number): number {
  let lo = 0
  let hi = asc.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (asc[mid] < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** In `asc` (ascending), the number of entries <= x. */
function countAtOrBelow(asc: Float64Array, x: number): number {
  let lo = 0
  let hi = asc.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (asc[mid] <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * crowdScore + adlScoreF's binance branch for one trader, the same operations in the same order:
 * 0 when not in profit (max(0, uPnL) = 0), NaN when a factor is not finite (then it is not
 * counted, as crowdScore's NaN is not).
 */
function binanceScore(side: number, q: number, entry: number, m: number, maintenance: number, mark: number): number {
  const upnl = side * q * (mark - entry)
  const mb = m + upnl
  if (upnl <= 0) {
    // max(0, uPnL) = 0: the score is 0, or NaN when a factor is not finite.
    if (m !== m) return Number.NaN
    if (mb > 0) {
      // MM / margin balance finite? Surely so for any sane magnitudes; else divide.
      const num = q * mark * maintenance
      if (!(mb >= 1e-250 && num <= 1e50 && num >= 0)) {
        const x = num / mb
        if (x - x !== 0) return Number.NaN
      }
    }
    return 0
  }
  return (Math.max(0, upnl) / Math.max(1, m)) * (mb <= 0 ? 0 : (q * mark * maintenance) / mb)
}
