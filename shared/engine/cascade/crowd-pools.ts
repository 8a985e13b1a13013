// Cross margin of the crowd's pooled traders during a run (crowd/cross-pools.ts pairs them;
// docs/SIMULATION-NOTES.md §3.6). A pool's legs keep their own margin columns and their own
// triggers, so every reader of a slot (equity, triggers, ADL scores, the ledger) works as for an
// isolated leg. The account is checked whenever one of its legs reaches its trigger (`settle`):
// - its equity over its maintenance margin (every open leg at its own mark) is still positive: the
//   equity is spread over the legs in proportion to their MM, so each sits at the account's level,
//   and a leg that gave margin is watched at its new, nearer trigger;
// - it is not: the account is in liquidation. The same spread leaves every leg below its
//   maintenance margin (under water when the account is): the crossed leg is liquidated as usual
//   (crowd-perps.ts: book, backstop, or ADL at once under water), the others at their own asset's
//   next look. Its order's bankruptcy price is the account's, and what it loses past its own
//   margin its siblings pay (`absorb`) before any fund. This is how one account's altcoin loss
//   reaches its major positions, and, once its equity is negative, the ADL queue of the majors.
// Own triggers are enough: the account's level is an average of its legs' levels (weighted by
// MM), so it cannot reach 1 before the lowest leg's does.
// The pool's accounts' free cash (what ADL released from a leg, crowd-book.ts `deleveragePart`)
// backs the pool as a venue's wallet backs its cross positions: it counts in the equity, a check
// moves it onto the legs, and it pays a leg's loss before the siblings do. Free cash only adds
// equity, so the legs' own triggers stay early enough.
// Margin only moves between the pool's legs and its accounts' cash: the crowd's cash is unchanged
// (ledger.ts).
import type { Market } from '../market'
import type { CrowdBook } from './crowd-book'

export interface CrowdPoolsDeps {
  readonly crowd: CrowdBook
  readonly market: Market
}

/** Equity over MM at or under 1 + this: the account is at its line (rounding of the sums). */
const EXHAUSTED = 2e-9

export class CrowdPools {
  constructor(private readonly ctx: CrowdPoolsDeps) {}

  /** The pool of a slot, or -1 (isolated, or opened during the run). */
  poolOf(slot: number): number {
    const cb = this.ctx.crowd
    return slot < cb.legCount ? cb.crowd.legs.pool[slot] : -1
  }

  /**
   * A pooled slot whose equity reached its maintenance margin: the pool's equity is spread over its
   * open legs in proportion to their MM, so each sits at the account's margin level (equity / MM).
   * Above 1 the account holds: false, and a leg that gave margin is watched at its new trigger (one
   * that took margin triggers later: its armed trigger comes first and crowd-perps.ts re-watches it
   * then). At or below 1 the account is in liquidation: true, every leg is below its MM (under
   * water when the account's equity is negative), the siblings watched at their marks.
   */
  settle(slot: number): boolean {
    const cb = this.ctx.crowd
    const m = this.ctx.market
    const { offsets, legs } = cb.crowd.pools
    const pool = this.poolOf(slot)
    const from = offsets[pool]
    const to = offsets[pool + 1]
    let equity = 0
    let mmSum = 0
    for (let k = from; k < to; k++) {
      const s = legs[k]
      if (!this.live(s)) continue
      const mark = m.mark(cb.asset[s])
      equity += cb.perpEquity(s, mark)
      mmSum += cb.qty[s] * mark * cb.maintenance[s]
    }
    if (!(mmSum > 0)) return true
    // The free cash joins the legs' margin (spread with the rest below).
    equity += this.takeCash(pool)
    const level = equity / mmSum
    const holds = level > 1 + EXHAUSTED
    for (let k = from; k < to; k++) {
      const s = legs[k]
      if (!this.live(s)) continue
      const mark = m.mark(cb.asset[s])
      const gave = cb.perpEquity(s, mark) - cb.qty[s] * mark * cb.maintenance[s] * level
      cb.margin[s] -= gave
      cb.touchSlot(s)
      if (!holds) {
        if (s !== slot) this.watchAt(s, mark)
      } else if (gave > 0 || s === slot) this.watchAt(s, cb.perpLiquidationPrice(s))
    }
    return !holds
  }

