// The crowd's mutable state during one run (docs/MODEL.md §4-5): the generated population is read-only
// and reusable (`crowd.reset()` reopens it), so a run copies the columns it changes into "slots":
// slot i < legCount is crowd leg i; slots from legCount on are positions re-opened during the run by
// traders ADL closed (docs/CASCADE-NOTES.md "Re-hedging"). Plus each account's free cash (what a closed leg
// leaves), the pending triggers of legs that were partly liquidated or re-triggered, and the sums
// the conservation test reads.
//
// Ledger of a slot (ledger.ts): a perpetual contributes cash `margin - side x qty x entry` and
// `side x qty` contracts; a collateral leg (loan, loop, unified) contributes `qty` units of its
// asset and cash `-debt`. Closing q of a perpetual at P moves `side x q x (P - entry)` into its
// margin (the realised PnL), so its equity is always `margin + side x qty x (mark - entry)`.
import { LEG_KIND, LEG_STATUS, type Crowd } from '../crowd'
import { addNamed, type LedgerTotals, type NamedAccount } from './ledger'
import { SlotHeap } from './slot-heap'

// Module-local copies: hot loops read these, not the crowd module's exports.
const STATUS_OPEN = LEG_STATUS.open
const KIND_PERP = LEG_KIND.perp

/**
 * The last run's book of each crowd object, so a crowd reused across runs (`input.crowd`) reuses
 * its buffers too. Weak: a crowd nobody holds takes its buffers with it. One run at a time per
 * crowd object (a host runs one job per worker).
 */
const spare = new WeakMap<Crowd, CrowdBook>()

export class CrowdBook {
  readonly legCount: number
  readonly generatedAccounts: number
  /** Slots in use (crowd legs plus shorts opened during the run). */
  size: number
  /** Accounts in use. */
  accounts: number
  kind!: Uint8Array
  cohort!: Uint8Array
  asset!: Uint16Array
  side!: Int8Array
  account!: Int32Array
  entry!: Float64Array
  qty!: Float64Array
  margin!: Float64Array
  debt!: Float64Array
  /** mmr (perps), liquidation threshold (loans, loops) or liquidation ratio (unified). */
  maintenance!: Float64Array
  haircut!: Float64Array
  /** The current trigger price (changes after a partial liquidation). */
  trigger!: Float64Array
  status!: Uint8Array
  /** Per account: cash no longer tied to a leg (profit taken by ADL, equity left after a partial). */
  cash!: Float64Array
  /** Per account: 1 once any of its legs was liquidated (summary count). */
  liquidated!: Uint8Array
  /** Open long and short perpetual quantity per asset (kept as positions open and close: open interest). */
  readonly longQty: Float64Array
  readonly shortQty: Float64Array
  /** Slots of the positions opened during the run, per asset and side (0 long, 1 short). */
  private readonly runSlots: number[][][]
  /**
   * Told after any change to a perpetual slot (quantity, margin, status), so what is kept about
   * the queues follows it (adl-queue.ts `EntryIndex`).
   */
  onPerpChange: ((slot: number) => void) | null = null
  /**
   * Bumped whenever a trigger the quiet test reads may have moved (quiet-steps.ts): a watch pushed
   * or popped here, an index's cursor or a looper index's unwind cursor moved (the run loop,
   * CrowdLending). Between two bumps the next triggers are where they were.
   */
  triggersVersion = 0

  /** Per (asset, side, driver): legs whose trigger must be watched again, in key order. */
  readonly watched: { key: number; asset: number; side: 1 | -1; driver: 'mark' | 'collateral'; heap: SlotHeap }[] = []
  /** Crossed legs that could not trade (halted book): retried next step. */
  deferred: number[] = []
  /**
   * Hyperliquid cooldown, per slot: the run time (seconds) until which its liquidations take the
   * whole position; 0 when none (run times are never negative). A column, not a map: every crossed
   * slot reads it.
   */
  cooldownUntil!: Float64Array

