// One side of a book as a cumulative depth curve (docs/MODEL.md §3): `depth(x)` = USD resting within
// relative distance x of the reference price, at full depth (maker withdrawal multiplies it
// elsewhere). A curve is a "near book" (the scenario's bands, or the square-root law) plus a
// sparse "far book" beyond its edge, laid out in log-price so that a sale of any size ends at a
// positive price and a buy at a finite one: the walk never runs off the end (docs/VENUE-RULES.md §5.1,
// "model must cap/extend with sparse far book").
//
// Depth is valued at the reference price (USD = base qty x reference), so walking Q USD of depth
// trades Q / reference base units; the USD that changes hands is the integral of the price factor
// (1 - x for bids, 1 + x for asks) over the depth walked: the depth-weighted average price.

/** The region of the curve that the scenario describes; it ends at `edge` with `edgeDepth` USD. */
export interface NearBook {
  readonly edge: number
  readonly edgeDepth: number
  /** USD within x of the reference, for 0 <= x <= edge. */
  depth(x: number): number
  /** Inverse of `depth` on [0, edgeDepth]. */
  distanceAt(usd: number): number
  /** Integral of (1 + sign x) dD from a to b (a <= b <= edge): USD traded walking that stretch. */
  valueBetween(a: number, b: number, sign: 1 | -1): number
  /** dD/dx at the edge, from inside. */
  edgeDensity(): number
}

/**
 * Near book from the scenario's bands: piecewise-linear through (0, 0) and each (x_i, D_i),
 * e.g. ±1% / ±2% / ±5% figures. Linear depth between bands means uniform density within a band,
 * the "linear book" of docs/VENUE-RULES.md §5.1: a Q-USD order in the first band moves the mid x1 x Q / D1.
 */
export class BandedNearBook implements NearBook {
  readonly edge: number
  readonly edgeDepth: number
  private readonly xs: Float64Array
  private readonly ds: Float64Array

  constructor(distances: readonly number[], depths: readonly number[]) {
    if (distances.length === 0 || distances.length !== depths.length) throw new RangeError('bands need matching distances and depths')
    this.xs = Float64Array.from([0, ...distances])
    this.ds = Float64Array.from([0, ...depths])
    for (let i = 1; i < this.xs.length; i++) {
      if (!(this.xs[i] > this.xs[i - 1]) || !(this.ds[i] > this.ds[i - 1])) throw new RangeError('bands must grow in distance and depth')
    }
    this.edge = this.xs[this.xs.length - 1]
    this.edgeDepth = this.ds[this.ds.length - 1]
  }

  private segmentOfDistance(x: number): number {
    let i = 1
    while (i < this.xs.length - 1 && this.xs[i] < x) i++
    return i
  }

  depth(x: number): number {
    const i = this.segmentOfDistance(x)
    const x0 = this.xs[i - 1]
    return this.ds[i - 1] + ((x - x0) * (this.ds[i] - this.ds[i - 1])) / (this.xs[i] - x0)
  }

  distanceAt(usd: number): number {
    let i = 1
    while (i < this.ds.length - 1 && this.ds[i] < usd) i++
    const d0 = this.ds[i - 1]
    return this.xs[i - 1] + ((usd - d0) * (this.xs[i] - this.xs[i - 1])) / (this.ds[i] - d0)
  }

  valueBetween(a: number, b: number, sign: 1 | -1): number {
    let value = 0
    for (let i = this.segmentOfDistance(a); i < this.xs.length && this.xs[i - 1] < b; i++) {
      const lo = Math.max(a, this.xs[i - 1])
      const hi = Math.min(b, this.xs[i])
      if (hi <= lo) continue
      const density = (this.ds[i] - this.ds[i - 1]) / (this.xs[i] - this.xs[i - 1])
      // Uniform density: the average price factor over [lo, hi] is 1 + sign x (lo + hi) / 2.
      value += density * (hi - lo) * (1 + (sign * (lo + hi)) / 2)
    }
    return value
  }

  edgeDensity(): number {
    const n = this.xs.length - 1
    return (this.ds[n] - this.ds[n - 1]) / (this.xs[n] - this.xs[n - 1])
  }
}

/**
 * Near book implied by the square-root law `dP/P = Y x sigma x sqrt(Q / V)` (docs/VENUE-RULES.md §5.1;
 * Donier & Bonart, arXiv:1412.4503): inverting it, the USD that moves the price by x is
 * `D(x) = V x (x / (Y sigma))^2`, a book whose density grows linearly away from mid. Walking it
 * from rest reproduces the law exactly; consecutive orders add up like one metaorder.
 */
export class SqrtNearBook implements NearBook {
  /** Beyond 25% the law is far outside the range it was measured on; the log-price tail takes over. */
  static readonly EDGE = 0.25
  readonly edge = SqrtNearBook.EDGE
  readonly edgeDepth: number
  private readonly k: number

