// The statistics of a study (docs/DECISIONS.md §3): Wilson score intervals for probabilities,
// nearest-rank quantiles, expected shortfall of the worst tail and a histogram. Every input is
// taken in the order of the draws, so the same outcomes give the same bytes.
import type { EquityDistribution, Histogram, Proportion } from '../../model/study'

/** z of a two-sided 95% interval. */
const Z95 = 1.959963984540054

const r6 = (x: number) => Math.round(x * 1e6) / 1e6
const cents = (x: number) => Math.round(x * 100) / 100

/**
 * k of n with the Wilson score interval (Wilson 1927, "Probable inference, the law of succession,
 * and statistical inference", JASA 22): unlike p +- z sqrt(p(1-p)/n) it stays inside [0, 1] and
 * is not empty at k = 0 or k = n, which is where a risk question usually sits.
 */
export function wilson(k: number, n: number, z = Z95): Proportion {
  if (n <= 0) return { k: 0, n: 0, p: 0, lo: 0, hi: 1 }
  const p = k / n
  const z2 = z * z
  const denom = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / denom
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom
  return { k, n, p: r6(p), lo: r6(Math.max(0, centre - half)), hi: r6(Math.min(1, centre + half)) }
}

/** Nearest-rank quantile of sorted values: the smallest value with at least q of them at or below it. */
export function quantile(sorted: readonly number[], q: number): number {
  const i = Math.max(0, Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))
  return sorted[i]
}

/** Mean of the worst (lowest) 1 - alpha share of sorted values, at least one value. */
export function expectedShortfall(sorted: readonly number[], alpha: number): number {
  const k = Math.max(1, Math.ceil((1 - alpha) * sorted.length - 1e-9))
  let sum = 0
  for (let i = 0; i < k; i++) sum += sorted[i]
  return sum / k
}

/** Equal bins from min to max: about sqrt(n) of them, 5 to 40. */
export function histogram(values: readonly number[], bins = Math.min(40, Math.max(5, Math.ceil(Math.sqrt(values.length))))): Histogram {
  if (values.length === 0) return { edges: [], counts: [] }
  let lo = Infinity
  let hi = -Infinity
  for (const v of values) {
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  if (lo === hi) return { edges: [cents(lo), cents(hi)], counts: [values.length] }
  const span = hi - lo
  const counts = new Array<number>(bins).fill(0)
  // The share of the span first, then the bin: a span too small to divide by `bins` still places every value.
  for (const v of values) counts[Math.min(bins - 1, Math.floor(((v - lo) / span) * bins))]++
  return { edges: Array.from({ length: bins + 1 }, (_, i) => cents(i === bins ? hi : lo + (span * i) / bins)), counts }
}

/** The distribution of final equities given in draw order. */
export function equityDistribution(values: readonly number[]): EquityDistribution {
  const sorted = [...values].sort((a, b) => a - b)
  let sum = 0
  for (const v of values) sum += v
  return {
    mean: cents(sum / values.length),
    min: cents(sorted[0]),
    p5: cents(quantile(sorted, 0.05)),
    p50: cents(quantile(sorted, 0.5)),
    p95: cents(quantile(sorted, 0.95)),
    max: cents(sorted[sorted.length - 1]),
    es95: cents(expectedShortfall(sorted, 0.95)),
    es99: cents(expectedShortfall(sorted, 0.99)),
    histogram: histogram(values),
  }
}
