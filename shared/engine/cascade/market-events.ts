// The market's own events (docs/MODEL.md §6 kinds `shock`, `depth`, `depeg`, `circuit-breaker`) and,
// per asset, the latest of them: the "drivers" that crowd and user events cite as causes.
//
// Exogenous paths are cut at their points: a `shock` event opens each segment of a shock path
// ("BTC -5% -> -8% by 21:10"), a `depth` event each segment of a maker-withdrawal schedule, a
// `depeg` event each segment of a depeg path. The venue's own depeg (a pegged asset's mark below
// its peg value, made by forced sales into its thin book) adds a `depeg` event when it first passes
// 2%, 5%, 10%, 25%, 50% and 75%. A circuit breaker's trip is a `circuit-breaker` event, and so are
// the start and the end of a scheduled venue outage (scenario `outages`).
import type { Market } from '../market'
import { secondsAt, type TimeGrid } from '../market/time-grid'
import type { PathPoint, Scenario } from '../../model/scenario'
import type { EventLog } from './event-log'
import { plain, price as fmtPrice } from './format'

interface Scheduled {
  at: number
  order: number
  emit: (log: EventLog) => number
  /** Asset indexes whose driver this event becomes, and which driver. */
  assets: number[]
  driver: 'shock' | 'depth' | 'depeg' | 'breaker'
}

const DEPEG_LEVELS = [0.02, 0.05, 0.1, 0.25, 0.5, 0.75]

const pct = (v: number) => `${plain(v * 100, 4)}%`

export class MarketEvents {
  private readonly schedule: Scheduled[] = []
  private next = 0
  readonly shock: Int32Array
  readonly depth: Int32Array
  readonly depeg: Int32Array
  readonly breaker: Int32Array
  private readonly depegLevel: Int32Array
  private readonly haltsSeen: Int32Array
  private readonly pegged: boolean[]

  constructor(
    private readonly scenario: Scenario,
    private readonly market: Market,
    private readonly grid: TimeGrid,
  ) {
    const n = market.assets.length
    this.shock = new Int32Array(n)
    this.depth = new Int32Array(n)
    this.depeg = new Int32Array(n)
    this.breaker = new Int32Array(n)
    this.depegLevel = new Int32Array(n)
    this.haltsSeen = new Int32Array(n)
    this.pegged = market.assets.map((a) => a in scenario.pegs)
    this.build()
  }

  private segments(points: PathPoint[], anchored: boolean): { from: number; to: number; start: number; end: number; endIso: string }[] {
    const out = []
    let prevT = 0
    let prevV = anchored ? 0 : Number(points[0][1])
    for (let k = anchored ? 0 : 1; k < points.length; k++) {
      const [iso, v] = points[k]
      const end = secondsAt(this.grid, iso)
      const to = Number(v)
      if (anchored || k > 0) {
        const start = anchored ? prevT : secondsAt(this.grid, points[k - 1][0])
        if (to !== prevV) out.push({ from: prevV, to, start, end, endIso: iso })
      }
      prevT = end
      prevV = to
    }
    return out
  }