  constructor(sigma: number, dailyVolume: number, y: number) {
    if (!(sigma > 0 && dailyVolume > 0 && y > 0)) throw new RangeError('sqrt impact needs positive sigma, volume and Y')
    this.k = dailyVolume / (y * sigma) ** 2
    this.edgeDepth = this.k * this.edge * this.edge
  }

  depth(x: number): number {
    return this.k * x * x
  }

  distanceAt(usd: number): number {
    return Math.sqrt(usd / this.k)
  }

  valueBetween(a: number, b: number, sign: 1 | -1): number {
    // Integral of (1 + sign x) 2k x dx = k [x^2 + sign (2/3) x^3].
    return this.k * (b * b - a * a + ((sign * 2) / 3) * (b * b * b - a * a * a))
  }

  edgeDensity(): number {
    return 2 * this.k * this.edge
  }
}

/** Prices never leave [reference x 1e-12, reference x 1e12]: the floor and ceiling absorb any excess. */
const MAX_LOG_DISTANCE = Math.log(1e12)

export interface WalkResult {
  /** Distance from the reference where the walk ended. */
  x: number
  /** USD that changed hands (at multiplier 1). */
  value: number
}

/**
 * One side of a book: near book plus far book. The far book has `farDensity` USD per unit of
 * log-distance u (bids: u = -ln(1 - x), asks: u = ln(1 + x)), so depth beyond the edge grows
 * without bound while the price stays positive. On either side dD = farDensity du gives a value
 * of farDensity x (x1 - x0) (the price factor cancels du's Jacobian), which keeps it exact.
 */
export class DepthCurveSide {
  private readonly edgeLog: number
  private readonly maxDepth: number
  private readonly maxDistance: number

  constructor(
    private readonly near: NearBook,
    /** -1 for the bid side (prices below), +1 for the ask side. */
    readonly sign: 1 | -1,
    private readonly farDensity: number,
  ) {
    if (!(farDensity > 0)) throw new RangeError('the far book needs a positive density')
    this.edgeLog = this.logDistance(near.edge)
    this.maxDepth = near.edgeDepth + farDensity * (MAX_LOG_DISTANCE - this.edgeLog)
    this.maxDistance = this.distanceOfLog(MAX_LOG_DISTANCE)
  }

  private logDistance(x: number): number {
    return this.sign < 0 ? -Math.log1p(-x) : Math.log1p(x)
  }

  private distanceOfLog(u: number): number {
    return this.sign < 0 ? -Math.expm1(-u) : Math.expm1(u)
  }

  /** USD within x of the reference. */
  depth(x: number): number {
    if (x <= 0) return 0
    if (x <= this.near.edge) return this.near.depth(x)
    if (x >= this.maxDistance) return this.maxDepth
    return this.near.edgeDepth + this.farDensity * (this.logDistance(x) - this.edgeLog)
  }

  /** Distance at which the cumulative depth reaches `usd` (capped at the price floor/ceiling). */
  distanceAt(usd: number): number {
    if (usd <= 0) return 0
    if (usd <= this.near.edgeDepth) return this.near.distanceAt(usd)
    if (usd >= this.maxDepth) return this.maxDistance
    return this.distanceOfLog(this.edgeLog + (usd - this.near.edgeDepth) / this.farDensity)
  }

  /** USD exchanged walking from a to b (a <= b); beyond the cap the excess trades at the cap price. */
  valueBetween(a: number, b: number): number {
    let value = 0
    const edge = this.near.edge
    if (a < edge) value += this.near.valueBetween(a, Math.min(b, edge), this.sign)
    if (b > edge) value += this.farDensity * (b - Math.max(a, edge))
    return value
  }

  /** Walks `usd` of depth outward from distance x0 (away from the reference). */
  walkOut(x0: number, usd: number): WalkResult {
    const d0 = this.depth(x0)
    const target = d0 + usd
    if (target <= this.maxDepth) {
      const x = Math.max(x0, this.distanceAt(target))
      return { x, value: this.valueBetween(x0, x) }
    }
    // Past the floor (bids) or ceiling (asks): the remainder trades at the cap price.
    const value = this.valueBetween(x0, this.maxDistance) + (target - Math.max(d0, this.maxDepth)) * (1 + this.sign * this.maxDistance)
    return { x: this.maxDistance, value }
  }

  /** Walks `usd` (at most depth(x0)) inward from x0 toward the reference. */
  walkIn(x0: number, usd: number): WalkResult {
    const d0 = this.depth(x0)
    if (usd >= d0) return { x: 0, value: this.valueBetween(0, x0) }
    const x = Math.min(x0, this.distanceAt(d0 - usd))
    return { x, value: this.valueBetween(x, x0) }
  }

  /** Density at the near book's edge, per unit of relative distance (for the far book's default). */
  nearEdgeDensity(): number {
    return this.near.edgeDensity()
  }
}
