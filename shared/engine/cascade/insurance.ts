// The venue's insurance funds and their ADL triggers (docs/MODEL.md §5.2-5.3, docs/VENUE-RULES.md §1.4, §2;
// docs/CASCADE-NOTES.md "Insurance funds").
//
// A venue keeps one fund or several (Binance: one for BTC/ETH/BNB and others for the rest; Bybit
// and OKX: per contract on 2025-10-10); each contract is served by one fund, the profile's
// `insuranceFund` serving every contract no other fund lists. A fund is an account of the ledger:
// it collects what the profile routes to it (fees, remainders), pays deficits, and takes over at
// the bankruptcy price what the book could not fill, holding it as inventory it sells into the
// book gradually (`offload`). Its size is its equity: cash plus that inventory at mark.
//
// How much a fund may take over is the profile's `takeoverLimit`: never more than its equity can
// lose at mark; Binance: its net position at most its size (`net-notional`); Hyperliquid's
// liquidator vault: its equity must cover the maintenance margin of what it holds (`maintenance`).
// A takeover the fund cannot make goes to ADL. The profile's trigger adds:
// - `insurance-shortfall` (Binance, BitMEX): ADL only for what the fund cannot take;
// - `pnl-drawdown` (Bybit): ADL for every deficit while the fund is more than `startBelow` (-30%)
//   under its peak over the window, until it is back above `stopAbove` (-25%);
// - `fund-threshold` (OKX): ADL while the fund is under its window average minus
//   max(dropShare x average, minDrop);
// - `negative-equity` (Hyperliquid): positions already under water at mark are deleveraged at once.
// Windows start with the fund flat at its opening balance for the whole window before the run (no
// history is given).
import type { ExchangeProfile, VenueProfile } from '../../model/venue'
import type { Scenario } from '../../model/scenario'
import type { CrowdBracket } from '../crowd'
import type { Market } from '../market'
import type { TriggerRule } from './rules'
import type { NamedAccount } from './ledger'

/** A fund as the profile (and a scenario's what-if) set it up: id, balance, contracts. */
export interface FundSpec {
  id: string
  balance: number
  /** Contract symbols it serves; empty for the default fund (every contract no other lists). */
  contracts: string[]
}

export interface FundsSetup {
  funds: FundSpec[]
  /** `venue`: the profile's balances; `scenario`: scaled to the scenario's `insuranceFund` (a what-if). */
  source: 'venue' | 'scenario'
}

/** The id of the fund the profile's `insuranceFund` gives when it does not name it. */
export const DEFAULT_FUND_ID = 'insurance'

/**
 * The run's funds from the venue profile; a scenario's `insuranceFund` scales them so they total it
 * (each keeps its share; a venue whose funds are all empty gets the whole amount in its default fund).
 * A lending-only venue has one default fund.
 */
export function fundsOf(venue: VenueProfile, scenario: Pick<Scenario, 'insuranceFund'>): FundsSetup {
  const funds: FundSpec[] =
    venue.kind === 'exchange'
      ? [
          { id: (venue as ExchangeProfile).insurance?.defaultFundId ?? DEFAULT_FUND_ID, balance: Number(venue.insuranceFund), contracts: [] },
          ...((venue as ExchangeProfile).insurance?.funds ?? []).map((f) => ({ id: f.id, balance: Number(f.balance), contracts: [...f.contracts] })),
        ]
      : [{ id: DEFAULT_FUND_ID, balance: 0, contracts: [] }]
  if (scenario.insuranceFund === undefined) return { funds, source: 'venue' }
  const target = Number(scenario.insuranceFund)
  const total = funds.reduce((s, f) => s + f.balance, 0)
  return {
    funds: funds.map((f, i) => ({ ...f, balance: total > 0 ? (target * f.balance) / total : i === 0 ? target : 0 })),
    source: 'scenario',
  }
}

export class InsuranceFund {
  readonly start: number
  /** Lowest equity seen at the end of a step. */
  min: number
  /** True while a stateful trigger (drawdown, threshold) routes deficits to ADL. */
  adlActive = false
  /** Every takeover the fund could not make in full (for the summary and events). */
  exhaustedCount = 0
  /** Under the `maintenance` limit: true while its equity is below the maintenance of what it holds. */
  belowMaintenance = false
  /** Assets whose contracts it serves. */
  readonly assets: number[] = []
  private readonly samples: Float64Array
  private head = 0
  private count = 0
  private readonly peakV: number[] = []
  private readonly peakT: number[] = []
  private peakHead = 0
  private sum = 0
  private readonly window: number

  constructor(
    readonly id: string,
    readonly account: NamedAccount,
    private readonly market: Market,
    readonly rule: TriggerRule,
    stepSeconds: number,
  ) {
    this.start = account.cash
    this.min = account.cash
    this.window = rule.kind === 'pnl-drawdown' || rule.kind === 'fund-threshold' ? rule.windowSeconds : 0
    this.samples = new Float64Array(this.window > 0 ? Math.max(1, Math.ceil(this.window / stepSeconds)) : 1)
  }

  /** Equity: cash plus what it holds at mark. */
  get balance(): number {
    const a = this.account
    let e = a.cash
    for (const i of this.assets) if (a.perp[i] !== 0) e += a.perp[i] * this.market.mark(i)
    return e
  }

  /** May the fund take over or pay a deficit now? (Not while a stateful ADL trigger is active.) */
  get mayCover(): boolean {
    return !this.adlActive
  }

  /** Its equity as `observe` last took it (the funds' total is summed from these, not taken again). */
  observed = 0

  /** Records the fund's equity at the end of a step and updates the stateful trigger. */
  observe(t: number): 'started' | 'stopped' | null {
    const b = this.balance
    this.observed = b
    if (b < this.min) this.min = b
    if (this.window === 0) return null
    // Ring buffer of per-step balances over the window (before the run: flat at the start).
    const cap = this.samples.length
    if (this.count === cap) this.sum -= this.samples[this.head]
    else this.count++
    this.samples[this.head] = b
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

/** Maintenance margin of a held notional under a contract's brackets (docs/VENUE-RULES.md §1.2). */
export function bracketMaintenance(rows: readonly CrowdBracket[] | null, fallbackMmr: number, notional: number): number {
  if (!rows) return notional * fallbackMmr
  for (const r of rows) if (notional <= r.cap) return notional * r.mmr - r.cum
  const last = rows[rows.length - 1]
  return notional * last.mmr - last.cum
}
