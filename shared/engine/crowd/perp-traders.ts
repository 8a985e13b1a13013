// Leveraged perpetual traders of one contract (docs/MODEL.md §4): exact long/short counts, lognormal
// leverage, entries around the start price, heavy-tailed sizes scaled so the contract's long
// notional is `openInterest x longShare` and its short notional the rest, exactly, no trader above
// `maxAccountShare` of the open interest or the venue's largest bracket, and each trader's leverage
// and maintenance margin from the venue's bracket for its notional (docs/SIMULATION-NOTES.md §3).
// With a tail (tail.ts) each side's largest accounts are the scenario's, the same at any crowd size,
// and the other accounts (the body) carry the rest of the side's open interest.
//
// Each trader is one isolated position, so its liquidation price is fixed at generation and a
// sorted index finds it when the mark crosses (docs/SIMULATION-NOTES.md, "Crowd").
import { compensatedSum, drawLeverage, sizeSampler, type SizeShape } from './distributions'
import { tailCount, topOrderStatistics, truncatedParetoMean } from './tail'
import { COHORT, LEG_KIND, type LegWriter } from './crowd-legs'
import type { CrowdBracket, PerpContractSpec } from './crowd-spec'
import type { Random } from './random'

/** Longs among n accounts: the nearest whole number, with both sides present when the share allows. */
export function longCount(n: number, longShare: number): number {
  let longs = Math.round(n * longShare)
  if (n >= 2 && longShare > 0 && longShare < 1) longs = Math.min(Math.max(longs, 1), n - 1)
  return longs
}

/**
 * Entry price: `start x exp(drift + spread x z)`, kept only for a position that survived the path
 * from its entry to the start (docs/SIMULATION-NOTES.md §3.2, "Entry, survivors at the start").
 *
 * Alive at the start: the isolated liquidation price must lie under the start price for a long,
 * above it for a short (`bound` is the entry at which it equals the start). Survived the path: the
 * price went from the entry to the start over the position's life, and a position whose trigger the
 * path touched on the way was liquidated before the window. For a Brownian log-price pinned at
 * both ends (a bridge) with total variance v, the chance its minimum stays above a level ℓ under
 * both ends is `1 - exp(-2 ln(E / ℓ) ln(S / ℓ) / v)` (the barrier-crossing law of the Brownian
 * bridge; mirrored for a maximum), whatever the drift. The entry's own spread is where the price
 * was when positions opened, so the path's variance is taken as `spread²` [U]. The chance vanishes
 * as the trigger nears the start: survivors thin out near the mark, as a crowd that the ordinary
 * moves before the window did not already liquidate must be. Rejected draws are drawn again, up to
 * 64 times; then the entry is the start price (a position opened at the start has no path to
 * survive, and always qualifies under the leverage rule: leverage <= 1/(2 mmr)).
 */
function drawEntry(rng: Random, start: number, leverage: number, mmr: number, side: 1 | -1, spread: number, drift: number): number {
  if (spread === 0 && drift === 0) return start
  const bound = side > 0 ? (start * (1 - mmr)) / (1 - 1 / leverage) : (start * (1 + mmr)) / (1 + 1 / leverage)
  const variance = spread * spread
  // ln(E / ℓ) = ln(bound / S) and ln(S / ℓ) = ln(bound / E) for a long (ℓ = E x S / bound; signs
  // swap for a short): the first factor is the same for every draw.
  const edge = Math.log(bound / start)
  for (let tries = 0; tries < 64; tries++) {
    const entry = start * Math.exp(drift + spread * rng.normal())
    if (!(side > 0 ? entry < bound : entry > bound)) continue
    if (variance === 0) return entry
    const survive = 1 - Math.exp((-2 * edge * Math.log(bound / entry)) / variance)
    if (rng.nextFloat() < survive) return entry
  }
  return start
}

