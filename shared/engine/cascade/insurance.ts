// The insurance fund and the profile's ADL trigger (docs/MODEL.md §5.3, docs/VENUE-RULES.md §2):
// - `insurance-shortfall` (Binance, BitMEX): ADL only for what the fund cannot cover;
// - `pnl-drawdown` (Bybit): ADL for every deficit while the fund is more than `startBelow` (-30%)
//   under its peak over the window, until it is back above `stopAbove` (-25%);
// - `fund-threshold` (OKX): ADL while the fund is under its window average minus
//   max(dropShare x average, minDrop);
// - `negative-equity` (Hyperliquid): the backstop vault (this fund) takes accounts below 2/3 of
//   maintenance; ADL when the vault cannot, or when a position is already under water.
// Windows start with the fund flat at its opening balance for the whole window before the run (no
// history is given; docs/CASCADE-NOTES.md "Insurance").
import type { TriggerRule } from './rules'
import type { NamedAccount } from './ledger'

export class InsuranceFund {
  readonly start: number
  min: number
  /** True while a stateful trigger (drawdown, threshold) routes deficits to ADL. */
  adlActive = false
  /** Every drawing the fund could not cover in full (for the summary and events). */
  exhaustedCount = 0
  private readonly samples: Float64Array
  private readonly sampleTimes: Float64Array
  private head = 0
  private count = 0
  private readonly peakV: number[] = []
  private readonly peakT: number[] = []
  private peakHead = 0
  private sum = 0
  private readonly window: number

  constructor(
    readonly account: NamedAccount,
    readonly rule: TriggerRule,
    stepSeconds: number,
  ) {
    this.start = account.cash
    this.min = account.cash
    this.window = rule.kind === 'pnl-drawdown' || rule.kind === 'fund-threshold' ? rule.windowSeconds : 0
    const cap = this.window > 0 ? Math.max(1, Math.ceil(this.window / stepSeconds)) : 1
    this.samples = new Float64Array(cap)
    this.sampleTimes = new Float64Array(cap)
  }

  get balance(): number {
    return this.account.cash
  }

  /** May the fund draw for a deficit now? (Not while a stateful ADL trigger is active.) */
  get mayCover(): boolean {
    return !this.adlActive
  }

  /** Records the fund's balance at the end of a step and updates the stateful trigger. */
  observe(t: number): 'started' | 'stopped' | null {
    const b = this.balance
    if (b < this.min) this.min = b
    if (this.window === 0) return null
    // Ring buffer of per-step balances over the window (before the run: flat at the start).
    const cap = this.samples.length
    if (this.count === cap) {
      this.sum -= this.samples[this.head]
    } else this.count++
    this.samples[this.head] = b
    this.sampleTimes[this.head] = t
    this.sum += b
    this.head = (this.head + 1) % cap
    const missing = cap - this.count
    const rule = this.rule
    const before = this.adlActive
    if (rule.kind === 'pnl-drawdown') {
      // Peak over the window: a monotone queue of (time, balance), O(1) amortised per step.
      while (this.peakV.length > this.peakHead && this.peakV[this.peakV.length - 1] <= b) {
        this.peakV.pop()
        this.peakT.pop()
      }
      this.peakV.push(b)
      this.peakT.push(t)
      while (this.peakHead < this.peakT.length - 1 && this.peakT[this.peakHead] <= t - this.window) this.peakHead++
      const peak = Math.max(missing > 0 ? this.start : -Infinity, this.peakV[this.peakHead])
      const drawdown = peak > 0 ? b / peak - 1 : 0
      if (!this.adlActive && drawdown < rule.startBelow) this.adlActive = true
      else if (this.adlActive && drawdown > rule.stopAbove) this.adlActive = false
    } else if (rule.kind === 'fund-threshold') {
      const average = (this.sum + missing * this.start) / cap
      const threshold = average - Math.max(rule.dropShare * average, rule.minDrop)
      this.adlActive = b < threshold
    }
    return before === this.adlActive ? null : this.adlActive ? 'started' : 'stopped'
  }

  /** OKX: ADL'd positions close at bankruptcy instead of mark when the fund is nearly empty. */
  nearlyEmpty(): boolean {
    const r = this.rule
    return this.balance <= (r.kind === 'fund-threshold' ? r.minDrop : 0)
  }
}