  /**
   * The account's bankruptcy price for the slot's order: where its equity plus its open siblings'
   * (each at its own mark, held) is zero. The book may fill it down to there; what the slot then
   * owes, its siblings pay (`absorb`).
   */
  bankruptcy(slot: number): number {
    const cb = this.ctx.crowd
    return cb.entry[slot] - (cb.side[slot] * (cb.margin[slot] + this.siblingsEquity(slot) + this.freeCash(this.poolOf(slot)))) / cb.qty[slot]
  }

  /**
   * After the slot's order: a negative margin (the loss past the slot's own margin) is paid by its
   * open siblings in proportion to their maintenance margin, before any fund sees a deficit; each
   * is watched at its new trigger (under water, it goes to the backstop or to ADL on its own asset).
   */
  absorb(slot: number): void {
    const cb = this.ctx.crowd
    const m = this.ctx.market
    if (!(cb.margin[slot] < 0)) return
    const { offsets, legs } = cb.crowd.pools
    const pool = this.poolOf(slot)
    // The pool's free cash pays first, as far as it goes.
    cb.margin[slot] += this.takeCash(pool, -cb.margin[slot])
    const owed = -cb.margin[slot]
    if (!(owed > 0)) {
      cb.touchSlot(slot)
      return
    }
    let mmSum = 0
    for (let k = offsets[pool]; k < offsets[pool + 1]; k++) {
      const s = legs[k]
      if (s !== slot && this.live(s)) mmSum += cb.qty[s] * m.mark(cb.asset[s]) * cb.maintenance[s]
    }
    if (!(mmSum > 0)) return
    for (let k = offsets[pool]; k < offsets[pool + 1]; k++) {
      const s = legs[k]
      if (s === slot || !this.live(s)) continue
      cb.margin[s] -= (owed * cb.qty[s] * m.mark(cb.asset[s]) * cb.maintenance[s]) / mmSum
      cb.touchSlot(s)
      this.watchAt(s, cb.perpLiquidationPrice(s))
    }
    cb.margin[slot] = 0
    cb.touchSlot(slot)
  }

  /** The open siblings' equity, each at its own mark. */
  private siblingsEquity(slot: number): number {
    const cb = this.ctx.crowd
    const m = this.ctx.market
    const { offsets, legs } = cb.crowd.pools
    const pool = this.poolOf(slot)
    let e = 0
    for (let k = offsets[pool]; k < offsets[pool + 1]; k++) {
      const s = legs[k]
      if (s !== slot && this.live(s)) e += cb.perpEquity(s, m.mark(cb.asset[s]))
    }
    return e
  }

  /** The free cash of the pool's accounts (what is positive of it). */
  private freeCash(pool: number): number {
    const cb = this.ctx.crowd
    const { offsets, legs } = cb.crowd.pools
    let c = 0
    for (let k = offsets[pool]; k < offsets[pool + 1]; k++) {
      const cash = cb.cash[cb.account[legs[k]]]
      if (cash > 0) c += cash
    }
    return c
  }

  /** Takes up to `most` of the pool's accounts' free cash (in leg order) and returns what it took. */
  private takeCash(pool: number, most = Infinity): number {
    const cb = this.ctx.crowd
    const { offsets, legs } = cb.crowd.pools
    let took = 0
    for (let k = offsets[pool]; k < offsets[pool + 1] && took < most; k++) {
      const acc = cb.account[legs[k]]
      const cash = cb.cash[acc]
      if (!(cash > 0)) continue
      const t = Math.min(cash, most - took)
      cb.cash[acc] -= t
      took += t
    }
    return took
  }

  /** An open leg with a position left. */
  private live(s: number): boolean {
    const cb = this.ctx.crowd
    return cb.isOpen(s) && cb.qty[s] > 0
  }

  private watchAt(s: number, trigger: number): void {
    const cb = this.ctx.crowd
    cb.trigger[s] = trigger
    cb.watch(s, 'mark')
  }
}
