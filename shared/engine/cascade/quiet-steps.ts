// Steps where nothing can trade (docs/CASCADE-NOTES.md "The run loop", quiet steps). Most steps of a run move the
// prices without reaching any trigger: no crowd leg's liquidation price, no looper's unwind line,
// no re-armed leg or re-hedge (both wait in the pending heaps), no market maker's liquidation
// ratio. For those the first round of the step's fixed point is known to do nothing before it runs,
// and the run loop skips it to what ends every round: the user's check and the funds' maintenance
// check (`Waterfall.deleverageHeld`: a vault's equity moves with the marks whatever the crowd does).
// The funds' offloading runs before the rounds either way, so the test reads the prices after it.
// The market makers' certificate also spares the rounds that do run their full check while it holds
// (their legs change only when one of them is liquidated, which ends the certificate).
// Each test below is exact (what the full round would find, not an estimate), so a run with the
// shortcut is byte-identical to one without (tests/shared/engine/cascade/quiet-steps.test.ts).
import type { CrowdBook } from './crowd-book'
import type { Crowd } from '../crowd'
import type { Market } from '../market'

/** What the quiet test reads of the crowd's lending flows: where each looper index's unwind line is. */
export interface UnwindLines {
  /** The unwind line of the next looper on this collateral index (a price at or below it unwinds); NaN when none is left. */
  unwindLine(index: Crowd['indexes'][number]): number
}

export interface QuietDeps {
  readonly market: Market
  readonly crowd: CrowdBook
}

/**
 * Slack on a certified market-maker coverage: relative rounding of the coverage sums (a handful of
 * products and additions, each within 2^-53) and of the price ratio, with room to spare.
 */
const COVERAGE_SLACK = 1e-12

export class QuietSteps {
  /**
   * Market makers certified above their liquidation ratio: their coverage at `mmPrices` (computed
   * as `CrowdLending.checkMarketMakers` does), valid while none of their legs changes. Null: not
   * certified (the full check runs).
   */
  private mm: Certificate | null = null

  /** Steps whose first round was skipped to the user's check (tests read it: the shortcut is taken). */
  idleSteps = 0

  constructor(private readonly ctx: QuietDeps) {
    const keys = 2 * ctx.market.assets.length
    this.lo = new Float64Array(keys)
    this.hi = new Float64Array(keys)
    this.active = new Int32Array(keys)
  }

  /**
   * True when the first round of the step would trade nothing before the user's check: no crowd
   * index crosses its next trigger at the current prices, no looper reaches its unwind line, no
   * re-armed leg's trigger is reached, and the market makers are certified above their ratio. The
   * prices are the market's now (no trade happens while this looks).
   */
  firstRoundIdle(lending: UnwindLines): boolean {
    const m = this.ctx.market
    if (this.bandsOf !== this.ctx.crowd.triggersVersion) this.bands(lending)
    const { lo, hi, active } = this
    // Prices are read where a band needs them (the market keeps each mark until it moves).
    for (let j = 0; j < this.activeCount; j++) {
      const key = active[j]
      const price = key & 1 ? m.collateralPrice(key >> 1) : m.mark(key >> 1)
      if (price <= lo[key] || price >= hi[key]) return false
    }
    if (!this.marketMakersSafe()) return false
    this.idleSteps++
    return true
  }

  /**
   * Per price (asset x driver), the band the next triggers leave it: a long-side trigger (index,
   * unwind line, watch) is reached at or below its price, so the highest is the band's floor; a
   * short one at or above, so the lowest is its ceiling. The price crosses nothing while strictly
   * inside, which is exactly each trigger's own test (`index.advance`, `unwindLoopers`,
   * `popCrossed`: a watch's key is -trigger on the long side). Kept until a trigger moves
   * (`CrowdBook.triggersVersion`).
   */
  private bands(lending: UnwindLines): void {
    const cb = this.ctx.crowd
    const { lo, hi } = this
    lo.fill(-Infinity)
    hi.fill(Infinity)
    // A NaN trigger (none left) fails every comparison, here as in the trigger's own test.
    for (const index of cb.crowd.indexes) {
      const key = index.asset * 2 + (index.driver === 'mark' ? 0 : 1)
      const next = index.nextTrigger()
      if (index.side > 0) {
        if (next > lo[key]) lo[key] = next
        if (index.driver === 'collateral') {
          const line = lending.unwindLine(index)
          if (line > lo[key]) lo[key] = line
        }
      } else if (next < hi[key]) hi[key] = next
    }
    for (const w of cb.watched) {
      if (w.heap.size === 0) continue
      const key = w.asset * 2 + (w.driver === 'mark' ? 0 : 1)
      const top = w.heap.topKey()
      if (w.side > 0) {
        if (-top > lo[key]) lo[key] = -top
      } else if (top < hi[key]) hi[key] = top
    }
    // Prices are finite: a band still at -Infinity / Infinity bounds nothing and is not read.
    this.activeCount = 0
    for (let key = 0; key < lo.length; key++) if (lo[key] > -Infinity || hi[key] < Infinity) this.active[this.activeCount++] = key
    this.bandsOf = cb.triggersVersion
  }

