// One asset's book around its exogenous reference price (docs/MODEL.md §3). State: `delta`, the
// relative displacement of the mid from the reference (mid = reference x (1 + delta)), which
// the endogenous flow creates and resilience removes.
//
// The two depth curves are anchored at the reference, so the depth between the reference and
// the current mid is what earlier orders consumed: a second sale continues down the same curve
// (liquidity taken is gone), a buy retraces it (sell Q then buy Q returns the mid exactly), and
// resilience gives it back as the displacement decays. Maker withdrawal scales both curves by a
// multiplier at the moment of each order.
import { BandedNearBook, DepthCurveSide, SqrtNearBook } from './depth-curve'

/** How the book is described in a market spec (numbers already parsed). */
export type BookModel =
  | { kind: 'bands'; distances: number[]; depths: number[]; farBookDensity: number }
  | { kind: 'sqrt'; sigma: number; dailyVolume: number; y: number }

export interface Walk {
  /** Base units traded. */
  qty: number
  /** USD exchanged. */
  usd: number
  deltaBefore: number
  deltaAfter: number
}

export class Book {
  private delta = 0
  readonly bid: DepthCurveSide
  readonly ask: DepthCurveSide

  constructor(
    model: BookModel,
    /** Seconds for the displacement (in log-price) to halve; Infinity = permanent impact. */
    readonly halfLifeSeconds: number,
  ) {
    if (!(halfLifeSeconds > 0)) throw new RangeError('resilience half-life must be positive')
    if (model.kind === 'bands') {
      const near = new BandedNearBook(model.distances, model.depths)
      // Why: beyond the outermost band the scenario says nothing; a venue's far book holds stray
      // stink bids, so keep a fraction of the banded book's mean density (D_edge / x_edge) per
      // unit of log-distance (docs/SIMULATION-NOTES.md, "Far book").
      const far = model.farBookDensity * (near.edgeDepth / near.edge)
      this.bid = new DepthCurveSide(near, -1, far)
      this.ask = new DepthCurveSide(near, 1, far)
    } else {
      const near = new SqrtNearBook(model.sigma, model.dailyVolume, model.y)
      // Continue the square-root book's own density past its edge: dD/du = dD/dx x dx/du.
      const edge = SqrtNearBook.EDGE
      this.bid = new DepthCurveSide(near, -1, near.edgeDensity() * (1 - edge))
      this.ask = new DepthCurveSide(near, 1, near.edgeDensity() * (1 + edge))
    }
  }

  /** Mid relative to the reference, minus one. */
  get displacement(): number {
    return this.delta
  }

  /** Signed cumulative depth at displacement d: negative below the reference. */
  private cumulative(d: number): number {
    return d >= 0 ? this.ask.depth(d) : -this.bid.depth(-d)
  }

  /** Sells `usdAtReference` (= qty x reference) into the bids at depth multiplier `m`. */
  sell(usdAtReference: number, reference: number, m: number): Walk {
    const before = this.delta
    let rest = usdAtReference / m
    let value = 0
    let d = before
    if (d > 0) {
      // Mid above the reference after buys: first walk back down what the buys consumed.
      const available = this.ask.depth(d)
      const back = this.ask.walkIn(d, Math.min(rest, available))
      value += back.value
      rest -= Math.min(rest, available)
      d = back.x
    }
    if (rest > 0 || d <= 0) {
      const out = this.bid.walkOut(-Math.min(d, 0), rest)
      value += out.value
      d = -out.x
    }
    this.delta = d
    return { qty: usdAtReference / reference, usd: value * m, deltaBefore: before, deltaAfter: d }
  }

  /** Buys `usdAtReference` (= qty x reference) from the asks at depth multiplier `m`. */
  buy(usdAtReference: number, reference: number, m: number): Walk {
    const before = this.delta
    let rest = usdAtReference / m
    let value = 0
    let d = before
    if (d < 0) {
      const available = this.bid.depth(-d)
      const back = this.bid.walkIn(-d, Math.min(rest, available))
      value += back.value
      rest -= Math.min(rest, available)
      d = -back.x
    }
    if (rest > 0 || d >= 0) {
      const out = this.ask.walkOut(Math.max(d, 0), rest)
      value += out.value
      d = out.x
    }
    this.delta = d
    return { qty: usdAtReference / reference, usd: value * m, deltaBefore: before, deltaAfter: d }
  }

  /**
   * Resilience: the displacement decays toward the reference with the half-life, in log-price so
   * that a 50% drop and a 100% rise (the same log move) heal at the same pace.
   */
  decay(seconds: number): void {
    if (this.delta === 0 || seconds <= 0 || this.halfLifeSeconds === Infinity) return
    // A run's steps are equal: the factor for the last step length is the one asked for again.
    if (seconds !== this.decaySeconds) {
      this.decaySeconds = seconds
      this.decayFactor = Math.pow(2, -seconds / this.halfLifeSeconds)
    }
    this.delta = Math.expm1(Math.log1p(this.delta) * this.decayFactor)
  }

  /** `2^(-seconds / halfLife)` for the last step length `decay` was given. */
  private decaySeconds = Number.NaN
  private decayFactor = 1

  /** The last `depthWithin` before the multiplier: the same distance, side and displacement give the same curve difference. */
  private lastDepth = { x: Number.NaN, side: 'bid' as 'bid' | 'ask', delta: Number.NaN, span: 0 }

  /** USD resting on one side within relative distance x of the current mid, at multiplier m. */
  depthWithin(x: number, side: 'bid' | 'ask', m: number): number {
    if (!(x > 0)) return 0
    const d = this.delta
    // The series asks for the same band every sample while the book is still (a quiet step).
    const last = this.lastDepth
    if (last.x === x && last.side === side && last.delta === d) return m * last.span
    let span: number
    if (side === 'bid') {
      const low = Math.max((1 + d) * (1 - Math.min(x, 1)) - 1, -1)
      span = this.cumulative(d) - this.cumulative(low)
    } else {
      const high = (1 + d) * (1 + x) - 1
      span = this.cumulative(high) - this.cumulative(d)
    }
    last.x = x
    last.side = side
    last.delta = d
    last.span = span
    return m * span
  }

  reset(): void {
    this.delta = 0
  }

  /**
   * Puts the displacement back to a value read from `displacement`: lets a caller price an order
   * without keeping its impact (`Market.peek`, used by the liquidation waterfall to size what the
   * insurance fund can afford before it trades).
   */
  restore(delta: number): void {
    if (!(delta > -1) || !Number.isFinite(delta)) throw new RangeError(`displacement must be finite and above -1, got ${delta}`)
    this.delta = delta
  }
}
