// Per (asset, side, driver) the crowd's legs sorted by liquidation price, with a cursor
// (docs/MODEL.md §4; the performance rule of docs/SIMULATION-NOTES.md): as the driving price moves,
// the run loop advances the cursor past the legs it crossed and touches nothing else, so a step
// costs O(legs crossed), never a rescan of the crowd.
//
// Long-side legs (side +1: a long perp, collateral) are crossed when the price falls to their
// trigger: sorted by trigger descending. Short legs are crossed when it rises: ascending.
import { argsort } from './argsort'
import type { Driver } from './crowd-legs'

export class LiquidationIndex {
  /** Leg rows in the order the price crosses them. */
  readonly legs: Int32Array
  /** Their trigger prices, same order (copied for locality). */
  readonly triggers: Float64Array
  private position = 0

  constructor(
    readonly asset: number,
    readonly side: 1 | -1,
    readonly driver: Driver,
    legRows: Int32Array,
    liqPrice: Float64Array,
  ) {
    // Sort ascending by trigger for shorts, by -trigger for longs; ties keep leg order.
    const keys = new Float64Array(legRows.length)
    for (let k = 0; k < legRows.length; k++) keys[k] = side > 0 ? -liqPrice[legRows[k]] : liqPrice[legRows[k]]
    const order = argsort(keys)
    this.legs = new Int32Array(legRows.length)
    this.triggers = new Float64Array(legRows.length)
    for (let k = 0; k < order.length; k++) {
      this.legs[k] = legRows[order[k]]
      this.triggers[k] = liqPrice[this.legs[k]]
    }
  }

  get size(): number {
    return this.legs.length
  }

  /** Legs before the cursor have been crossed. */
  get cursor(): number {
    return this.position
  }

  /** True when the price has crossed a trigger. */
  crosses(price: number, trigger: number): boolean {
    return this.side > 0 ? price <= trigger : price >= trigger
  }

  /** The next trigger the price would cross, or NaN when none is left. */
  nextTrigger(): number {
    return this.position < this.legs.length ? this.triggers[this.position] : Number.NaN
  }

  /**
   * Moves the cursor past every leg whose trigger `price` has crossed and returns the new
   * cursor; the newly crossed legs are `legs[previous cursor .. returned)`. A price moving back
   * does not un-cross legs: the loop liquidates or re-queues them.
   */
  advance(price: number): number {
    const triggers = this.triggers
    const n = triggers.length
    let k = this.position
    if (this.side > 0) while (k < n && price <= triggers[k]) k++
    else while (k < n && price >= triggers[k]) k++
    this.position = k
    return k
  }

  /** Back to the start (a new run over the same crowd). */
  reset(): void {
    this.position = 0
  }
}
