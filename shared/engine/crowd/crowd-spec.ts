// From a validated scenario's `crowd` section (decimal strings) to the numbers the generator
// draws with. Assets are addressed by their index in the market's asset list, so a leg's asset
// is the same number the market answers to.
import { NUMERAIRE, type Range, type Scenario, type WholeRange } from '../../model/scenario'
import type { VenueProfile } from '../../model/venue'
import { deriveBrackets, type BracketRow } from '../account/brackets'
import { assetUniverse } from '../market/market-spec'
import type { LeverageShape, SizeShape } from './distributions'
import type { TailSpec } from './tail'

export interface PerpContractSpec {
  symbol: string
  asset: number
  startPrice: number
  /** Long + short notional at start prices, USD. */
  openInterest: number
  longShare: number
  /** Relative weight for splitting `accounts` over contracts. */
  accountWeight: number
  leverage: LeverageShape
  /** The flat rate of a contract the venue profile does not list (and of the shorts opened into the crash). */
  maintenanceMarginRate: number
  /**
   * The venue's brackets for this contract (`deriveBrackets` rows as floats: cap, Infinity on an
   * open-ended last row), or null when the profile does not list the contract: then the flat
   * `maintenanceMarginRate` and `leverage.max` apply, with no cap on a position's notional.
   */
  brackets: CrowdBracket[] | null
  /** Largest notional one trader may hold, USD: `maxAccountShare x openInterest`, and the last bracket's cap. */
  maxPositionNotional: number
}

/** One maintenance bracket in float64 (docs/VENUE-RULES.md §1.2): MM = notional x mmr - cum below cap. */
export interface CrowdBracket {
  cap: number
  maxLeverage: number
  mmr: number
  cum: number
}

export interface LoopShape {
  asset: number
  ltv: [number, number]
  loops: [number, number]
  liquidationThreshold: number
}

export interface LooperSpec {
  accounts: number
  capital: number
  loop: LoopShape
}

export interface WhaleSpec {
  accounts: number
  collateralValue: number
  collateral: { asset: number; weight: number }[]
  loanLtv: [number, number]
  liquidationThreshold: number
  loop: LoopShape
}

export interface MarketMakerSpec {
  accounts: number
  inventoryValue: number
  inventory: { asset: number; weight: number; collateralRate: number }[]
  leverage: [number, number]
  liquidationRatio: number
}

export interface CrowdSpec {
  seed: number
  /** Perpetual traders (one account, one leg each). */
  accounts: number
  assets: string[]
  /** Start price per asset (pegged assets at their peg). */
  startPrices: Float64Array
  size: SizeShape
  entry: { spread: number; drift: number }
  /** The largest accounts drawn one to one whatever `accounts` is (tail.ts), or null. */
  tail: TailSpec | null
  /** Share of the body's perpetual traders paired into cross-margin pools (cross-pools.ts). */
  crossShare: number
  /** Share of those pools that hold a long and a short (cross-pools.ts). */
  hedgedShare: number
  contracts: PerpContractSpec[]
  loopers: LooperSpec | null
  whales: WhaleSpec | null
  marketMakers: MarketMakerSpec | null
}

const pair = (r: Range): [number, number] => [Number(r.min), Number(r.max)]
const wholePair = (r: WholeRange): [number, number] => [r.min, r.max]

/** Start prices of every asset; a pegged one is worth target x ratio at start (depegs start at 0). */
export function startPricesOf(scenario: Pick<Scenario, 'prices' | 'pegs'>): Float64Array {
  const names = assetUniverse(scenario)
  const prices = new Float64Array(names.length)
  names.forEach((name, i) => {
    const peg = scenario.pegs[name]
    if (!peg) prices[i] = Number(scenario.prices[name])
    else prices[i] = (peg.to === NUMERAIRE ? 1 : Number(scenario.prices[peg.to])) * Number(peg.ratio)
  })
  return prices
}

export interface CrowdOverrides {
  /** Replaces `crowd.seed` (Monte Carlo, `--seed`). */
  seed?: number
  /** Replaces `crowd.accounts` (benchmarks, quick previews). */
  accounts?: number
  /**
   * The exchange profile the run trades on: its contracts' brackets bound each trader's notional
   * and leverage and give its maintenance margin. Without it (or for a contract it does not list)
   * the scenario's flat rate and leverage range apply.
   */
  venue?: VenueProfile
}

/** Float rows per derived bracket table (derived rows are cached per contract and never change). */
const floatRows = new WeakMap<readonly BracketRow[], CrowdBracket[]>()

