// Builds the seeded synthetic population of a scenario (docs/MODEL.md §4): perpetual traders per
// contract, then the cohorts (loopers, whales, market makers), in columnar legs, plus the sorted
// liquidation indexes the run loop walks. Same scenario and seed -> identical arrays, byte for byte.
import type { Scenario } from '../../model/scenario'
import { apportion } from './distributions'
import { allocateLegs, LegWriter, LEG_KIND, LEG_STATUS, type CrowdLegs, type Driver } from './crowd-legs'
import { crowdSpecOf, type CrowdOverrides, type CrowdSpec } from './crowd-spec'
import { writeLoopers, writeMarketMakers, writeWhales } from './lending-cohorts'
import { LiquidationIndex } from './liquidation-index'
import { pairCrossPools, type CrossPools } from './cross-pools'
import { writePerpTraders } from './perp-traders'
import { Random } from './random'
import { unifiedAccounts } from './unified-accounts'

export interface CrowdContract {
  symbol: string
  asset: number
  openInterest: number
  longShare: number
  accounts: number
  /** The contract's legs are rows firstLeg .. firstLeg + accounts - 1. */
  firstLeg: number
  /**
   * Tail accounts (tail.ts) of each side: the longs' are legs firstLeg .. firstLeg + tailLongs - 1,
   * the shorts' the first tailShorts legs after the longs.
   */
  tailLongs: number
  tailShorts: number
}

const indexKey = (asset: number, side: number, driver: Driver) => asset * 4 + (side > 0 ? 0 : 2) + (driver === 'mark' ? 0 : 1)

export class Crowd {
  private readonly byKey = new Map<number, LiquidationIndex>()
  /** Multi-asset accounts the loop re-checks as a whole each step (see unified-accounts.ts). */
  readonly unifiedAccounts: Int32Array
  /** Per account: how many of the venue's accounts it stands for (see the constructor). */
  readonly accountWeight: Float64Array

  constructor(
    readonly seed: number,
    /** Asset names; legs' `asset` indexes into this (the market's order). */
    readonly assets: readonly string[],
    readonly contracts: readonly CrowdContract[],
    readonly legs: CrowdLegs,
    readonly legCount: number,
    readonly accountCount: number,
    /** Account a owns legs accountOffsets[a] .. accountOffsets[a + 1] - 1. */
    readonly accountOffsets: Int32Array,
    readonly indexes: readonly LiquidationIndex[],
    /** Id of the exchange profile whose brackets shaped the traders, or null (the scenario's flat rules). */
    readonly venue: string | null = null,
    /**
     * Per account: how many of the venue's accounts it stands for, at whose size the venue's
     * absolute-USD rules apply (perp-traders.ts, "the body's weight"); 1 when not given.
     */
    accountWeight: Float64Array | null = null,
    /** Cross-margin pools of the traders (cross-pools.ts); none when not given. */
    readonly pools: CrossPools = { offsets: new Int32Array(1), legs: new Int32Array(0) },
  ) {
    for (const index of indexes) this.byKey.set(indexKey(index.asset, index.side, index.driver), index)
    this.unifiedAccounts = unifiedAccounts(legs, accountOffsets)
    this.accountWeight = accountWeight ?? new Float64Array(accountCount).fill(1)
  }

  /** How many of the venue's accounts account `a` stands for (1 for accounts opened in a run). */
  weightOf(a: number): number {
    return a < this.accountCount ? this.accountWeight[a] : 1
  }

  /** The sorted legs of one asset and side driven by one price, or null when there are none. */
  indexFor(asset: number, side: 1 | -1, driver: Driver): LiquidationIndex | null {
    return this.byKey.get(indexKey(asset, side, driver)) ?? null
  }

  /** Opens every leg again and rewinds the cursors, for another run over the same population. */
  reset(): void {
    this.legs.status.fill(LEG_STATUS.open)
    for (const index of this.indexes) index.reset()
  }
}

/**
 * Splits the traders over contracts by weight, at least two per contract (one long, one short)
 * when there are enough, so every contract's open interest is represented.
 */
function accountsPerContract(total: number, weights: readonly number[]): number[] {
  const counts = apportion(total, weights)
  if (total < 2 * weights.length) return counts
  for (let c = 0; c < counts.length; c++) {
    while (counts[c] < 2) {
      const donor = counts.indexOf(Math.max(...counts))
      counts[donor]--
      counts[c]++
    }
  }
  return counts
}

