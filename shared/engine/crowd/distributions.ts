// The shapes of the synthetic population (docs/MODEL.md §4): heavy-tailed sizes, lognormal
// leverage, entries around the start price. Each draws from a `Random` stream and nothing else.
import type { Random } from './random'

/** Numeric form of the scenario's size distribution; only the shape matters (totals are calibrated). */
export type SizeShape = { kind: 'pareto'; alpha: number; maxRatio: number } | { kind: 'lognormal'; sigma: number }

/**
 * A sampler of raw sizes >= 1 (Pareto) or around 1 (lognormal). Pareto is truncated at
 * `maxRatio` x the minimum so one account cannot hold most of a contract's open interest when
 * alpha is near 1; inverse CDF of the truncated law: x = (1 - u (1 - H^-alpha))^(-1/alpha),
 * H = maxRatio. The constants are computed once: this runs a million times per crowd.
 */
export function sizeSampler(shape: SizeShape): (rng: Random) => number {
  if (shape.kind === 'lognormal') {
    const sigma = shape.sigma
    return (rng) => Math.exp(sigma * rng.normal())
  }
  const tail = 1 - Math.pow(shape.maxRatio, -shape.alpha)
  const exponent = -1 / shape.alpha
  return (rng) => Math.pow(1 - rng.nextFloat() * tail, exponent)
}

export interface LeverageShape {
  median: number
  sigma: number
  min: number
  max: number
}

/** Leverage: lognormal around the median, clamped to the venue-like range [min, max]. */
export function drawLeverage(rng: Random, shape: LeverageShape): number {
  const l = shape.median * Math.exp(shape.sigma * rng.normal())
  return l < shape.min ? shape.min : l > shape.max ? shape.max : l
}

/** Uniform on [min, max]. */
export function drawUniform(rng: Random, min: number, max: number): number {
  return min === max ? min : min + (max - min) * rng.nextFloat()
}

/**
 * Splits `total` whole units over weights by the largest-remainder method: the result sums to
 * `total` exactly and each share is within one unit of its proportional value.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0)
  if (!(sum > 0)) return weights.map(() => 0)
  const exact = weights.map((w) => (total * w) / sum)
  const out = exact.map(Math.floor)
  let left = total - out.reduce((s, v) => s + v, 0)
  const byRemainder = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (let k = 0; left > 0; k = (k + 1) % byRemainder.length, left--) out[byRemainder[k][1]]++
  return out
}

/** Sum with Neumaier compensation: calibration totals stay exact to ~1 ulp over a million terms. */
export function compensatedSum(values: ArrayLike<number>, from = 0, to = values.length): number {
  let sum = 0
  let c = 0
  for (let i = from; i < to; i++) {
    const v = values[i]
    const t = sum + v
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum
    sum = t
  }
  return sum + c
}
