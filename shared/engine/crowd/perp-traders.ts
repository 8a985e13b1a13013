// Leveraged perpetual traders of one contract (docs/MODEL.md §4): exact long/short counts, lognormal
// leverage, entries around the start price, heavy-tailed sizes scaled so the contract's long
// notional is `openInterest x longShare` and its short notional the rest, exactly.
//
// Each trader is one isolated position, so its liquidation price is fixed at generation and a
// sorted index finds it when the mark crosses (docs/SIMULATION-NOTES.md, "Crowd").
import { compensatedSum, drawLeverage, sizeSampler, type SizeShape } from './distributions'
import { COHORT, LEG_KIND, type LegWriter } from './crowd-legs'
import type { PerpContractSpec } from './crowd-spec'
import type { Random } from './random'

/** Longs among n accounts: the nearest whole number, with both sides present when the share allows. */
export function longCount(n: number, longShare: number): number {
  let longs = Math.round(n * longShare)
  if (n >= 2 && longShare > 0 && longShare < 1) longs = Math.min(Math.max(longs, 1), n - 1)
  return longs
}

/**
 * Entry price: `start x exp(drift + spread x z)`, redrawn until the position is alive at the
 * start price (a trader already past liquidation would have been liquidated before the window).
 * Why the bound: the isolated liquidation price below must lie under the start price for a long,
 * above it for a short. The start price itself always qualifies (leverage <= 1/(2 mmr)).
 */
function drawEntry(rng: Random, start: number, leverage: number, mmr: number, side: 1 | -1, spread: number, drift: number): number {
  if (spread === 0 && drift === 0) return start
  const bound = side > 0 ? (start * (1 - mmr)) / (1 - 1 / leverage) : (start * (1 + mmr)) / (1 + 1 / leverage)
  for (let tries = 0; tries < 16; tries++) {
    const entry = start * Math.exp(drift + spread * rng.normal())
    if (side > 0 ? entry < bound : entry > bound) return entry
  }
  return start
}

export function writePerpTraders(w: LegWriter, rng: Random, c: PerpContractSpec, contractIndex: number, accounts: number, size: SizeShape, entry: { spread: number; drift: number }): void {
  const legs = w.legs
  const longs = longCount(accounts, c.longShare)
  const first = w.legCount
  const mmr = c.maintenanceMarginRate
  const drawSize = sizeSampler(size)
  // Pass 1: draw shape (raw size in qty, leverage in margin for now).
  for (let k = 0; k < accounts; k++) {
    w.openAccount()
    const side = k < longs ? 1 : -1
    const i = w.nextLeg(COHORT.trader, LEG_KIND.perp, c.asset, side)
    const leverage = drawLeverage(rng, c.leverage)
    legs.contract[i] = contractIndex
    legs.qty[i] = drawSize(rng)
    legs.margin[i] = leverage
    legs.entry[i] = drawEntry(rng, c.startPrice, leverage, mmr, side, entry.spread, entry.drift)
    legs.maintenance[i] = mmr
  }
  // Pass 2: calibrate each side's notional (at start prices) to its share of open interest.
  const longRaw = compensatedSum(legs.qty, first, first + longs)
  const shortRaw = compensatedSum(legs.qty, first + longs, first + accounts)
  const longScale = longs > 0 ? (c.openInterest * c.longShare) / longRaw : 0
  const shortScale = accounts > longs ? (c.openInterest * (1 - c.longShare)) / shortRaw : 0
  for (let i = first; i < first + accounts; i++) {
    const side = legs.side[i]
    const qty = (legs.qty[i] * (side > 0 ? longScale : shortScale)) / c.startPrice
    const margin = (qty * legs.entry[i]) / legs.margin[i]
    legs.qty[i] = qty
    legs.margin[i] = margin
    // Binance one-way, isolated, cum = 0 (docs/VENUE-RULES.md §1.1): LP = (WB - side Q EP) / (Q mmr - side Q);
    // bankruptcy price: the same with mmr = 0 (docs/VENUE-RULES.md §1.3).
    legs.liqPrice[i] = (margin - side * qty * legs.entry[i]) / (qty * mmr - side * qty)
    legs.bankruptcyPrice[i] = legs.entry[i] - (side * margin) / qty
  }
}