function buildIndexes(legs: CrowdLegs, n: number, assetCount: number): LiquidationIndex[] {
  const keys = new Int32Array(n)
  const counts = new Int32Array(assetCount * 4 + 1)
  for (let i = 0; i < n; i++) {
    // indexKey(asset, side, driverOf(kind)), inlined: this runs once per leg.
    keys[i] = legs.asset[i] * 4 + (legs.side[i] > 0 ? 0 : 2) + (legs.kind[i] === LEG_KIND.perp ? 0 : 1)
    counts[keys[i] + 1]++
  }
  for (let k = 0; k < assetCount * 4; k++) counts[k + 1] += counts[k]
  const rows = new Int32Array(n)
  const fill = counts.slice()
  for (let i = 0; i < n; i++) rows[fill[keys[i]]++] = i
  const out: LiquidationIndex[] = []
  for (let key = 0; key < assetCount * 4; key++) {
    if (counts[key + 1] === counts[key]) continue
    const asset = Math.floor(key / 4)
    const side = key % 4 < 2 ? 1 : -1
    const driver: Driver = key % 2 === 0 ? 'mark' : 'collateral'
    out.push(new LiquidationIndex(asset, side, driver, rows.subarray(counts[key], counts[key + 1]), legs.liqPrice))
  }
  return out
}

export function generateCrowdFromSpec(spec: CrowdSpec, venue: string | null = null): Crowd {
  const perpAccounts = spec.contracts.length > 0 ? spec.accounts : 0
  const weights = spec.contracts.map((c) => c.accountWeight)
  const perContract = accountsPerContract(perpAccounts, weights)
  // The tail's reference: the population split over contracts as the crowd is, whatever its size.
  const reference = spec.tail && spec.contracts.length > 0 ? accountsPerContract(spec.tail.population, weights) : null
  const loopers = spec.loopers?.accounts ?? 0
  const whales = spec.whales?.accounts ?? 0
  const makers = spec.marketMakers?.accounts ?? 0
  const legCount = perpAccounts + loopers + 2 * whales + makers * (spec.marketMakers?.inventory.length ?? 0)
  const accountCount = perpAccounts + loopers + whales + makers
  const writer = new LegWriter(allocateLegs(legCount), accountCount)

  // One stream per contract and cohort, named, so resizing one leaves the others' draws unchanged.
  const contracts: CrowdContract[] = spec.contracts.map((c, k) => {
    const firstLeg = writer.legCount
    const tail = spec.tail && reference ? { rng: new Random(spec.seed, `tail:${c.symbol}`), population: reference[k], top: spec.tail.top } : null
    const [tailLongs, tailShorts] = writePerpTraders(writer, new Random(spec.seed, `perp:${c.symbol}`), c, k, perContract[k], spec.size, spec.entry, tail)
    return { symbol: c.symbol, asset: c.asset, openInterest: c.openInterest, longShare: c.longShare, accounts: perContract[k], firstLeg, tailLongs, tailShorts }
  })
  if (spec.loopers) writeLoopers(writer, new Random(spec.seed, 'cohort:loopers'), spec.loopers, spec.startPrices, spec.size)
  if (spec.whales) writeWhales(writer, new Random(spec.seed, 'cohort:whales'), spec.whales, spec.startPrices, spec.size)
  if (spec.marketMakers) writeMarketMakers(writer, new Random(spec.seed, 'cohort:marketMakers'), spec.marketMakers, spec.startPrices, spec.size)
  if (writer.legCount !== legCount || writer.accountCount !== accountCount) throw new Error('crowd layout mismatch')

  // Cross-margin pools among the body's traders, from their own stream (the legs above are drawn
  // before it, so they are the same with or without pools).
  const pools = pairCrossPools(writer.legs, legCount, contracts, spec.crossShare, new Random(spec.seed, 'cross:pools'), spec.hedgedShare)

  const indexes = buildIndexes(writer.legs, legCount, spec.assets.length)
  return new Crowd(spec.seed, spec.assets, contracts, writer.legs, legCount, accountCount, writer.accountOffsets, indexes, venue, writer.accountWeight, pools)
}

/**
 * The crowd of a validated scenario; `overrides` swap the seed or the trader count, and give the
 * exchange profile whose brackets bound the traders' sizes and leverage (the run passes its venue).
 */
export function generateCrowd(scenario: Scenario, overrides: CrowdOverrides = {}): Crowd {
  return generateCrowdFromSpec(crowdSpecOf(scenario, overrides), overrides.venue?.id ?? null)
}
