// Per-step series (docs/MODEL.md §6), downsampled: one sample every SAMPLE_SECONDS of run time (10 s),
// plus the first and last step and every step with a user event, where a second sample at the same
// time keeps the state just before the user's first event (docs/CASCADE-NOTES.md "Series").
// Prices are the venue's marks; depth is the bid depth within 1% of mid (after maker withdrawal and
// what earlier orders consumed); open interest is the traders' (the crowd's and the user's open
// perpetuals at mark, (long + short) / 2), so liquidations, ADL and re-hedges move it and the
// book, the counterparty and the funds (who stand for the rest of the market) do not; the insurance
// fund is the funds' equity together; a ratio that does not exist (no margin left) is NaN, which
// JSON writes as null.
import type { RunSeries } from '../../model/run'
import type { Market } from '../market'
import type { RunState } from './context'
import type { CrowdBook } from './crowd-book'
import type { EventLog } from './event-log'
import type { InsuranceFunds } from './insurance-funds'
import type { UserAccount, UserFigures } from './user/account'

export interface SeriesDeps {
  readonly market: Market
  readonly funds: InsuranceFunds
  readonly crowd: CrowdBook
  readonly log: EventLog
  readonly state: RunState
  readonly user: UserAccount
  /** False: the run keeps no series (`CascadeInput.series`); samples are not taken. */
  readonly keep?: boolean
}

export const SAMPLE_SECONDS = 10

export class SeriesRecorder {
  private readonly out: RunSeries
  private readonly booked: number[]
  /** Each user position's lights series, in position order (the same arrays as `series.user.adlLights`; ids are unique). */
  private readonly lights: number[][]
  /**
   * Lights of the samples not yet copied into those arrays, one row per sample (lights are whole
   * numbers 0-5): a sample writes one contiguous row instead of one element into each of
   * thousands of arrays; `series` copies them over, position by position.
   */
  private pending: Uint8Array[] = []
  /** Step of the last pre-event sample (-1: none yet). */
  private preSampled = -1
  /** The price and depth columns of `out` by asset index (read every sample). */
  private readonly priceColumns: number[][]
  private readonly depthColumns: number[][]

  constructor(private readonly ctx: SeriesDeps) {
    const m = ctx.market
    this.booked = m.assets.map((_, i) => i).filter((i) => m.hasBook(i))
    this.out = {
      t: [],
      prices: Object.fromEntries(m.assets.map((a) => [a, []])),
      depth: Object.fromEntries(this.booked.map((i) => [m.assets[i], []])),
      insuranceFund: [],
      openInterest: [],
      user: {
        equity: [],
        marginRatio: [],
        effectiveLeverage: [],
        adlLights: Object.fromEntries(ctx.user.positions.map((p) => [p.id, []])),
      },
    }
    this.lights = ctx.user.positions.map((p) => this.out.user.adlLights[p.id])
    this.priceColumns = m.assets.map((a) => this.out.prices[a])
    this.depthColumns = this.booked.map((i) => this.out.depth[m.assets[i]])
  }

  /** The series so far. */
  get series(): RunSeries {
    if (this.pending.length) {
      const rows = this.pending
      this.pending = []
      for (let i = 0; i < this.lights.length; i++) {
        const to = this.lights[i]
        for (const row of rows) to.push(row[i])
      }
    }
    return this.out
  }

  /** True when the step falls on the sampling grid. */
  due(step: number, stepSeconds: number, last: boolean): boolean {
    if (step === 0 || last) return true
    const every = Math.max(1, Math.round(SAMPLE_SECONDS / stepSeconds))
    return step % every === 0
  }

  /** Appends the state now (the loop takes at most one regular and one pre-event sample a step). */
  sample(iso: string, figures: UserFigures): void {
    const ctx = this.ctx
    const m = ctx.market
    const s = this.out
    s.t.push(iso)
    for (let i = 0; i < this.priceColumns.length; i++) this.priceColumns[i].push(m.mark(i))
    for (let k = 0; k < this.booked.length; k++) this.depthColumns[k].push(m.depthAt(this.booked[k], 0.01, 'bid'))
    s.insuranceFund.push(ctx.funds.balance)
    s.openInterest.push(this.openInterest())
    s.user.equity.push(figures.equity)
    s.user.marginRatio.push(Number.isFinite(figures.marginRatio) ? figures.marginRatio : Number.NaN)
    s.user.effectiveLeverage.push(Number.isFinite(figures.effectiveLeverage) ? figures.effectiveLeverage : Number.NaN)
    const positions = ctx.user.positions
    if (positions.length) {
      const row = new Uint8Array(positions.length)
      for (let i = 0; i < positions.length; i++) row[i] = positions[i].open ? positions[i].lights : 0
      this.pending.push(row)
    }
  }

  /**
   * Called before the user's first event of a step: a sample of the state just before it (at most
   * one a step).
   */
  beforeUserEvent(): void {
    if (this.preSampled === this.ctx.state.step || this.ctx.keep === false) return
    this.preSampled = this.ctx.state.step
    this.sample(this.ctx.log.t, this.ctx.user.measure())
  }

  /** The traders' open interest at mark, (long + short) / 2, USD: the crowd's and the user's. */
  private openInterest(): number {
    const ctx = this.ctx
    const m = ctx.market
    let oi = ctx.crowd.openInterest((a) => m.mark(a))
    for (const p of ctx.user.positions) if (p.open) oi += (p.qty / 2) * m.mark(p.asset)
    return oi
  }
}
