// The user's account kept incrementally, like the crowd's liquidation indexes: per group of
// positions on one market asset with one quote asset, the sums that make its uPnL and maintenance
// margin linear in the mark, so a look at the account costs work per group, not per position:
//   uPnL = net x mark - netEntry                 (net = sum of sign x qty, netEntry = sum of sign x Q x EP)
//   MM   = mark x slope - cum                    (slope = sum of qty x mmr, cum = sum of cum, each of
//                                                 the position's bracket at the mark)
// A position's bracket changes when its notional crosses a cap, at the mark cap / qty: every such
// price of the group is kept sorted with a cursor at the mark (the prices below it are crossed),
// and moving the mark moves the cursor over what it crossed, updating `slope` and `cum` by the
// position's step. A group whose positions changed (closed, partly closed) is rebuilt when next
// read. Work per look: the groups plus the brackets crossed since the last.
//
// These sums are taken in another order than `UserAccount.measure` takes them (position by
// position), so they differ from it by float64 rounding; each comes with a bound on that
// difference (`UserFiguresBound`), and `UserMargin.check` only trusts a decision the bound
// certifies, else it measures the account whole. The run's bytes are therefore those of the
// account measured whole at every round (tests/shared/engine/cascade/incremental-account.test.ts).
import { maintenanceMarginF, type FloatBracket } from '../mirrors'

/** What the sums read of a user position (account.ts `UserPosition`; no import of it, no cycle). */
export interface UserPosition {
  readonly asset: number
  readonly quote: string
  readonly sign: 1 | -1
  readonly rows: FloatBracket[]
  qty: number
  entryNotional: number
  open: boolean
}

const U = Number.EPSILON / 2
/** Relative distance of the mark from a cap's price within which a position may sit in either bracket. */
const NEAR = 1e-12

/** A price at which one position moves from bracket `level` to `level + 1` (its notional crosses the cap). */
interface Boundary {
  price: number
  /** slope and cum added when the mark rises past it (removed when it falls back). */
  dSlope: number
  dCum: number
  /** |MM difference between the two brackets at the cap|: what being on the wrong side near it costs, at most. */
  jump: number
  /** Whose cap it is: a closed position's caps are passed over. */
  position: UserPosition
}

export class PositionGroup {
  readonly positions: UserPosition[] = []
  /** Net quantity and entry kept at every close (`AccountAggregates.heldUpnl`); set once the group is filled. */
  held!: HeldSums
  dirty = true
  net = 0
  netEntry = 0
  /** Sums of qty, of Q x EP and of |cum| at the last rebuild (the scales of the rounding; closing a position leaves them). */
  gross = 0
  absEntry = 0
  slope = 0
  cum = 0
  absCum = 0
  /** Rounding accumulated since the last rebuild: MM (USD), net (units), netEntry (USD). */
  drift = 0
  netDrift = 0
  entryDrift = 0
  /** Open positions at the last rebuild, and taken out since. */
  private built = 0
  private removed = 0
  /** Taken out of the sums since the last rebuild (their caps are passed over). */
  private readonly gone = new Set<UserPosition>()
  /** Partly closed since the last rebuild: summed one by one at each read (`moveTo`). */
  private readonly loose = new Set<UserPosition>()
  /** The loose positions' uPnL and MM at the last `moveTo`, and their scales. */
  looseUpnl = 0
  looseMm = 0
  looseScale = 0
  looseMmScale = 0
  private boundaries: Boundary[] = []
  /** Boundaries [0, cursor) are below the mark the sums were taken at. */
  private cursor = 0
  private at = Number.NaN

  constructor(
    readonly asset: number,
    readonly quote: string,
  ) {}

  /** Recomputes every sum from the open positions at `mark`. */
  rebuild(mark: number): void {
    this.net = 0
    this.netEntry = 0
    this.gross = 0
    this.absEntry = 0
    this.slope = 0
    this.cum = 0
    this.absCum = 0
    this.drift = 0
    this.netDrift = 0
    this.entryDrift = 0
    this.built = 0
    this.removed = 0
    this.gone.clear()
    this.loose.clear()
    this.looseUpnl = 0
    this.looseMm = 0
    this.looseScale = 0
    this.looseMmScale = 0
    const bounds: Boundary[] = []
    for (const p of this.positions) {
      if (!p.open) continue
      this.built++
      this.net += p.sign * p.qty
      this.netEntry += p.sign * p.entryNotional
      this.gross += p.qty
      this.absEntry += p.entryNotional
      for (let i = 0; i + 1 < p.rows.length; i++) {
        const a = p.rows[i]
        const b = p.rows[i + 1]
        if (!Number.isFinite(a.cap)) break
        bounds.push({ price: a.cap / p.qty, dSlope: p.qty * (b.mmr - a.mmr), dCum: b.cum - a.cum, jump: Math.abs(a.cap * (b.mmr - a.mmr) - (b.cum - a.cum)), position: p })
      }
    }
    bounds.sort((x, y) => x.price - y.price)
    this.boundaries = bounds
    // Each position at the bracket the cursor places it in (its caps' prices below the mark), so
    // moving the cursor later steps from where it is; near a cap this may differ from
    // `maintenanceMarginF`'s choice, which `nearJump` bounds.
    for (const p of this.positions) {
      if (!p.open) continue
      const rows = p.rows
      let level = 0
      while (level + 1 < rows.length && Number.isFinite(rows[level].cap) && rows[level].cap / p.qty < mark) level++
      const r = rows[level]
      this.slope += p.qty * r.mmr
      this.cum += r.cum
      this.absCum += Math.abs(r.cum)
    }
    let c = 0
    while (c < bounds.length && bounds[c].price < mark) c++
    this.cursor = c
    this.at = mark
    this.dirty = false
  }