/**
 * Scales one side's raw sizes `raw[from..to)` in place to USD notionals summing to `total`, none above
 * `cap`: water-filling, the accounts the proportional share would put above the cap are held at it
 * and their excess is spread over the others in proportion to their raw sizes, so the side's total
 * stays `total`. Capped accounts are those whose raw size exceeds a threshold that only rises as
 * more are capped, so a few passes find it. When the side has too few accounts to carry `total`
 * under the cap (tiny test crowds), the cap rises to an equal split.
 */
export function scaleUnderCap(raw: Float64Array, from: number, to: number, total: number, cap: number): void {
  const n = to - from
  if (n <= 0) return
  const limit = Math.max(cap, total / n)
  const rawTotal = compensatedSum(raw, from, to)
  let cappedCount = 0
  let cappedRaw = 0
  let scale = total / rawTotal
  for (let pass = 0; pass < 64; pass++) {
    const threshold = limit / scale
    let count = 0
    let sum = 0
    let c = 0
    for (let i = from; i < to; i++) {
      if (raw[i] <= threshold) continue
      count++
      const t = sum + raw[i]
      c += Math.abs(sum) >= raw[i] ? sum - t + raw[i] : raw[i] - t + sum
      sum = t
    }
    if (count === cappedCount) break
    cappedCount = count
    cappedRaw = sum + c
    const freeRaw = rawTotal - cappedRaw
    if (!(freeRaw > 0)) {
      scale = Infinity
      break
    }
    scale = (total - count * limit) / freeRaw
  }
  const threshold = limit / scale
  for (let i = from; i < to; i++) raw[i] = raw[i] > threshold || !Number.isFinite(scale) ? limit : raw[i] * scale
}

/** Index of the bracket that holds `notional` (caps inclusive; the last beyond). */
export function bracketIndex(rows: readonly CrowdBracket[], notional: number): number {
  for (let j = 0; j < rows.length; j++) if (notional <= rows[j].cap) return j
  return rows.length - 1
}

/** The tail of a contract (tail.ts): its own stream and its share of the reference population. */
export interface ContractTail {
  rng: Random
  /** Accounts of the reference population on this contract. */
  population: number
  top: number
}

/**
 * One side's tail notionals, USD, largest first: the top order statistics of the side's reference
 * accounts under the size law scaled so that they carry the side's open interest, each at most
 * `cap`. Also the raw size at which the tail starts (the body's law stops there). None when the
 * law is not Pareto or the side's reference has no account in the top share.
 */
function sideTail(t: ContractTail, referenceSide: number, accounts: number, total: number, size: SizeShape, cap: number): { notionals: Float64Array; rawEdge: number } {
  const k = size.kind === 'pareto' ? Math.min(tailCount(referenceSide, t.top), Math.max(0, accounts - 1)) : 0
  if (k === 0 || size.kind !== 'pareto' || !(total > 0)) return { notionals: new Float64Array(0), rawEdge: Infinity }
  const raw = topOrderStatistics(t.rng, referenceSide, k, size.alpha, size.maxRatio)
  // The law's scale in USD: the reference side's mean account holds total / referenceSide.
  const unit = total / (referenceSide * truncatedParetoMean(size.alpha, size.maxRatio))
  const notionals = raw.map((x) => Math.min(x * unit, cap))
  // A side too small for its tail (the tail would hold all of it; no venue preset comes near): the
  // tail shrinks to its accounts' average share, leaving the body the rest.
  const sum = compensatedSum(notionals)
  if (sum >= total) for (let j = 0; j < k; j++) notionals[j] *= (total * k) / accounts / sum
  return { notionals, rawEdge: raw[k - 1] }
}

/**
 * Writes a contract's traders: longs then shorts, each side's tail accounts (if any) first. Returns
 * the tail counts [longs, shorts].
 */