  constructor(
    readonly crowd: Crowd,
    readonly assetCount: number,
  ) {
    this.legCount = crowd.legCount
    this.generatedAccounts = crowd.accountCount
    this.size = crowd.legCount
    this.accounts = crowd.accountCount
    this.runSlots = Array.from({ length: assetCount }, () => [[], []])
    this.longQty = new Float64Array(assetCount)
    this.shortQty = new Float64Array(assetCount)
    const previous = spare.get(crowd)
    if (previous) {
      // A reused crowd (input.crowd): take over the previous run's buffers instead of allocating
      // them again; every column a run reads is rewritten below or zeroed here.
      spare.delete(crowd)
      this.adopt(previous)
    } else this.allocate(crowd.legCount + 1024, crowd.accountCount + 1024)
    spare.set(crowd, this)
    const l = crowd.legs
    const n = crowd.legCount
    this.kind.set(l.kind.subarray(0, n))
    this.cohort.set(l.cohort.subarray(0, n))
    this.asset.set(l.asset.subarray(0, n))
    this.side.set(l.side.subarray(0, n))
    this.account.set(l.account.subarray(0, n))
    this.entry.set(l.entry.subarray(0, n))
    this.qty.set(l.qty.subarray(0, n))
    this.margin.set(l.margin.subarray(0, n))
    this.debt.set(l.debt.subarray(0, n))
    this.maintenance.set(l.maintenance.subarray(0, n))
    this.haircut.set(l.haircut.subarray(0, n))
    this.trigger.set(l.liqPrice.subarray(0, n))
    // Collateral legs: the margin column is the holder's capital already inside the collateral,
    // not cash; only perpetuals hold margin as cash.
    for (let i = 0; i < n; i++) {
      if (this.kind[i] !== KIND_PERP) this.margin[i] = 0
      else if (this.side[i] > 0) this.longQty[this.asset[i]] += this.qty[i]
      else this.shortQty[this.asset[i]] += this.qty[i]
    }
  }

  /** Takes another book's buffers (same crowd); the per-account columns start at zero again. */
  private adopt(from: CrowdBook): void {
    this.kind = from.kind
    this.cohort = from.cohort
    this.asset = from.asset
    this.side = from.side
    this.account = from.account
    this.entry = from.entry
    this.qty = from.qty
    this.margin = from.margin
    this.debt = from.debt
    this.maintenance = from.maintenance
    this.haircut = from.haircut
    this.trigger = from.trigger
    this.status = from.status
    this.cash = from.cash
    this.liquidated = from.liquidated
    this.cooldownUntil = from.cooldownUntil
    this.cash.fill(0)
    this.liquidated.fill(0)
    this.status.fill(0)
    this.cooldownUntil.fill(0)
  }

  private allocate(slots: number, accounts: number): void {
    const grow = <T extends Uint8Array | Uint16Array | Int8Array | Int32Array | Float64Array>(old: T | undefined, make: (n: number) => T, n: number): T => {
      const out = make(n)
      if (old) out.set(old.subarray(0, Math.min(old.length, n)) as never)
      return out
    }
    this.kind = grow(this.kind, (k) => new Uint8Array(k), slots)
    this.cohort = grow(this.cohort, (k) => new Uint8Array(k), slots)
    this.asset = grow(this.asset, (k) => new Uint16Array(k), slots)
    this.side = grow(this.side, (k) => new Int8Array(k), slots)
    this.account = grow(this.account, (k) => new Int32Array(k), slots)
    this.entry = grow(this.entry, (k) => new Float64Array(k), slots)
    this.qty = grow(this.qty, (k) => new Float64Array(k), slots)
    this.margin = grow(this.margin, (k) => new Float64Array(k), slots)
    this.debt = grow(this.debt, (k) => new Float64Array(k), slots)
    this.maintenance = grow(this.maintenance, (k) => new Float64Array(k), slots)
    this.haircut = grow(this.haircut, (k) => new Float64Array(k), slots)
    this.trigger = grow(this.trigger, (k) => new Float64Array(k), slots)
    this.status = grow(this.status, (k) => new Uint8Array(k), slots)
    this.cooldownUntil = grow(this.cooldownUntil, (k) => new Float64Array(k), slots)
    this.cash = grow(this.cash, (k) => new Float64Array(k), accounts)
    this.liquidated = grow(this.liquidated, (k) => new Uint8Array(k), accounts)
  }