  /** Moves the sums to `mark`: the brackets crossed since the last mark. */
  moveTo(mark: number): void {
    if (this.dirty) this.rebuild(mark)
    else this.moveCursor(mark)
    this.looseUpnl = 0
    this.looseMm = 0
    this.looseScale = 0
    this.looseMmScale = 0
    for (const p of this.loose) {
      if (!p.open) continue
      this.looseUpnl += p.sign * (p.qty * mark - p.entryNotional)
      this.looseScale += p.qty * mark + p.entryNotional
      const m = maintenanceMarginF(p.rows, p.qty * mark)
      this.looseMm += m
      this.looseMmScale += Math.abs(m) + 4 * p.qty * mark
    }
  }

  private moveCursor(mark: number): void {
    if (mark === this.at) return
    const b = this.boundaries
    let c = this.cursor
    const scale = Math.max(mark, this.at)
    while (c < b.length && b[c].price < mark) {
      this.step(b[c], 1, scale)
      c++
    }
    while (c > 0 && b[c - 1].price >= mark) {
      c--
      this.step(b[c], -1, scale)
    }
    this.cursor = c
    this.at = mark
    // Rounding grows with every step: past a millionth of the sums' scale, start afresh.
    if (this.drift > 1e-6 * (this.slope * mark + this.absCum)) this.rebuild(mark)
  }

  /**
   * Takes an open position out of the sums before `closePosition` changes it: at once when it
   * closes whole (its caps are passed over from then on), by a rebuild when it stays open with less.
   */
  remove(p: UserPosition, closesWhole: boolean): void {
    if (this.dirty) return
    if (this.gone.has(p)) {
      // Already loose: summed one by one; once closed it is passed over there too.
      if (closesWhole) this.loose.delete(p)
      return
    }
    if (++this.removed * 2 > this.built) {
      this.dirty = true
      return
    }
    this.gone.add(p)
    if (!closesWhole) this.loose.add(p)
    const rows = p.rows
    let level = 0
    while (level + 1 < rows.length && Number.isFinite(rows[level].cap) && rows[level].cap / p.qty < this.at) level++
    const r = rows[level]
    this.net -= p.sign * p.qty
    this.netEntry -= p.sign * p.entryNotional
    this.netDrift += 2 * U * (Math.abs(this.net) + p.qty)
    this.entryDrift += 2 * U * (Math.abs(this.netEntry) + p.entryNotional)
    this.slope -= p.qty * r.mmr
    this.cum -= r.cum
    this.drift += 4 * U * ((Math.abs(this.slope) + p.qty * r.mmr) * this.at + Math.abs(this.cum) + Math.abs(r.cum))
  }

  private step(x: Boundary, dir: 1 | -1, mark: number): void {
    if (this.gone.has(x.position)) return
    this.slope += dir * x.dSlope
    this.cum += dir * x.dCum
    // A scale for the bound only: it may grow, never shrink below the sum of |cum|.
    this.absCum += Math.abs(x.dCum)
    this.drift += 4 * U * ((Math.abs(this.slope) + Math.abs(x.dSlope)) * mark + Math.abs(this.cum) + Math.abs(x.dCum) + this.absCum)
  }

  /** What may be misplaced near the mark: positions whose cap sits within NEAR of it. */
  nearJump(mark: number): number {
    const b = this.boundaries
    let out = 0
    for (let c = this.cursor; c < b.length && b[c].price <= mark * (1 + NEAR); c++) out += b[c].jump + NEAR * b[c].price * Math.abs(b[c].dSlope)
    for (let c = this.cursor - 1; c >= 0 && b[c].price >= mark * (1 - NEAR); c--) out += b[c].jump + NEAR * b[c].price * Math.abs(b[c].dSlope)
    return out
  }
}