export function writePerpTraders(
  w: LegWriter,
  rng: Random,
  c: PerpContractSpec,
  contractIndex: number,
  accounts: number,
  size: SizeShape,
  entry: { spread: number; drift: number },
  tail: ContractTail | null = null,
): [number, number] {
  const legs = w.legs
  const longs = longCount(accounts, c.longShare)
  const first = w.legCount
  const rows = c.brackets
  const longTotal = c.openInterest * c.longShare
  const shortTotal = c.openInterest * (1 - c.longShare)
  // The tails: drawn before anything else from their own stream, so the same whatever `accounts`.
  const refLongs = tail ? longCount(tail.population, c.longShare) : 0
  const longTail = tail ? sideTail(tail, refLongs, longs, longTotal, size, c.maxPositionNotional) : null
  const shortTail = tail ? sideTail(tail, tail.population - refLongs, accounts - longs, shortTotal, size, c.maxPositionNotional) : null
  const tailLongs = longTail ? longTail.notionals.length : 0
  const tailShorts = shortTail ? shortTail.notionals.length : 0
  // The body's law is the size law below the tail's edge (the whole law without a tail).
  const bodyShape = (edge: number): SizeShape => (size.kind === 'pareto' && edge < size.maxRatio ? { ...size, maxRatio: Math.max(edge, 1 + 1e-9) } : size)
  const drawLong = sizeSampler(bodyShape(longTail ? longTail.rawEdge : Infinity))
  const drawShort = sizeSampler(bodyShape(shortTail ? shortTail.rawEdge : Infinity))
  const isTail = (k: number): boolean => (k < longs ? k < tailLongs : k - longs < tailShorts)
  // The body's weight: how many of the reference population's accounts one body account stands for
  // (its real accounts' count over the body's, per side; a fraction when the crowd is finer than the
  // population). The body carries the same notional whatever its size, so a real account holds
  // the body account's notional / weight, and the venue's absolute-USD rules (brackets here,
  // partial liquidation in the run) apply at that size. Why: applied to the synthetic size they
  // made a coarse crowd's body trade as a few large accounts (sliced, low-leverage brackets) and a
  // fine one's as many small ones, so Hyperliquid's ADL moved with the crowd's size
  // (docs/CASCADE-NOTES.md, "Findings on the venue presets"). Tail accounts are real: weight 1.
  // Without a tail there is no reference population: weight 1, the synthetic size.
  const bodyWeight = (referenceSide: number, body: number): number => {
    const realBody = tail ? referenceSide - tailCount(referenceSide, tail.top) : 0
    return realBody > 0 && body > 0 ? realBody / body : 1
  }
  const longWeight = bodyWeight(refLongs, longs - tailLongs)
  const shortWeight = bodyWeight(tail ? tail.population - refLongs : 0, accounts - longs - tailShorts)
  // Pass 1: draw shape (raw size in qty, the drawn leverage in margin for now); a tail leg's size is
  // already its notional, and its leverage comes from the tail's stream.
  for (let k = 0; k < accounts; k++) {
    const account = w.openAccount()
    const side = k < longs ? 1 : -1
    if (!isTail(k)) w.accountWeight[account] = side > 0 ? longWeight : shortWeight
    const i = w.nextLeg(COHORT.trader, LEG_KIND.perp, c.asset, side)
    legs.contract[i] = contractIndex
    if (isTail(k)) {
      legs.qty[i] = k < longs ? (longTail as { notionals: Float64Array }).notionals[k] : (shortTail as { notionals: Float64Array }).notionals[k - longs]
      legs.margin[i] = drawLeverage((tail as ContractTail).rng, c.leverage)
    } else {
      legs.qty[i] = side > 0 ? drawLong(rng) : drawShort(rng)
      legs.margin[i] = drawLeverage(rng, c.leverage)
    }
  }
  // Pass 2: each side's notional (at start prices) to its share of open interest, exactly: the body
  // carries what the tail does not, with no real account above `maxPositionNotional` (the
  // concentration cap and the venue's largest bracket) nor above the tail's smallest account. Both
  // caps are per real account, so a body account standing for `weight` of them is capped at
  // `weight` times them: capped at one real account's size, a coarse crowd's body could not carry
  // its open interest and fell to an equal split (every body account one size), which paired
  // equal legs in the cross pools and moved the vault's takeovers and the ADL from the altcoins to
  // the majors with the crowd's size (docs/SIMULATION-NOTES.md §3.2, "Body caps").
  const body = (from: number, to: number, total: number, notionals: Float64Array | null, weight: number): void => {
    const tailSum = notionals ? compensatedSum(notionals) : 0
    const edge = notionals && notionals.length > 0 ? notionals[notionals.length - 1] : Infinity
    scaleUnderCap(legs.qty, from, to, total - tailSum, weight * Math.min(c.maxPositionNotional, edge))
  }
  body(first + tailLongs, first + longs, longTotal, longTail ? longTail.notionals : null, longWeight)
  body(first + longs + tailShorts, first + accounts, shortTotal, shortTail ? shortTail.notionals : null, shortWeight)
  // Pass 3: leverage within the bracket of the notional, entry, margin, liquidation price.
  for (let i = first; i < first + accounts; i++) {
    const side = legs.side[i] as 1 | -1
    const notional = legs.qty[i]
    // Brackets are per account of the venue: looked up at one real account's notional, and the
    // synthetic account's maintenance is `weight` of theirs, so its cum is `weight` x the row's.
    const weight = w.accountWeight[legs.account[i]]
    const qty = notional / c.startPrice
    let leverage = legs.margin[i]
    let mmr = c.maintenanceMarginRate
    let cum = 0
    let at = -1
    if (rows) {
      // The venue's rule: a position's leverage is at most its bracket's; a large position gets the
      // low leverage its bracket allows (the draw is clamped, so it is conditional on the size).
      at = bracketIndex(rows, notional / weight)
      if (leverage > rows[at].maxLeverage) leverage = rows[at].maxLeverage
      mmr = rows[at].mmr
      cum = rows[at].cum * weight
    }
    // MM at the start notional as a rate: the entry must leave the position alive at the start price.
    // (With cum = 0 the rate is mmr itself: mmr - 0 / notional, for a notional > 0.)
    const startRate = notional > 0 && cum !== 0 ? mmr - cum / notional : mmr
    const k = i - first
    const ep = drawEntry(tail && isTail(k) ? tail.rng : rng, c.startPrice, leverage, startRate, side, entry.spread, entry.drift)
    const margin = (qty * ep) / leverage
    legs.qty[i] = qty
    legs.entry[i] = ep
    legs.margin[i] = margin
    // Binance one-way, isolated (docs/VENUE-RULES.md §1.1): LP = (WB + cum - side Q EP) / (Q mmr - side Q),
    // with the bracket that holds the notional at LP (it may lie below the start's); bankruptcy
    // price: the same with mmr = cum = 0 (docs/VENUE-RULES.md §1.3). The start's bracket `at` is
    // solved once: the search below reads that solution instead of solving it again.
    const lpAt = (margin + cum - side * qty * ep) / (qty * mmr - side * qty)
    let lp = lpAt
    if (rows) {
      for (let j = 0; j < rows.length; j++) {
        const r = rows[j]
        const p = j === at ? lpAt : (margin + r.cum * weight - side * qty * ep) / (qty * r.mmr - side * qty)
        const n = (qty * p) / weight
        if (n > (j === 0 ? 0 : rows[j - 1].cap) && n <= r.cap) {
          lp = p
          mmr = r.mmr
          cum = r.cum * weight
          break
        }
      }
    }
    legs.liqPrice[i] = lp
    // The run holds one rate per leg (MM = Q x mark x rate): the bracket's MM at the liquidation
    // notional as a rate, so the run's cum-free liquidation price (crowd-book.ts) is this LP exactly.
    // (With cum = 0 and Q x LP > 0 that rate is mmr: mmr - 0 / (Q x LP).)
    const lpNotional = qty * lp
    legs.maintenance[i] = lp > 0 ? (cum === 0 && lpNotional > 0 ? mmr : mmr - cum / lpNotional) : mmr
    legs.bankruptcyPrice[i] = ep - (side * margin) / qty
  }
  return [tailLongs, tailShorts]
}