  /** The crowd's contract symbol on an asset (its first), for events: `BTCUSDT`. */
  symbolOf(asset: number): string | undefined {
    return this.crowd.contracts.find((c) => c.asset === asset)?.symbol
  }

  /** Marks a slot's status here and, for generated legs, in the crowd's own column. */
  /** A perpetual slot changed (see `onPerpChange`). */
  touchSlot(slot: number): void {
    this.onPerpChange?.(slot)
  }

  setStatus(slot: number, status: number): void {
    this.status[slot] = status
    this.touchSlot(slot)
    if (slot < this.legCount) this.crowd.legs.status[slot] = status
  }

  isOpen(slot: number): boolean {
    return this.status[slot] === STATUS_OPEN
  }

  /** Equity of a perpetual slot at `mark`. */
  perpEquity(slot: number, mark: number): number {
    return this.margin[slot] + this.side[slot] * this.qty[slot] * (mark - this.entry[slot])
  }

  /** Isolated bankruptcy price (docs/VENUE-RULES.md §1.3): where margin + side x Q x (P - EP) = 0. */
  perpBankruptcy(slot: number): number {
    return this.entry[slot] - (this.side[slot] * this.margin[slot]) / this.qty[slot]
  }

  /** Isolated liquidation price, Binance one-way with cum = 0 (docs/VENUE-RULES.md §1.1), as the crowd generator uses. */
  perpLiquidationPrice(slot: number): number {
    const s = this.side[slot]
    const q = this.qty[slot]
    return (this.margin[slot] - s * q * this.entry[slot]) / (q * this.maintenance[slot] - s * q)
  }

  /**
   * Closes q of a perpetual slot at P against `counter` (the book, the fund, an ADL'd trader):
   * the realised PnL lands in the slot's margin; the counter account takes the contracts and pays
   * or receives side x q x P.
   */
  closePerpAgainst(slot: number, q: number, p: number, counter: NamedAccount): void {
    const s = this.side[slot]
    this.margin[slot] += s * q * (p - this.entry[slot])
    this.qty[slot] -= q
    if (s > 0) this.longQty[this.asset[slot]] -= q
    else this.shortQty[this.asset[slot]] -= q
    this.touchSlot(slot)
    counter.takePerp(this.asset[slot], s * q, p)
  }

  /**
   * ADL closes `q` of a slot at `p`. As closing q / Q of the venue accounts the slot stands for, the
   * closed part's margin and its realised profit go to the account's free cash, and the rest keeps
   * the slot's margin per contract (so its leverage and liquidation price): a venue releases an
   * isolated position's margin in proportion when the position is reduced.
   */
  deleveragePart(slot: number, q: number, p: number, counter: NamedAccount): void {
    const q0 = this.qty[slot]
    const m0 = this.margin[slot]
    this.closePerpAgainst(slot, q, p, counter)
    const left = this.qty[slot]
    if (!(left > 0) || !(q0 > 0) || !(m0 > 0)) return
    const keep = (m0 * left) / q0
    this.cash[this.account[slot]] += this.margin[slot] - keep
    this.margin[slot] = keep
    this.touchSlot(slot)
  }

  /** The crowd traders' open interest at `marks`, (long + short) / 2, USD. */
  openInterest(marks: (asset: number) => number): number {
    let oi = 0
    for (let a = 0; a < this.assetCount; a++) oi += ((this.longQty[a] + this.shortQty[a]) / 2) * marks(a)
    return oi
  }

  /** Moves a slot's remaining margin (its equity once flat) into its account's free cash. */
  releaseMargin(slot: number): void {
    this.cash[this.account[slot]] += this.margin[slot]
    this.margin[slot] = 0
    this.touchSlot(slot)
  }

  /** Slots of the positions opened during the run on (asset, side). */
  runSlotsOf(asset: number, side: number): readonly number[] {
    return this.runSlots[asset][side > 0 ? 0 : 1]
  }

