// The largest accounts of a contract side, the same whatever the crowd's size (docs/SIMULATION-NOTES.md
// §3.2, "Tail"). The scenario's Pareto law describes a venue population of `population` accounts
// carrying the side's open interest, which fixes the law's scale in USD; the top `top` share of that
// population are drawn as the largest order statistics of `population` draws, from their own stream.
// Why: without it every account's notional is open interest / accounts, so a coarse crowd has larger
// whales, and the deficits that reach the fund and ADL (made by the largest accounts) moved with the
// crowd's size (docs/CASCADE-NOTES.md, "Findings on the venue presets").
import type { Random } from './random'

export interface TailSpec {
  /** Accounts of the venue population the size law describes. */
  population: number
  /** Share of that population (per contract side) generated one to one. */
  top: number
}

/** Mean of the Pareto law of raw sizes >= 1 truncated at `maxRatio` (distributions.ts `sizeSampler`). */
export function truncatedParetoMean(alpha: number, maxRatio: number): number {
  if (Math.abs(alpha - 1) < 1e-12) return Math.log(maxRatio) / (1 - 1 / maxRatio)
  return ((alpha / (alpha - 1)) * (1 - Math.pow(maxRatio, 1 - alpha))) / (1 - Math.pow(maxRatio, -alpha))
}

/** Accounts of one side of the reference population in the tail (0 when the side has none). */
export function tailCount(referenceSide: number, top: number): number {
  return Math.max(0, Math.floor(referenceSide * top))
}

/**
 * The `k` largest of `n` draws of the truncated Pareto law of raw sizes (>= 1, at most `maxRatio`),
 * descending, without drawing the other n - k: the largest of n uniforms is V^(1/n), and given it the
 * next is that times V'^(1/(n-1)), and so on (Rényi's representation); each uniform order statistic
 * goes through the law's quantile `(1 - u (1 - H^-alpha))^(-1/alpha)`. Computed from 1 - u in
 * logarithms so the top of a million draws keeps its precision. k draws from `rng`, in order.
 */
export function topOrderStatistics(rng: Random, n: number, k: number, alpha: number, maxRatio: number): Float64Array {
  const out = new Float64Array(k)
  const floor = Math.pow(maxRatio, -alpha)
  let logU = 0
  for (let j = 0; j < k; j++) {
    // 1 - nextFloat() lies in (0, 1]: its logarithm is finite.
    logU += Math.log(1 - rng.nextFloat()) / (n - j)
    const w = -Math.expm1(logU) // 1 - u
    out[j] = Math.pow(floor + w * (1 - floor), -1 / alpha)
  }
  return out
}
