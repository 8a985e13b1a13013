// The averaged basis (mid - index) behind an index-anchored mark (docs/VENUE-RULES.md §5.2): per
// asset, sampled once a step by the market, read by its `mark`. One class per venue rule.
import type { MarkPriceRule } from '../../model/venue'

/** A venue's averaged basis (mid - index) per asset, sampled once a step. */
export interface BasisAverage {
  readonly value: Float64Array
  sample(i: number, t: number, dt: number, basis: number): void
}

export function basisOf(rule: MarkPriceRule, n: number): BasisAverage {
  if (rule.method === 'median-ema-basis') return new EmaBasis(n, rule.emaSeconds)
  if (rule.method === 'median-ma-basis') return new WindowBasis(n, rule.windowSeconds)
  return new NoBasis(n)
}

/**
 * BitMEX's fair price: the index (with a funding basis, not modelled), whatever its book does. As
 * a median it is median(index + 0, mid, index) = the index.
 */
class NoBasis implements BasisAverage {
  readonly value: Float64Array
  constructor(n: number) {
    this.value = new Float64Array(n)
  }
  sample(): void {}
}

/**
 * Hyperliquid's EMA, as it states it: numerator = numerator x exp(-dt / T) + sample x dt,
 * denominator = denominator x exp(-dt / T) + dt. It starts settled at 0 (the venue traded at the
 * index before the window): numerator 0, denominator T, the weight of a long history.
 */
class EmaBasis implements BasisAverage {
  readonly value: Float64Array
  private readonly num: Float64Array
  private readonly den: Float64Array
  constructor(
    n: number,
    private readonly seconds: number,
  ) {
    this.value = new Float64Array(n)
    this.num = new Float64Array(n)
    this.den = new Float64Array(n).fill(seconds)
  }
  sample(i: number, _t: number, dt: number, basis: number): void {
    const keep = Math.exp(-dt / this.seconds)
    this.num[i] = this.num[i] * keep + basis * dt
    this.den[i] = this.den[i] * keep + dt
    this.value[i] = this.num[i] / this.den[i]
  }
}

/**
 * Binance's moving average of the basis over the last `seconds` (its page: 30 points, one every
 * 5 s, over 2.5 minutes), taken over time: each step's sample stands for its `dt`, and before the
 * start the basis was 0 (the venue traded at the index), so the average is the sum of sample x dt
 * over the window, divided by the window.
 */
class WindowBasis implements BasisAverage {
  readonly value: Float64Array
  private readonly times: number[][]
  private readonly weighted: number[][]
  private readonly heads: Int32Array
  private readonly sums: Float64Array
  constructor(
    n: number,
    private readonly seconds: number,
  ) {
    this.value = new Float64Array(n)
    this.times = Array.from({ length: n }, () => [])
    this.weighted = Array.from({ length: n }, () => [])
    this.heads = new Int32Array(n)
    this.sums = new Float64Array(n)
  }
  sample(i: number, t: number, dt: number, basis: number): void {
    const times = this.times[i]
    const weighted = this.weighted[i]
    times.push(t)
    weighted.push(basis * dt)
    this.sums[i] += basis * dt
    let h = this.heads[i]
    while (times[h] <= t - this.seconds) this.sums[i] -= weighted[h++]
    // Drop what left the window now and then, not on every sample.
    if (h > 1024 && h * 2 > times.length) {
      times.splice(0, h)
      weighted.splice(0, h)
      h = 0
      // Summed again from the kept samples: no rounding carried from the dropped ones.
      this.sums[i] = weighted.reduce((acc, v) => acc + v, 0)
    }
    this.heads[i] = h
    this.value[i] = this.sums[i] / this.seconds
  }
}
