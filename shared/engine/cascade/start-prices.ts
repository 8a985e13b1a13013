// Where a run starts: at the book's own marks (the default), with the scenario's moves applied to
// them, or at the scenario's historical prices (an explicit choice that re-prices the book).
// Shocks, depegs and depth are relative to the start, so moving the start changes no dynamics: the
// scenario is re-based, its start prices set to what the Book tab shows for every asset the book
// prices (its marks, then the venue profile's pegs: one source for peg ratios), and the run's start
// equity is the Book tab's equity (docs/MODEL.md §1).
import type { Portfolio } from '../../model/portfolio'
import type { Scenario } from '../../model/scenario'
import { USD, type ContractSpec, type Peg } from '../../model/venue'
import { dec, text } from '../../decimal'
import { priceBook } from '../account/prices'
import { assetUniverse } from '../market'

export const RUN_PRICINGS = ['book', 'historical'] as const
/** `book`: the scenario's moves applied to the book's marks; `historical`: the scenario's own start prices. */
export type RunPricing = (typeof RUN_PRICINGS)[number]

/** Every asset the book marks or holds: its prices, wallet, loans, DeFi legs, loops and contracts' base and quote. */
export function assetsOfBook(portfolio: Portfolio, contracts: Record<string, ContractSpec>): Set<string> {
  const out = new Set(Object.keys(portfolio.prices ?? {}))
  for (const w of [...portfolio.wallet, ...portfolio.loans]) out.add(w.asset)
  for (const d of portfolio.defi) for (const x of [...d.supplies, ...d.borrows]) out.add(x.asset)
  for (const l of portfolio.loops) out.add(l.asset).add(l.borrow)
  for (const p of portfolio.positions) {
    const c = contracts[p.symbol]
    if (c) out.add(c.base).add(c.quote)
  }
  return out
}

/**
 * The scenario with its start prices (and peg ratios) taken from the book for every asset the book
 * marks or holds, priced as the Book tab prices it; the assets the book does not touch keep the
 * scenario's prices, so the crowd's market is the scenario's own.
 */
export function rebaseScenario(scenario: Scenario, portfolio: Portfolio, pegs: Record<string, Peg>, contracts: Record<string, ContractSpec>): Scenario {
  const book = priceBook(portfolio.prices ?? {}, pegs)
  const held = assetsOfBook(portfolio, contracts)
  const bookPrice = (asset: string) => (held.has(asset) ? (book.get(asset)?.value ?? null) : null)
  const prices = { ...scenario.prices }
  for (const asset of Object.keys(prices)) {
    const p = bookPrice(asset)
    if (p) prices[asset] = text(p)
  }
  // A peg's target at the new start (itself possibly pegged), for the ratio that gives the book's price.
  const startOf = (asset: string, depth = 0): ReturnType<typeof dec> => {
    if (asset === USD) return dec('1')
    if (prices[asset] !== undefined) return dec(prices[asset])
    const peg = scenario.pegs[asset]
    return depth < 16 && peg ? startOf(peg.to, depth + 1).mul(dec(pegRatios[asset] ?? peg.ratio)) : dec('1')
  }
  const pegRatios: Record<string, string> = {}
  for (const asset of assetUniverse(scenario)) {
    const peg = scenario.pegs[asset]
    const p = peg ? bookPrice(asset) : null
    if (peg && p) pegRatios[asset] = text(p.div(startOf(peg.to)))
  }
  const changed =
    Object.keys(prices).some((a) => prices[a] !== scenario.prices[a]) || Object.entries(pegRatios).some(([a, r]) => !dec(r).eq(dec(scenario.pegs[a].ratio)))
  // The same object when the book starts where the scenario does, so a crowd made for it is reused.
  if (!changed) return scenario
  const rebasedPegs = Object.fromEntries(Object.entries(scenario.pegs).map(([a, peg]) => [a, pegRatios[a] ? { ...peg, ratio: pegRatios[a] } : peg]))
  return { ...scenario, prices, pegs: rebasedPegs }
}

/** The scenario a run actually uses for `pricing`. */
export function scenarioForRun(scenario: Scenario, portfolio: Portfolio, pegs: Record<string, Peg>, contracts: Record<string, ContractSpec>, pricing: RunPricing = 'book'): Scenario {
  return pricing === 'historical' ? scenario : rebaseScenario(scenario, portfolio, pegs, contracts)
}
