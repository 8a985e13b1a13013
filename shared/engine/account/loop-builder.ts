// Recursive supply/borrow loops (docs/MODEL.md §1, docs/VENUE-RULES.md §4.3): deposit C, then n times borrow
// LTV x the last deposit, swap it into the supplied asset and deposit it again.
// The closed form assumes swaps at par; the path version takes a swap function so a book with
// slippage (a later market model) can plug in, and a real loop comes out slightly worse.
import { dec, ONE, text, type Dec } from '../../decimal'

export interface LoopTotals {
  /** T = C x (1 - LTV^(n+1)) / (1 - LTV), in units of the supplied asset. */
  supplied: string
  /** D = T - C (at par), in units of the borrowed asset. */
  borrowed: string
  /** T / C. */
  leverage: string
  /** D / T. */
  realisedLtv: string
}

/** Closed form at par: `T = C(1 - LTV^(n+1))/(1 - LTV)`, `D = T - C`. */
export function loopClosedForm(capital: string, ltv: string, loops: number): LoopTotals {
  const c = dec(capital)
  const l = dec(ltv)
  const t = c.mul(ONE.sub(l.pow(loops + 1))).div(ONE.sub(l))
  const d = t.sub(c)
  return { supplied: text(t), borrowed: text(d), leverage: text(t.div(c)), realisedLtv: text(d.div(t)) }
}

export interface LoopSpec {
  capital: string
  asset: string
  borrow: string
  ltv: string
  loops: number
  /** USD prices used to size each borrow: `borrow = LTV x deposit x price(asset) / price(borrow)`. */
  prices: { asset: string; borrow: string }
}

/** Sells `amount` of `sellAsset` and returns what was received of the other asset. */
export type SwapFunction = (sellAsset: string, amount: string) => string

export interface LoopStep {
  borrowed: string
  received: string
}

export interface LoopPath extends LoopTotals {
  steps: LoopStep[]
}

/** The loop step by step through `swap`: what a real loop leaves once slippage is paid. */
export function buildLoopPath(spec: LoopSpec, swap: SwapFunction): LoopPath {
  const c = dec(spec.capital)
  const l = dec(spec.ltv)
  const valueRatio = dec(spec.prices.asset).div(dec(spec.prices.borrow))
  let supplied = c
  let borrowed = dec('0')
  let lastDeposit = c
  const steps: LoopStep[] = []
  for (let k = 1; k <= spec.loops; k++) {
    const borrow = lastDeposit.mul(l).mul(valueRatio)
    const received = dec(swap(spec.borrow, text(borrow)))
    borrowed = borrowed.add(borrow)
    supplied = supplied.add(received)
    lastDeposit = received
    steps.push({ borrowed: text(borrow), received: text(received) })
  }
  return { supplied: text(supplied), borrowed: text(borrowed), leverage: text(supplied.div(c)), realisedLtv: text(borrowed.div(valueRatio).div(supplied)), steps }
}

/** A swap at fixed USD prices with no slippage: the closed form's assumption. */
export function swapAtPrices(prices: Record<string, string>, buyAssetOf: (sellAsset: string) => string): SwapFunction {
  return (sellAsset, amount) => text(dec(amount).mul(dec(prices[sellAsset])).div(dec(prices[buyAssetOf(sellAsset)])))
}

/** Decimal form for the metrics: supplied and borrowed units of a loop built at `prices`. */
export function loopAmounts(capital: Dec, ltv: Dec, loops: number, priceAsset: Dec, priceBorrow: Dec): { supplied: Dec; borrowed: Dec } {
  const t = capital.mul(ONE.sub(ltv.pow(loops + 1))).div(ONE.sub(ltv))
  return { supplied: t, borrowed: t.sub(capital).mul(priceAsset).div(priceBorrow) }
}