/** A venue contract's brackets as floats, or null when the venue does not list the symbol. */
export function crowdBracketsOf(venue: VenueProfile | undefined, symbol: string): CrowdBracket[] | null {
  if (!venue || venue.kind !== 'exchange') return null
  const contract = venue.contracts[symbol]
  if (!contract) return null
  const rows = deriveBrackets(contract, venue.maintenanceRule)
  let out = floatRows.get(rows)
  if (!out) {
    out = rows.map((r) => ({
      cap: r.cap === null ? Infinity : r.cap.toNumber(),
      maxLeverage: r.maxLeverage.toNumber(),
      mmr: r.mmr.toNumber(),
      cum: r.cum.toNumber(),
    }))
    floatRows.set(rows, out)
  }
  // A copy of each row: a spec is the caller's to keep.
  return out.map((r) => ({ ...r }))
}

export function crowdSpecOf(scenario: Scenario, overrides: CrowdOverrides = {}): CrowdSpec {
  const c = scenario.crowd
  const assets = assetUniverse(scenario)
  const index = new Map(assets.map((a, i) => [a, i]))
  const at = (name: string): number => {
    const i = index.get(name)
    if (i === undefined) throw new RangeError(`unknown asset ${name}: validate the scenario first`)
    return i
  }
  const startPrices = startPricesOf(scenario)
  // Contracts with an `accountShare` take it; the others split the rest by open interest.
  const given = Object.values(c.contracts).reduce((s, k) => s + (k.accountShare !== undefined ? Number(k.accountShare) : 0), 0)
  const otherOi = Object.values(c.contracts).reduce((s, k) => s + (k.accountShare === undefined ? Number(k.openInterest) : 0), 0)
  const loopShape = (l: { asset: string; ltv: Range; loops: WholeRange; liquidationThreshold: string }): LoopShape => ({
    asset: at(l.asset),
    ltv: pair(l.ltv),
    loops: wholePair(l.loops),
    liquidationThreshold: Number(l.liquidationThreshold),
  })

  const contracts = Object.keys(c.contracts)
    .sort()
    .map((symbol): PerpContractSpec => {
      const k = c.contracts[symbol]
      const lev = k.leverage ?? c.leverage
      const asset = at(k.base)
      const brackets = crowdBracketsOf(overrides.venue, k.venueContract ?? symbol)
      const lastCap = brackets ? brackets[brackets.length - 1].cap : Infinity
      return {
        symbol,
        asset,
        startPrice: startPrices[asset],
        openInterest: Number(k.openInterest),
        longShare: Number(k.longShare ?? c.longShare),
        accountWeight: k.accountShare !== undefined ? Number(k.accountShare) : (Math.max(0, 1 - given) * Number(k.openInterest)) / otherOi,
        leverage: { median: Number(lev.median), sigma: Number(lev.sigma), min: Number(lev.min), max: Number(lev.max) },
        maintenanceMarginRate: Number(k.maintenanceMarginRate ?? c.maintenanceMarginRate),
        brackets,
        maxPositionNotional: Math.min(Number(c.maxAccountShare) * Number(k.openInterest), lastCap),
      }
    })

  const size: SizeShape =
    c.size.distribution === 'pareto'
      ? { kind: 'pareto', alpha: Number(c.size.alpha), maxRatio: Number(c.size.maxRatio) }
      : { kind: 'lognormal', sigma: Number(c.size.sigma) }

  return {
    seed: overrides.seed ?? c.seed,
    accounts: overrides.accounts ?? c.accounts,
    assets,
    startPrices,
    size,
    entry: { spread: Number(c.entry.spread), drift: Number(c.entry.drift) },
    tail: c.tail ? { population: c.tail.population, top: Number(c.tail.top) } : null,
    crossShare: c.crossShare !== undefined ? Number(c.crossShare) : 0,
    hedgedShare: c.hedgedShare !== undefined ? Number(c.hedgedShare) : 0,
    contracts,
    loopers: c.loopers ? { accounts: c.loopers.accounts, capital: Number(c.loopers.capital), loop: loopShape(c.loopers) } : null,
    whales: c.whales
      ? {
          accounts: c.whales.accounts,
          collateralValue: Number(c.whales.collateralValue),
          collateral: Object.keys(c.whales.collateral)
            .sort()
            .map((name) => ({ asset: at(name), weight: Number(c.whales!.collateral[name]) })),
          loanLtv: pair(c.whales.loanLtv),
          liquidationThreshold: Number(c.whales.liquidationThreshold),
          loop: loopShape(c.whales.loop),
        }
      : null,
    marketMakers: c.marketMakers
      ? {
          accounts: c.marketMakers.accounts,
          inventoryValue: Number(c.marketMakers.inventoryValue),
          inventory: Object.keys(c.marketMakers.inventory)
            .sort()
            .map((name) => ({
              asset: at(name),
              weight: Number(c.marketMakers!.inventory[name]),
              collateralRate: Number(c.marketMakers!.collateralRates[name] ?? '1'),
            })),
          leverage: pair(c.marketMakers.leverage),
          liquidationRatio: Number(c.marketMakers.liquidationRatio),
        }
      : null,
  }
}