  private build(): void {
    const s = this.scenario
    const m = this.market
    let order = 0
    for (const shock of s.shocks) {
      const a = m.assetIndex(shock.asset)
      if (a < 0) continue
      const start = Number(s.prices[shock.asset])
      for (const seg of this.segments(shock.path, true)) {
        this.schedule.push({
          at: seg.start,
          order: order++,
          assets: [a],
          driver: 'shock',
          emit: (log) =>
            log.emit('shock', 'market', { asset: shock.asset, price: fmtPrice(start * (1 + seg.to)), amounts: { from: plain(seg.from, 8), to: plain(seg.to, 8) }, note: `${shock.asset} ${pct(seg.from)} -> ${pct(seg.to)} by ${seg.endIso}` }, []),
        })
      }
    }
    // Depth: a per-asset schedule replaces the global one (docs/SIMULATION-NOTES.md §1).
    const own = new Set(Object.keys(s.makerWithdrawalByAsset))
    const booked = m.assets.map((_, i) => i).filter((i) => m.hasBook(i))
    const withdrawal = (points: PathPoint[], assets: number[], label: string | undefined) => {
      if (points.length < 2 || assets.length === 0) return
      for (const seg of this.segments(points, false)) {
        this.schedule.push({
          at: seg.start,
          order: order++,
          assets,
          driver: 'depth',
          emit: (log) =>
            log.emit('depth', 'market', { ...(label ? { asset: label } : {}), amounts: { from: plain(seg.from, 8), to: plain(seg.to, 8) }, note: `${label ?? 'all books'}: depth x${plain(seg.from, 4)} -> x${plain(seg.to, 4)} by ${seg.endIso}` }, []),
        })
      }
    }
    withdrawal(s.makerWithdrawal, booked.filter((i) => !own.has(m.assets[i])), undefined)
    for (const name of Object.keys(s.makerWithdrawalByAsset).sort()) {
      const a = m.assetIndex(name)
      if (a >= 0 && m.hasBook(a)) withdrawal(s.makerWithdrawalByAsset[name], [a], name)
    }
    for (const d of s.depegs) {
      const a = m.assetIndex(d.asset)
      if (a < 0) continue
      for (const seg of this.segments(d.path, true)) {
        this.schedule.push({
          at: seg.start,
          order: order++,
          assets: [a],
          driver: 'depeg',
          emit: (log) =>
            log.emit('depeg', 'market', { asset: d.asset, amounts: { from: plain(seg.from, 8), to: plain(seg.to, 8) }, note: `${d.asset} ${d.scope} depeg ${pct(seg.from)} -> ${pct(seg.to)} by ${seg.endIso}` }, []),
        })
      }
    }
    for (const o of s.outages ?? []) {
      const all = m.assets.map((_, i) => i)
      const edge = (at: string, note: string) =>
        this.schedule.push({ at: secondsAt(this.grid, at), order: order++, assets: all, driver: 'breaker', emit: (log) => log.emit('circuit-breaker', 'market', { note }, []) })
      edge(o.from, `venue outage until ${o.to}: no order matches (${o.note})`)
      edge(o.to, `venue back after the outage since ${o.from}`)
    }
    this.schedule.sort((a, b) => a.at - b.at || a.order - b.order)
  }

  /** Emits the segments that start by `t` (seconds since start). */
  emitScheduled(t: number, log: EventLog): void {
    while (this.next < this.schedule.length && this.schedule[this.next].at <= t + 1e-9) {
      const ev = this.schedule[this.next++]
      const id = ev.emit(log)
      const column = this[ev.driver]
      for (const a of ev.assets) column[a] = id
    }
  }

  /** Endogenous depeg thresholds and circuit-breaker trips since the last call. */
  observe(log: EventLog): void {
    const m = this.market
    for (let a = 0; a < m.assets.length; a++) {
      if (this.pegged[a]) {
        const d = m.depeg(a)
        let level = this.depegLevel[a]
        while (level < DEPEG_LEVELS.length && d >= DEPEG_LEVELS[level]) level++
        if (level > this.depegLevel[a]) {
          this.depegLevel[a] = level
          this.depeg[a] = log.emit(
            'depeg',
            'market',
            { asset: m.assets[a], price: fmtPrice(m.mark(a)), amounts: { depeg: plain(d, 6) }, note: `${m.assets[a]} trades ${pct(d)} below its peg on the venue's book` },
            [this.depeg[a], this.shock[a], this.depth[a]],
          )
        }
      }
      const trips = m.haltTimes(a)
      while (this.haltsSeen[a] < trips.length) {
        this.haltsSeen[a]++
        this.breaker[a] = log.emit('circuit-breaker', 'market', { asset: m.assets[a], price: fmtPrice(m.mark(a)), note: `${m.assets[a]}: matching halted` }, [this.shock[a], this.depth[a], this.depeg[a]])
      }
    }
  }

  /** The events that explain an asset's price now: latest shock, depth, depeg, breaker (0 = none). */
  drivers(a: number): number[] {
    return [this.depeg[a], this.shock[a], this.depth[a], this.breaker[a]]
  }
}
