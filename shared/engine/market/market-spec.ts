// From a validated scenario document (decimal strings, ISO times) to the numbers the market runs
// on: per asset its start price, exogenous paths, peg, book model and resilience. This is the
// one place where the scenario's strings become float64 (docs/CONVENTIONS.md §1: the market is statistical).
import { NUMERAIRE, durationMs, type DepegScope, type PathPoint, type Scenario } from '../../model/scenario'
import type { BookModel } from './book'
import type { CircuitBreakerSpec } from './circuit-breaker'
import type { PathData } from './piecewise-path'
import { secondsAt, timeGridOf, type TimeGrid } from './time-grid'

export interface PegSpec {
  /** Index of the target asset, or -1 for the numeraire (USD). */
  target: number
  ratio: number
  /** Exogenous depeg fraction over time; null = none. */
  depeg: PathData | null
  scope: DepegScope
}

export interface AssetSpec {
  name: string
  /** Start price; for a pegged asset, ignored (it comes from the peg). */
  startPrice: number
  /** Exogenous relative move from the start price; null = flat. */
  shock: PathData | null
  peg: PegSpec | null
  /** null: no book, the asset trades at its reference without impact (e.g. a quote stablecoin). */
  book: BookModel | null
  /** Depth multiplier over time (maker withdrawal); null = always 1. */
  withdrawal: PathData | null
  halfLifeSeconds: number
}

/** A per-asset collateral index (scenario `collateralIndex`): its peg value, or its price floored at a share of it. */
export type CollateralRule = { method: 'conversion' } | { method: 'floor'; floor: number }

export interface MarketSpec {
  assets: AssetSpec[]
  collateralPricing: 'book' | 'oracle'
  /** Per asset (market order), a rule replacing `collateralPricing`, or null. */
  collateralRules?: (CollateralRule | null)[]
  circuitBreaker: CircuitBreakerSpec | null
  /** Windows [from, to) in seconds since the start in which the venue matches nothing. */
  outages?: { from: number; to: number }[]
}

/**
 * The scenario's assets in a fixed order shared by the market and the crowd: priced assets,
 * then pegged ones (each sorted by name), so a peg's target always comes before it.
 */
export function assetUniverse(scenario: Pick<Scenario, 'prices' | 'pegs'>): string[] {
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return [...Object.keys(scenario.prices).sort(byName), ...Object.keys(scenario.pegs).sort(byName)]
}

function pathData(grid: TimeGrid, points: PathPoint[], anchorAtStart: number | null): PathData {
  const times: number[] = []
  const values: number[] = []
  // Shock and depeg paths are moves from the start, so they begin at 0 there (docs/FORMATS.md §4.1).
  if (anchorAtStart !== null) {
    times.push(0)
    values.push(anchorAtStart)
  }
  for (const [time, value] of points) {
    times.push(secondsAt(grid, time))
    values.push(Number(value))
  }
  return { times, values }
}

function seconds(duration: string): number {
  const ms = durationMs(duration)
  if (ms === null) throw new RangeError(`bad duration ${duration}: validate the scenario first`)
  return ms / 1000
}

/** Builds the market's numeric spec from a scenario that passed `validateScenario`. */
export function marketSpecOf(scenario: Scenario): MarketSpec {
  const grid = timeGridOf(scenario)
  const names = assetUniverse(scenario)
  const index = new Map(names.map((n, i) => [n, i]))
  const shocks = new Map(scenario.shocks.map((s) => [s.asset, s.path]))
  const depegs = new Map(scenario.depegs.map((d) => [d.asset, d]))
  const globalWithdrawal = scenario.makerWithdrawal.length > 0 ? pathData(grid, scenario.makerWithdrawal, null) : null
  const farBookDensity = Number(scenario.farBookDensity)
  const defaultHalfLife = seconds(scenario.resilienceHalfLife)

  const assets = names.map((name): AssetSpec => {
    const impact = scenario.impactModel[name]
    const bands = scenario.depth[name]
    let book: BookModel | null = null
    if (impact?.model === 'sqrt') {
      book = { kind: 'sqrt', sigma: Number(impact.sigma), dailyVolume: Number(impact.dailyVolume), y: Number(impact.y) }
    } else if (bands) {
      const rows = Object.entries(bands)
        .map(([x, usd]) => [Number(x), Number(usd)] as const)
        .sort((a, b) => a[0] - b[0])
      book = { kind: 'bands', distances: rows.map((r) => r[0]), depths: rows.map((r) => r[1]), farBookDensity }
    }
    const peg = scenario.pegs[name]
    const depeg = depegs.get(name)
    const shock = shocks.get(name)
    const ownWithdrawal = scenario.makerWithdrawalByAsset[name]
    return {
      name,
      startPrice: peg ? Number.NaN : Number(scenario.prices[name]),
      shock: shock ? pathData(grid, shock, 0) : null,
      peg: peg
        ? {
            target: peg.to === NUMERAIRE ? -1 : (index.get(peg.to) ?? -1),
            ratio: Number(peg.ratio),
            depeg: depeg ? pathData(grid, depeg.path, 0) : null,
            scope: depeg?.scope ?? 'venue',
          }
        : null,
      book,
      withdrawal: ownWithdrawal ? pathData(grid, ownWithdrawal, null) : globalWithdrawal,
      halfLifeSeconds: impact?.resilienceHalfLife ? seconds(impact.resilienceHalfLife) : defaultHalfLife,
    }
  })

  const cb = scenario.circuitBreaker
  const rules = scenario.collateralIndex ?? {}
  return {
    assets,
    collateralPricing: scenario.collateralPricing,
    collateralRules: names.map((name): CollateralRule | null => {
      const r = rules[name]
      if (!r) return null
      return r.method === 'floor' ? { method: 'floor', floor: Number(r.floor) } : { method: 'conversion' }
    }),
    outages: (scenario.outages ?? []).map((o) => ({ from: secondsAt(grid, o.from), to: secondsAt(grid, o.to) })),
    circuitBreaker: cb ? { moveFraction: Number(cb.moveFraction), windowSeconds: cb.windowSeconds, haltSeconds: cb.haltSeconds } : null,
  }
}
