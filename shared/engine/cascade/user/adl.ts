// The user's positions in the ADL queues (docs/CASCADE-NOTES.md "ADL"): their score by the venue's
// method (the inputs metrics-report.ts `rankAdl` uses: isolated positions on their own margin, the
// others on the account's figures), membership of a queue (open and in profit), the lights each
// shows, and the `adl` event of a position the waterfall deleveraged, with the profit it lost
// against the mark. This is what the waterfall sees of the user besides the account's positions.
import { LIGHTS_SECONDS, type AdlMatch, type AdlQueues, type SpecialMember } from '../adl-queue'
import type { RunState } from '../context'
import type { EventLog } from '../event-log'
import { plain, price as fmtPrice, qty as fmtQty, usd } from '../format'
import type { Market } from '../../market'
import { adlScoreF, maintenanceMarginF } from '../mirrors'
import type { RunRules } from '../rules'
import type { SeriesRecorder } from '../series-recorder'
import type { UserAccount, UserFigures, UserPosition } from './account'

export interface UserAdlDeps {
  readonly user: UserAccount
  readonly adl: AdlQueues
  readonly log: EventLog
  readonly market: Market
  readonly rules: RunRules
  readonly state: RunState
  /** Takes the sample just before the user's first event of a step. */
  readonly series: Pick<SeriesRecorder, 'beforeUserEvent'>
}

/** The account's figures a cross or portfolio position is ranked on. */
export interface ScoreInputs {
  wb: number
  marginBalance: number
  mm: number
}

export class UserAdl {
  /**
   * At most the `lightsAt` of every open position (they only grow, and positions only close), so
   * a lower bound that `updateLights` may keep between its scans.
   */
  private oldestLights = Number.NEGATIVE_INFINITY

  constructor(private readonly ctx: UserAdlDeps) {}

  /** The method's score of a user position (metrics-report.ts `rankAdl` inputs, float). */
  score(p: UserPosition, fig?: ScoreInputs): number {
    const u = this.ctx.user
    if (!p.open) return Number.NaN
    const mark = u.markOf(p)
    const pnl = u.upnl(p, mark)
    if (p.isolatedMargin !== null) {
      const m = maintenanceMarginF(p.rows, p.qty * mark)
      return adlScoreF(this.ctx.rules.adlMethod, p.sign, p.qty, p.entryNotional / p.qty, mark, pnl, p.isolatedMargin, p.isolatedMargin + pnl, m)
    }
    const f = fig ?? this.scoreInputs()
    return adlScoreF(this.ctx.rules.adlMethod, p.sign, p.qty, p.entryNotional / p.qty, mark, pnl, f.wb, f.marginBalance, f.mm)
  }

  private scoreInputs(): ScoreInputs {
    const f = this.ctx.user.measure()
    return { wb: f.walletBalance, marginBalance: f.exchangeEquity, mm: f.maintenanceMargin }
  }

  /**
   * Per user position: its score when the queue's ranking was last built (`rankedAt`), kept until
   * the ranking is rebuilt. Why: the crowd's members keep their place in a ranking until it is
   * rebuilt (every 30 s, adl-queue.ts), so the user's position does too; scoring it afresh at
   * every match instead made how much of it a burst of ADL closed depend on how finely the
   * bankrupt quantity arrived (a cross position's score falls as it is closed, so many small
   * remainders closed less of it than a few large ones: docs/CASCADE-NOTES.md "ADL").
   */
  private readonly ranked = new Map<number, { rankedAt: number; score: number }>()

  /**
   * Open user positions on (asset, side) in profit: members of that ADL queue, each with its score
   * as of `rankedAt` (the queue's ranking time; scored now when it has none for that time).
   */
  members(asset: number, side: number, rankedAt = this.ctx.state.t): SpecialMember[] {
    const u = this.ctx.user
    const t = this.ctx.state.t
    const out: SpecialMember[] = []
    let inputs: ScoreInputs | null = null
    const picked: { p: UserPosition; k: number; score: number }[] = []
    u.positions.forEach((p, k) => {
      if (!p.open || p.asset !== asset || p.sign !== side) return
      if (!(u.upnl(p) > 0)) return
      const kept = this.ranked.get(k)
      let score: number
      if (kept && kept.rankedAt === rankedAt) score = kept.score
      else {
        inputs ??= this.scoreInputs()
        score = this.score(p, inputs)
        this.ranked.set(k, { rankedAt, score })
      }
      if (Number.isNaN(score)) return
      picked.push({ p, k, score })
    })
    // The lights each shows as ADL reaches it: its percentile now, not at the last refresh (the
    // queue's crowd does not move while they are computed, so all at once).
    const due = picked.filter((m) => m.p.lightsAt !== t)
    const lights = this.ctx.adl.lightsMany(asset, side, due.map((m) => m.score), due.map((m) => m.p.qty), due.map((_, j) => j), false)
    const fresh = new Map(due.map((m, j) => [m.p, lights[j]]))
    for (const { p, k, score } of picked) {
      const l = fresh.get(p)
      if (l !== undefined && p.lightsAt !== t) {
        p.lights = l
        p.lightsAt = t
      }
      // The series keeps that state: a sample just before the user's first event of the step,
      // taken after the first member's lights are set and before the next's.
      this.ctx.series.beforeUserEvent()
      out.push({ kind: 'user', position: k, score, qty: p.qty, lights: p.lights })
    }
    return out
  }