/** uPnL and MM of every open position from the groups, each with a bound on its distance from the position-by-position sums. */
export interface PositionSums {
  upnl: number
  upnlError: number
  mm: number
  mmError: number
  /** uPnL per quote asset (portfolio margin adds it to that asset's units), with its bound; null unless asked for. */
  upnlByQuote: Map<string, { upnl: number; error: number }> | null
}

/**
 * Sum of sign x qty and of sign x entry notional of a group's open positions, kept at every close
 * and nowhere else, so its value depends only on the run's closes (never on when the account was
 * looked at, unlike `PositionGroup`'s sums, which rebuild when read). Summed afresh, in position
 * order, once as many closes as positions have gone by: the rounding stays that of a few sums.
 */
class HeldSums {
  qty = 0
  entry = 0
  private closes = 0

  constructor(private readonly positions: readonly UserPosition[]) {
    this.resum()
  }

  closed(p: UserPosition, qty: number, entry: number): void {
    if (++this.closes > this.positions.length) this.resum()
    else {
      this.qty -= p.sign * qty
      this.entry -= p.sign * entry
    }
  }

  private resum(): void {
    this.qty = 0
    this.entry = 0
    this.closes = 0
    for (const p of this.positions) {
      if (!p.open) continue
      this.qty += p.sign * p.qty
      this.entry += p.sign * p.entryNotional
    }
  }
}

export class AccountAggregates {
  readonly groups: PositionGroup[] = []
  private readonly byPosition = new Map<UserPosition, PositionGroup>()
  /** Open positions (`closePosition` keeps it). */
  open = 0

  constructor(positions: readonly UserPosition[]) {
    const keyed = new Map<string, PositionGroup>()
    for (const p of positions) {
      const key = `${p.asset}\u0000${p.quote}`
      let g = keyed.get(key)
      if (!g) {
        g = new PositionGroup(p.asset, p.quote)
        keyed.set(key, g)
        this.groups.push(g)
      }
      g.positions.push(p)
      this.byPosition.set(p, g)
      if (p.open) this.open++
    }
    for (const g of this.groups) g.held = new HeldSums(g.positions)
  }

  /** Called by `closePosition` before it closes `q` of `p` (all of it when `closesWhole`). */
  closing(p: UserPosition, closesWhole: boolean): void {
    if (!p.open) return
    ;(this.byPosition.get(p) as PositionGroup).remove(p, closesWhole)
    if (closesWhole) this.open--
  }

  /** Called by `closePosition` after it took `qty` and `entry` (notional at entry) off `p`. */
  closed(p: UserPosition, qty: number, entry: number): void {
    ;(this.byPosition.get(p) as PositionGroup).held.closed(p, qty, entry)
  }

  /**
   * The open positions' uPnL at the marks `markOf(asset)`, per group net x mark - net entry from
   * sums kept at every close: within rounding of the position-by-position sum, in work per group,
   * and the same number whoever looked at the account before.
   */
  heldUpnl(markOf: (asset: number) => number): number {
    let upnl = 0
    for (const g of this.groups) upnl += g.held.qty * markOf(g.asset) - g.held.entry
    return upnl
  }

  /** The sums at the marks `markOf(asset)`, with their bounds. */
  sums(markOf: (asset: number) => number, positions: number, perQuote = false): PositionSums {
    let upnl = 0
    let mm = 0
    let upnlScale = 0
    let mmScale = 0
    let near = 0
    let drift = 0
    let upnlDrift = 0
    // Only portfolio margin reads the per-quote sums: a cross look (every step) makes no map.
    const byQuote = perQuote ? new Map<string, { upnl: number; error: number }>() : null
    // Either way of summing n terms is within (n + 2) x u of their absolute sum; 4x for both ways
    // and the products.
    const k = 4 * (positions + 8) * U
    for (const g of this.groups) {
      const mark = markOf(g.asset)
      g.moveTo(mark)
      const gu = g.net * mark - g.netEntry + g.looseUpnl
      const gScale = g.gross * mark + g.absEntry + g.looseScale
      const gDrift = g.netDrift * mark + g.entryDrift
      upnl += gu
      upnlScale += gScale
      upnlDrift += gDrift
      mm += mark * g.slope - g.cum + g.looseMm
      mmScale += g.slope * mark + g.absCum + g.looseMmScale
      drift += g.drift
      near += g.nearJump(mark)
      if (byQuote) {
        let q = byQuote.get(g.quote)
        if (!q) byQuote.set(g.quote, (q = { upnl: 0, error: 0 }))
        q.upnl += gu
        q.error += k * gScale + gDrift
      }
    }
    return { upnl, upnlError: k * upnlScale + upnlDrift, mm, mmError: k * mmScale + drift + near, upnlByQuote: byQuote }
  }
}