  /**
   * Opens a position for an existing account during the run (a trader re-hedging what ADL closed,
   * docs/CASCADE-NOTES.md "Re-hedging"): its margin comes from the account's free cash, its
   * contracts from `counter` (the book its order walked) at `entry`; returns its slot.
   */
  openRunPosition(account: number, asset: number, side: 1 | -1, qty: number, entry: number, margin: number, mmr: number, counter: NamedAccount): number {
    if (this.size >= this.kind.length) this.allocate(Math.max(this.kind.length * 2, this.size + 1024), this.cash.length)
    const slot = this.size++
    this.kind[slot] = KIND_PERP
    this.cohort[slot] = 0
    this.asset[slot] = asset
    this.side[slot] = side
    this.account[slot] = account
    this.entry[slot] = entry
    this.qty[slot] = qty
    this.margin[slot] = margin
    this.debt[slot] = 0
    this.maintenance[slot] = mmr
    this.haircut[slot] = 1
    this.status[slot] = STATUS_OPEN
    this.trigger[slot] = this.perpLiquidationPrice(slot)
    this.cash[account] -= margin
    if (side > 0) this.longQty[asset] += qty
    else this.shortQty[asset] += qty
    counter.takePerp(asset, -side * qty, entry)
    this.runSlots[asset][side > 0 ? 0 : 1].push(slot)
    this.touchSlot(slot)
    this.watch(slot, 'mark')
    return slot
  }

  private heapKey(asset: number, side: number, driver: 'mark' | 'collateral'): number {
    return asset * 4 + (side > 0 ? 0 : 2) + (driver === 'mark' ? 0 : 1)
  }

  private heapFor(key: number, create: boolean): SlotHeap | null {
    let lo = 0
    let hi = this.watched.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.watched[mid].key < key) lo = mid + 1
      else hi = mid
    }
    if (lo < this.watched.length && this.watched[lo].key === key) return this.watched[lo].heap
    if (!create) return null
    const heap = new SlotHeap()
    this.watched.splice(lo, 0, { key, asset: Math.floor(key / 4), side: key % 4 < 2 ? 1 : -1, driver: key % 2 === 0 ? 'mark' : 'collateral', heap })
    return heap
  }

  /** Watches a slot's current trigger again (after a partial liquidation, or a new short). */
  watch(slot: number, driver: 'mark' | 'collateral'): void {
    const h = this.heapFor(this.heapKey(this.asset[slot], this.side[slot], driver), true) as SlotHeap
    this.triggersVersion++
    // Long-side legs are crossed when the price falls to the trigger: highest trigger first.
    h.push(slot, this.side[slot] > 0 ? -this.trigger[slot] : this.trigger[slot])
  }

  /** Slots of one watch (an entry of `watched`: asset, side, driver) crossed by `price`, removed from it. */
  popCrossed(w: CrowdBook['watched'][number], price: number, out: number[]): void {
    const h = w.heap
    const side = w.side
    if (h.size === 0) return
    const key = side > 0 ? -price : price
    if (h.topKey() <= key) this.triggersVersion++
    while (h.size > 0 && h.topKey() <= key) {
      const pushed = h.topKey()
      const slot = h.pop()
      // Every trigger change re-watches the slot, so an entry whose key is no longer the slot's
      // trigger is stale (a fresh one is in the heap); a closed slot is done.
      const current = side > 0 ? -this.trigger[slot] : this.trigger[slot]
      if (this.isOpen(slot) && current === pushed) out.push(slot)
    }
  }

  /** The crowd's part of the ledger (conservation test). */
  addTotals(t: LedgerTotals): void {
    for (let i = 0; i < this.size; i++) {
      const a = this.asset[i]
      if (this.kind[i] === KIND_PERP) {
        const q = this.qty[i]
        const c = this.margin[i] - this.side[i] * q * this.entry[i]
        t.cash += c
        t.scale = Math.max(t.scale, Math.abs(this.side[i] * q * this.entry[i]))
        t.perp[a] += this.side[i] * q
        t.perpGross[a] += q
      } else {
        t.assets[a] += this.qty[i]
        t.cash -= this.debt[i]
        t.scale = Math.max(t.scale, this.debt[i])
      }
    }
    for (let k = 0; k < this.accounts; k++) t.cash += this.cash[k]
  }
}

export type { NamedAccount }
export { addNamed }

/** Crowd events name the contract as their position (shared/model/run.ts `position`). */
export function contractOf(crowd: CrowdBook, asset: number): { position?: string; symbol?: string } {
  const symbol = crowd.symbolOf(asset)
  return symbol ? { position: symbol, symbol } : {}
}