  /** Per asset x 2 + (0 mark, 1 collateral price): the band's floor and ceiling. */
  private readonly lo: Float64Array
  private readonly hi: Float64Array
  /** The keys whose band some trigger bounds, in key order. */
  private readonly active: Int32Array
  private activeCount = 0
  /** `CrowdBook.triggersVersion` the bands were taken at (-1: never). */
  private bandsOf = -1

  /**
   * Whether every market maker's coverage is surely above its liquidation ratio at the current
   * collateral prices, from the certified coverages: each term of a coverage is a held quantity
   * times a price times a haircut (all >= 0), so prices all at least rho x the certified ones give
   * a coverage at least rho x the certified one, less the rounding of both sums (COVERAGE_SLACK).
   */
  private marketMakersSafe(): boolean {
    const c = this.mm
    if (c === null) return this.ctx.crowd.crowd.unifiedAccounts.length === 0
    const m = this.ctx.market
    let rho = Infinity
    for (let k = 0; k < c.heldCount; k++) {
      const a = c.held[k]
      const now = m.collateralPrice(a)
      if (!(now > 0)) return false
      const r = now / c.prices[a]
      if (r < rho) rho = r
    }
    if (!(rho > 0)) return false
    // Each account is safe when coverage x factor > maintenance x (1 + slack): all are when the
    // factor passes the largest quotient, taken with a margin for its own rounding.
    return rho * (1 - COVERAGE_SLACK) > c.need
  }

  /**
   * True when the certificate holds at the market's collateral prices now: a full
   * `checkMarketMakers` would liquidate no one, so the round may skip it. False without a
   * certificate (the full check runs and certifies again).
   */
  marketMakersCertified(): boolean {
    return this.mm !== null && this.marketMakersSafe()
  }

  /** The market makers' legs changed (or may have): no certificate until the next full check. */
  forgetMarketMakers(): void {
    this.mm = null
  }

  /**
   * After a full `checkMarketMakers` that liquidated no one: certifies each account's coverage at
   * the current collateral prices, summed as the check sums it. Accounts without a liability are
   * skipped by the check whatever the prices (Infinity here).
   */
  certifyMarketMakers(): void {
    const cb = this.ctx.crowd
    const accounts = cb.crowd.unifiedAccounts
    if (accounts.length === 0) return
    const m = this.ctx.market
    const n = m.assets.length
    // The arrays are the certificate's own (kept from the last one when there was one).
    const c = this.kept ?? { prices: new Float64Array(n), assets: new Uint8Array(n), held: new Int32Array(n), heldCount: 0, need: 0 }
    this.kept = c
    this.mm = null
    const prices = c.prices
    for (let a = 0; a < n; a++) prices[a] = m.collateralPrice(a)
    c.assets.fill(0)
    let need = 0
    const offsets = cb.crowd.accountOffsets
    const { status, qty, haircut, debt, asset } = cb
    for (let k = 0; k < accounts.length; k++) {
      const acc = accounts[k]
      let collateral = 0
      let liability = 0
      const first = offsets[acc]
      const end = offsets[acc + 1]
      for (let i = first; i < end; i++) {
        if (status[i] !== 0) continue
        // A negative term (a negative holding or haircut) breaks the scaling argument: no certificate.
        if (!(qty[i] >= 0 && haircut[i] >= 0)) return
        collateral += qty[i] * prices[asset[i]] * haircut[i]
        liability += debt[i]
        c.assets[asset[i]] = 1
      }
      const maintenance = cb.maintenance[first]
      const coverage = liability > 0 ? collateral / liability : Infinity
      if (liability > 0 && !(coverage > maintenance)) return
      // Accounts without a liability are safe at any price (the check skips them).
      if (coverage !== Infinity) need = Math.max(need, ((maintenance * (1 + COVERAGE_SLACK)) / coverage) * (1 + QUOTIENT_SLACK))
    }
    c.heldCount = 0
    for (let a = 0; a < n; a++) if (c.assets[a] === 1) c.held[c.heldCount++] = a
    c.need = need
    this.mm = c
  }

  /** The certificate's arrays, reused from one certificate to the next. */
  private kept: Certificate | null = null
}

/**
 * Market makers certified at `prices`: `need` is the largest maintenance x (1 + slack) / coverage
 * over the accounts with a liability, so prices all at least rho x the certified ones keep every
 * account above its ratio while rho x (1 - slack) > need. `held`: the assets any of them holds.
 */
interface Certificate {
  prices: Float64Array
  assets: Uint8Array
  held: Int32Array
  heldCount: number
  need: number
}

/** Room for the rounding of one quotient and one product (a few units of 2^-53). */
const QUOTIENT_SLACK = 1e-15
