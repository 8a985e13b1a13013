// Where a run starts: at the book's own marks (the default), with the scenario's moves applied to
// them, or at the scenario's historical prices (an explicit choice that re-prices the book).
// Shocks, depegs and depth are relative to the start, so moving the start changes no dynamics: the
// scenario is re-based, its start prices set to what the Book tab shows for every asset the book
// prices (its marks, then the venue profile's pegs: one source for peg ratios), and the run's start
// equity is the Book tab's equity (docs/MODEL.md §1). An asset the book holds that the scenario does
// not price follows its class's path (`scenario.classes`) from the book's mark, in either mode.
import { ASSET_CLASSES, type AssetClass } from '../../model/asset-class'
import type { FieldIssue } from '../../model/issues'
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

/** What the run knows of the venue for this: its pegs, contracts and asset classes. */
export interface VenueTerms {
  pegs: Record<string, Peg>
  contracts: Record<string, ContractSpec>
  assetClasses: Record<string, AssetClass>
}

/** True when `asset` is one of `known` (the scenario's assets), or a profile's peg chain leads from it to one or to USD. */
export function priced(asset: string, known: Set<string>, pegs: Record<string, Peg>): boolean {
  let at = asset
  for (let depth = 0; depth < 16; depth++) {
    if (known.has(at)) return true
    const peg = pegs[at]
    if (!peg) return false
    if (peg.to === USD) return true
    at = peg.to
  }
  return false
}

/** Where in the book an asset first appears, for a refusal's field path. */
function pathOf(portfolio: Portfolio, contracts: Record<string, ContractSpec>, asset: string): string {
  const p = portfolio.positions.findIndex((x) => contracts[x.symbol] && (contracts[x.symbol].base === asset || contracts[x.symbol].quote === asset))
  if (p >= 0) return `positions[${p}].symbol`
  for (const key of ['wallet', 'loans'] as const) {
    const i = portfolio[key].findIndex((w) => w.asset === asset)
    if (i >= 0) return `${key}[${i}].asset`
  }
  const l = portfolio.loops.findIndex((x) => x.asset === asset || x.borrow === asset)
  if (l >= 0) return `loops[${l}].${portfolio.loops[l].asset === asset ? 'asset' : 'borrow'}`
  const d = portfolio.defi.findIndex((x) => [...x.supplies, ...x.borrows].some((y) => y.asset === asset))
  return d >= 0 ? `defi[${d}]` : `prices.${asset}`
}

/**
 * Adds every asset the book holds that the scenario does not price, moving as its class says:
 * `like` an asset of the preset (its shock path, depth, impact model, maker withdrawal) or pegged
 * to one, from the book's mark. Each asset that cannot be placed is a finding with its path.
 */
export function withClassAssets(scenario: Scenario, portfolio: Portfolio, venue: VenueTerms): { ok: true; scenario: Scenario } | { ok: false; issues: FieldIssue[] } {
  const book = priceBook(portfolio.prices ?? {}, venue.pegs)
  const known = new Set(assetUniverse(scenario))
  const missing = [...assetsOfBook(portfolio, venue.contracts)].filter((a) => !priced(a, known, venue.pegs)).sort()
  if (missing.length === 0) return { ok: true, scenario }
  const issues: FieldIssue[] = []
  const out: Scenario = {
    ...scenario,
    prices: { ...scenario.prices },
    pegs: { ...scenario.pegs },
    shocks: [...scenario.shocks],
    depth: { ...scenario.depth },
    impactModel: { ...scenario.impactModel },
    makerWithdrawalByAsset: { ...scenario.makerWithdrawalByAsset },
  }
  const classes = ASSET_CLASSES.join(', ')
  const placed: { asset: string; spec: { like: string } | { peg: string }; mark: ReturnType<typeof dec> }[] = []
  for (const asset of missing) {
    const path = pathOf(portfolio, venue.contracts, asset)
    const cls = portfolio.assetClasses?.[asset] ?? venue.assetClasses[asset]
    if (!cls) {
      issues.push({ path, message: `${asset} is not priced by scenario ${scenario.id} and has no asset class: set assetClasses.${asset} in the book to one of ${classes}` })
      continue
    }
    const spec = scenario.classes?.[cls]
    const mark = book.get(asset)?.value
    if (!spec) issues.push({ path, message: `${asset} is a ${cls}, and scenario ${scenario.id} gives no path for that class (it has ${Object.keys(scenario.classes ?? {}).join(', ') || 'none'})` })
    else if (!mark) issues.push({ path: `prices.${asset}`, message: `${asset} is not priced by scenario ${scenario.id}: give its mark, from which its class (${cls}) moves` })
    else placed.push({ asset, spec, mark })
  }
  if (issues.length) return { ok: false, issues }
  // Alts first: a staking token may peg to an alt that is itself placed by its class.
  for (const { asset, spec, mark } of placed) {
    if (!('like' in spec)) continue
    const like = spec.like
    out.prices[asset] = text(mark)
    const shock = scenario.shocks.find((x) => x.asset === like)
    if (shock) out.shocks.push({ asset, path: shock.path })
    if (scenario.depth[like]) out.depth[asset] = scenario.depth[like]
    if (scenario.impactModel[like]) out.impactModel[asset] = scenario.impactModel[like]
    if (scenario.makerWithdrawalByAsset[like]) out.makerWithdrawalByAsset[asset] = scenario.makerWithdrawalByAsset[like]
  }
  const startOf = (a: string): ReturnType<typeof dec> | null => {
    if (a === USD) return dec('1')
    if (out.prices[a] !== undefined) return dec(out.prices[a])
    const peg = out.pegs[a]
    const target = peg ? startOf(peg.to) : null
    return peg && target ? target.mul(dec(peg.ratio)) : null
  }
  for (const { asset, spec, mark } of placed) {
    if (!('peg' in spec)) continue
    const target = startOf(spec.peg)
    if (!target || target.isZero()) {
      issues.push({ path: pathOf(portfolio, venue.contracts, asset), message: `${asset} pegs to ${spec.peg}, which neither scenario ${scenario.id} nor the book prices` })
      continue
    }
    out.pegs[asset] = { to: spec.peg, ratio: text(mark.div(target)) }
  }
  return issues.length ? { ok: false, issues } : { ok: true, scenario: out }
}

/** The scenario a run actually uses for `pricing`, with the book's class assets added. */
export function scenarioForRun(scenario: Scenario, portfolio: Portfolio, venue: VenueTerms, pricing: RunPricing = 'book') {
  const based = pricing === 'historical' ? scenario : rebaseScenario(scenario, portfolio, venue.pegs, venue.contracts)
  return withClassAssets(based, portfolio, venue)
}
