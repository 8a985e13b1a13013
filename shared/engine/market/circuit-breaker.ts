// Optional circuit breaker (docs/MODEL.md §6): halt matching on an asset when its mark moves more
// than `moveFraction` within `windowSeconds`, for `haltSeconds`. The window's high and low are
// kept in monotonic queues, so each observation costs O(1) amortised however many trades a
// step holds.

export interface CircuitBreakerSpec {
  moveFraction: number
  windowSeconds: number
  haltSeconds: number
}

/** Running max and min of (time, value) samples over a sliding time window. */
class WindowExtremes {
  private readonly maxT: number[] = []
  private readonly maxV: number[] = []
  private readonly minT: number[] = []
  private readonly minV: number[] = []
  private maxHead = 0
  private minHead = 0

  constructor(private readonly window: number) {}

  push(t: number, v: number): void {
    push(this.maxT, this.maxV, this.maxHead, t, v, (a, b) => a <= b)
    push(this.minT, this.minV, this.minHead, t, v, (a, b) => a >= b)
    this.maxHead = expire(this.maxT, this.maxHead, t - this.window)
    this.minHead = expire(this.minT, this.minHead, t - this.window)
    if (this.maxHead > 1024 && this.maxHead * 2 > this.maxT.length) this.maxHead = compact(this.maxT, this.maxV, this.maxHead)
    if (this.minHead > 1024 && this.minHead * 2 > this.minT.length) this.minHead = compact(this.minT, this.minV, this.minHead)
  }

  get max(): number {
    return this.maxV[this.maxV.length > this.maxHead ? this.maxHead : this.maxV.length - 1]
  }

  get min(): number {
    return this.minV[this.minV.length > this.minHead ? this.minHead : this.minV.length - 1]
  }

  clear(): void {
    this.maxT.length = this.maxV.length = this.minT.length = this.minV.length = 0
    this.maxHead = this.minHead = 0
  }
}

/** Drops queued values the new one dominates, then appends it. */
function push(ts: number[], vs: number[], head: number, t: number, v: number, dominated: (old: number, v: number) => boolean): void {
  while (vs.length > head && dominated(vs[vs.length - 1], v)) {
    vs.pop()
    ts.pop()
  }
  ts.push(t)
  vs.push(v)
}

function expire(ts: number[], head: number, oldest: number): number {
  while (head < ts.length - 1 && ts[head] < oldest) head++
  return head
}

function compact(ts: number[], vs: number[], head: number): number {
  ts.splice(0, head)
  vs.splice(0, head)
  return 0
}

/** One asset's breaker: observe marks, ask whether matching is halted. */
export class CircuitBreaker {
  private readonly extremes: WindowExtremes
  private haltedUntil = -Infinity
  /** Times the breaker tripped, for events. */
  readonly trips: number[] = []

  constructor(private readonly spec: CircuitBreakerSpec) {
    this.extremes = new WindowExtremes(spec.windowSeconds)
  }

  isHalted(t: number): boolean {
    return t < this.haltedUntil
  }

  /** Records a mark; trips the breaker when the move within the window exceeds the limit. */
  observe(t: number, mark: number): boolean {
    if (this.isHalted(t)) return false
    this.extremes.push(t, mark)
    const { max, min } = this.extremes
    if (mark < max * (1 - this.spec.moveFraction) || mark > min * (1 + this.spec.moveFraction)) {
      this.haltedUntil = t + this.spec.haltSeconds
      this.trips.push(t)
      // Matching restarts from a fresh window: the pre-halt extreme must not re-trip it at once.
      this.extremes.clear()
      return true
    }
    return false
  }
}