  /**
   * Lights of every open position in its queue (series, ADL events), refreshed every 10 s of run
   * time with the series (Binance publishes `adlQuantile` every 30 s); 0 for a position that is
   * closed or not in profit. Each queue's positions are ranked together (`AdlQueues.lightsMany`).
   * `figures`: the account's `measure()` now, when the caller has it.
   */
  updateLights(figures?: UserFigures): void {
    const u = this.ctx.user
    const positions = u.positions
    const n = positions.length
    if (n === 0) return
    const t = this.ctx.state.t
    // Called every step: while even the oldest refresh is fresh, none is due (the same test as
    // below, and float subtraction is monotone, so it decides as the scan would).
    if (t - this.oldestLights < LIGHTS_SECONDS) return
    let stale = false
    let oldest = Infinity
    for (let k = 0; k < n; k++) {
      const p = positions[k]
      if (!p.open) continue
      if (p.lightsAt < oldest) oldest = p.lightsAt
      if (!(t - p.lightsAt < LIGHTS_SECONDS)) stale = true
    }
    if (!stale) {
      this.oldestLights = oldest
      return
    }
    // After the refresh every position looked at has lightsAt = t; the others keep theirs.
    this.oldestLights = Math.min(oldest, t)
    // Refreshed now: every position closed or not looked at for LIGHTS_SECONDS (lightsAt = t,
    // lights 0 until ranked; a position refreshed earlier in this step is left as it is). A queue
    // is ranked only when one of those is open and in profit: the others show 0 whatever the queue.
    const due = new Uint8Array(n)
    let inProfit = false
    for (let k = 0; k < n; k++) {
      const p = positions[k]
      if (p.open && t - p.lightsAt < LIGHTS_SECONDS) continue
      p.lightsAt = t
      p.lights = 0
      due[k] = 1
      if (p.open && u.upnl(p) > 0) inProfit = true
    }
    if (!inProfit) return
    const inputs = figures ? { wb: figures.walletBalance, marginBalance: figures.exchangeEquity, mm: figures.maintenanceMargin } : this.scoreInputs()
    // Per queue (asset, side), in order of its first open position: its open positions in position
    // order (scored: they are each other's `others`), and the due ones in profit as targets.
    const queues = new Map<number, number[]>()
    for (let k = 0; k < n; k++) {
      const p = positions[k]
      if (!p.open) continue
      const key = p.asset * 2 + (p.sign > 0 ? 0 : 1)
      const list = queues.get(key)
      if (list) list.push(k)
      else queues.set(key, [k])
    }
    for (const ks of queues.values()) {
      let live = false
      for (let i = 0; i < ks.length && !live; i++) live = due[ks[i]] === 1 && u.upnl(positions[ks[i]]) > 0
      if (!live) continue
      const scores = new Float64Array(ks.length)
      const qtys = new Float64Array(ks.length)
      const targets: number[] = []
      for (let i = 0; i < ks.length; i++) {
        const p = positions[ks[i]]
        const score = this.score(p, inputs)
        if (due[ks[i]] === 1 && u.upnl(p) > 0 && !Number.isNaN(score)) targets.push(i)
        scores[i] = score
        qtys[i] = p.qty
      }
      const p0 = positions[ks[0]]
      const lights = this.ctx.adl.lightsMany(p0.asset, p0.sign, scores, qtys, targets, true)
      for (let i = 0; i < targets.length; i++) positions[ks[targets[i]]].lights = lights[i]
    }
  }

  /** The ADL event of a user position (the match is already booked by the waterfall). */
  record(mt: AdlMatch, price: number, mark: number, causes: number[]): number {
    const u = this.ctx.user
    const member = mt.special as SpecialMember
    const p = u.positions[member.position]
    const lost = p.sign * mt.qty * (mark - price)
    u.profitLostToAdl += lost
    const lightsBefore = member.lights
    const id = this.ctx.log.emit(
      'adl',
      'user',
      {
        position: p.id,
        symbol: p.symbol,
        asset: this.ctx.market.assets[p.asset],
        side: p.side,
        qty: fmtQty(mt.qty),
        price: fmtPrice(price),
        slippage: plain(Math.abs(price / mark - 1), 6),
        amounts: { profitLost: usd(lost), mark: fmtPrice(mark), lights: String(lightsBefore), score: plain(member.score, 8) },
        note: `${p.id} closed by auto-deleveraging against a bankrupt ${p.sign > 0 ? 'short' : 'long'}`,
      },
      causes,
    )
    u.adlEvents.push(id)
    u.adlRecords.push({ eventId: id, t: this.ctx.log.t, position: p.id, qty: mt.qty, price, profitLost: lost })
    return id
  }
}
