// A stress scenario as it is stored and exchanged: the `cascade.scenario/1` document
// (docs/FORMATS.md §4). Decimals are strings; the engine turns them into float64 when it
// builds the statistical market and crowd (docs/CONVENTIONS.md §1). Fields beyond the reference scenario (docs/FORMATS.md §4.4) are
// optional extensions with defaults; each is documented in docs/SIMULATION-NOTES.md.
import type { AssetClass, ClassSpec } from './asset-class'
import type { DecimalString } from './portfolio'

export const SCENARIO_FORMAT = 'cascade.scenario/1' as const

/** The quote unit every price is expressed in; a peg may point at it (`USDe -> USD`). */
export const NUMERAIRE = 'USD' as const

/** `"2025-10-10T21:20:00Z"`: UTC, whole seconds or milliseconds. */
export type IsoTime = string
/** `"1s"`, `"500ms"`, `"5m"`, `"1h"`. */
export type DurationString = string

/** One point of a time path: `[time, value]`, linearly interpolated between points. */
export type PathPoint = [IsoTime, DecimalString]

/** Exogenous relative move of one asset from its start price (`"-0.12"` = 12% lower). */
export interface Shock {
  asset: string
  path: PathPoint[]
}

/**
 * Resting depth of one asset's book, USD within a relative distance of mid, per side:
 * keys are distances (`"0.01"` = ±1%), values USD. The presets use "0.01", "0.02", "0.05" (docs/FORMATS.md §4.1).
 */
export type DepthBands = Record<DecimalString, DecimalString>

export const COLLATERAL_PRICING = ['book', 'oracle'] as const
export type CollateralPricing = (typeof COLLATERAL_PRICING)[number]

export interface CircuitBreaker {
  /** Halt when the mark moves more than this fraction within the window. */
  moveFraction: DecimalString
  windowSeconds: number
  haltSeconds: number
}

/** Extension: an asset priced as `target x ratio x (1 - depeg)` (docs/MODEL.md §1). */
export interface Peg {
  /** An asset of `prices`, or `"USD"`. */
  to: string
  ratio: DecimalString
}

export const DEPEG_SCOPES = ['venue', 'global'] as const
/** `venue`: only the venue's book dislocates (10/10: USDe 0.65 on Binance, ~1 on Curve); `global`: the oracle too. */
export type DepegScope = (typeof DEPEG_SCOPES)[number]

/** Extension: exogenous depeg of a pegged asset, a fraction of its peg value (`"0.35"` = 35% below). */
export interface Depeg {
  asset: string
  scope: DepegScope
  path: PathPoint[]
}

/** Extension: how an asset's book reacts to orders (docs/VENUE-RULES.md §5.1). */
export type ImpactModel =
  | { model: 'book'; resilienceHalfLife?: DurationString }
  | {
      model: 'sqrt'
      /** Daily volatility, e.g. "0.03". */
      sigma: DecimalString
      /** Daily traded volume in USD. */
      dailyVolume: DecimalString
      /** The O(1) prefactor Y of the square-root law. */
      y: DecimalString
      resilienceHalfLife?: DurationString
    }

export interface Range {
  min: DecimalString
  max: DecimalString
}

export interface WholeRange {
  min: number
  max: number
}

/** Leverage of synthetic traders: lognormal around a median, clamped to [min, max]. */
export interface LeverageDistribution {
  median: DecimalString
  sigma: DecimalString
  min: DecimalString
  max: DecimalString
}

/** Heavy-tailed position sizes; only the shape matters, the total is calibrated to open interest. */
export type SizeDistribution =
  | { distribution: 'pareto'; alpha: DecimalString; maxRatio: DecimalString }
  | { distribution: 'lognormal'; sigma: DecimalString }

/** Entry prices: `start x exp(drift + spread x N(0,1))`, resampled until the account is alive at start. */
export interface EntryDistribution {
  spread: DecimalString
  drift: DecimalString
}

/** One perpetual contract of the crowd (linear, quoted in USDT). */
export interface CrowdContract {
  base: string
  /** Total notional of the crowd's positions in this contract at start prices (long + short), USD. */
  openInterest: DecimalString
  longShare?: DecimalString
  /** Share of `crowd.accounts` on this contract; contracts without one split the rest by open interest. */
  accountShare?: DecimalString
  leverage?: LeverageDistribution
  maintenanceMarginRate?: DecimalString
  /**
   * The venue's contract whose margin table this one trades under, when the venue lists none under
   * this symbol (a basket of the venue's altcoins: its altcoin table). Absent: the contract's own
   * symbol; a venue that lists neither leaves `leverage` and `maintenanceMarginRate` in force.
   */
  venueContract?: string
}

/** Extension: USDe loopers (docs/VENUE-RULES.md §4.3): supply, borrow, swap, resupply `loops` times. */
export interface LooperCohort {
  accounts: number
  /** Total own capital of the cohort, USD. */
  capital: DecimalString
  asset: string
  borrow: string
  ltv: Range
  loops: WholeRange
  liquidationThreshold: DecimalString
}

/** Extension: whales pledging altcoins for a stablecoin loan that feeds a loop (double leverage). */
export interface WhaleCohort {
  accounts: number
  /** Total USD value of the pledged altcoins. */
  collateralValue: DecimalString
  /** Weights of the pledged assets (sum to 1). */
  collateral: Record<string, DecimalString>
  loanLtv: Range
  liquidationThreshold: DecimalString
  loop: { asset: string; ltv: Range; loops: WholeRange; liquidationThreshold: DecimalString }
}

/** Extension: market makers on unified accounts posting altcoin inventory as collateral. */
export interface MarketMakerCohort {
  accounts: number
  /** Total USD value of the inventory. */
  inventoryValue: DecimalString
  /** Weights of the inventory assets (sum to 1). */
  inventory: Record<string, DecimalString>
  /** Inventory value / equity. */
  leverage: Range
  /** Haircut per asset (collateral ratio); assets not listed count at 1. */
  collateralRates: Record<string, DecimalString>
  /** Liquidation when haircut collateral / liability falls to this ratio. */
  liquidationRatio: DecimalString
}

/** `crowd.tail`: the population the size law describes and the share of it generated one to one. */
export interface CrowdTail {
  population: number
  top: DecimalString
}

/** The `crowd` section: how the synthetic population is generated (docs/MODEL.md §4). */
export interface ScenarioCrowd {
  accounts: number
  longShare: DecimalString
  seed: number
  leverage: LeverageDistribution
  size: SizeDistribution
  entry: EntryDistribution
  maintenanceMarginRate: DecimalString
  /**
   * Largest share of a contract's open interest (one side's notional over long + short) one
   * synthetic trader may hold; the excess is spread over the same side's other traders
   * (docs/SIMULATION-NOTES.md §3). An assumption, not a published figure: see
   * resources/scenarios/README.md.
   */
  maxAccountShare: DecimalString
  /**
   * The largest accounts, generated one to one whatever `accounts` is (docs/SIMULATION-NOTES.md §3.2):
   * the Pareto `size` law describes a venue population of `population` accounts whose sides carry
   * each contract's open interest; its top `top` share per contract side are drawn with absolute
   * notionals from their own seeded stream, and `accounts` sets only how finely the rest (the
   * body) is split. Absent: every account's notional is its share of open interest (it scales like
   * open interest / accounts).
   */
  tail?: CrowdTail
  /**
   * Share of the body's perpetual traders (not the tail's) whose position shares one cross-margin
   * pool with another trader's position on another contract: pairs that stand for one account
   * holding both (docs/SIMULATION-NOTES.md §3.6). An assumption [U]: no venue publishes
   * how many of its accounts hold several positions on cross margin. Absent: 0, every position isolated.
   */
  crossShare?: DecimalString
  /**
   * Share of those pools that hold a long on one contract and a short on another (an account
   * hedged across assets, like the example hedge book) rather than two positions on one side.
   * An assumption [U], as `crossShare`. Absent: 0.
   */
  hedgedShare?: DecimalString
  /** Keyed by contract symbol, e.g. `BTCUSDT`. Empty: no perpetual crowd. */
  contracts: Record<string, CrowdContract>
  loopers?: LooperCohort
  whales?: WhaleCohort
  marketMakers?: MarketMakerCohort
}

/**
 * What a calibration target measures over a run:
 * - `liquidatedNotionalUsd`: perpetual liquidations (what public tallies count), liquidated qty x liquidation price, USD;
 * - `longShareOfLiquidations`: the long share of that notional;
 * - `liquidatedAccounts`: accounts with at least one liquidation;
 * - `troughMove`: lowest mark / start price - 1 of `asset`;
 * - `minPrice`: lowest mark of `asset`;
 * - `adlCount`, `adlAccounts`, `adlNotionalUsd`: crowd positions closed by ADL (matches), the accounts
 *   that lost one, and the notional ADL closed (with `asset`, on that asset's contracts only);
 * - `insuranceFundChangeUsd`: the insurance fund(s) at the end minus at the start, USD (with `fund`,
 *   that fund of the venue's only).
 */
export const CALIBRATION_METRICS = [
  'liquidatedNotionalUsd',
  'longShareOfLiquidations',
  'liquidatedAccounts',
  'troughMove',
  'minPrice',
  'adlCount',
  'adlAccounts',
  'adlNotionalUsd',
  'insuranceFundChangeUsd',
] as const
export type CalibrationMetric = (typeof CALIBRATION_METRICS)[number]

/** Extension: a published outcome the replay should reproduce, with its tolerance. */
export interface CalibrationTarget {
  metric: CalibrationMetric
  /** For price metrics (required) and `adlNotionalUsd` (that asset only). */
  asset?: string
  /**
   * For `insuranceFundChangeUsd`: the id of the venue's fund the figure is about (Binance publishes
   * its BTC/ETH/BNB fund's balance, not its other funds'); absent, every fund of the run together.
   */
  fund?: string
  target: DecimalString
  /** Exactly one of the two tolerances. */
  relativeTolerance?: DecimalString
  absoluteTolerance?: DecimalString
  source: string
  /** The public page the figure comes from (a venue announcement, a research report, a news story). */
  url?: string
  /**
   * `open`: a published output the engine does not reproduce yet (its mechanism is missing or being
   * reworked); the preset test reports it and checks it still misses, so closing it is noticed.
   */
  status?: 'open'
  /**
   * The published figure is a lower bound (a venue that throttles its liquidation feed): the run
   * must reach `target - tolerance` or more, with no upper limit.
   */
  atLeast?: boolean
}

/**
 * Extension: an input of a calibrated preset (open interest, a price path point, a depth figure, an
 * outage) with where it comes from, so a preset's notes tell inputs (what the run is given) from
 * outputs (`calibration`: what it must reproduce).
 */
export interface InputFigure {
  /** The field of this document the figure sets, e.g. `crowd.contracts.BTCUSDT.openInterest`. */
  field: string
  /** The published figure as stated, e.g. "16B USD". */
  value: string
  source: string
  url?: string
}

/**
 * Extension of a date's market file (one with no `venue`): the share of the date's crowd, its
 * cohorts and its depth that a venue with no preset for the date trades, by venue id; `default` for
 * venues the table does not list (resources/scenarios/README.md "Dates without a preset").
 */
export interface VenueShare {
  share: DecimalString
  source: string
  url?: string
}

/** Extension: a window in which the venue matched nothing (BitMEX, 2020-03-13 02:16-02:40 UTC). */
export interface Outage {
  from: IsoTime
  to: IsoTime
  note: string
}

export const COLLATERAL_INDEX_METHODS = ['conversion', 'floor'] as const
/**
 * Extension: how the venue prices one collateral asset instead of `collateralPricing`:
 * `conversion` at its peg value (target's index x conversion ratio: Binance's WBETH and BNSOL since
 * 2025-10-14), `floor` at the collateral price but never below `floor` x its peg value (USDe).
 */
export type CollateralIndexRule = { method: 'conversion' } | { method: 'floor'; floor: DecimalString }

export interface Scenario {
  format: typeof SCENARIO_FORMAT
  id: string
  name: string
  description?: string
  /**
   * Extension: the venue (catalogue id) this preset is calibrated for. A run on another venue is
   * refused; a scenario without one is a date's market or a what-if (docs/FORMATS.md §4.5).
   */
  venue?: string
  start: IsoTime
  end: IsoTime
  step: DurationString
  prices: Record<string, DecimalString>
  pegs: Record<string, Peg>
  shocks: Shock[]
  depegs: Depeg[]
  depth: Record<string, DepthBands>
  /** Global schedule multiplying every book's depth. */
  makerWithdrawal: PathPoint[]
  /** Extension: per-asset schedules that replace the global one. */
  makerWithdrawalByAsset: Record<string, PathPoint[]>
  impactModel: Record<string, ImpactModel>
  /** Extension: half-life of endogenous impact toward the exogenous path. */
  resilienceHalfLife: DurationString
  /** Extension: density of the far book beyond the outermost band, as a share of the banded book's mean density. */
  farBookDensity: DecimalString
  collateralPricing: CollateralPricing
  /**
   * A what-if: the venue's insurance funds scaled so they total this (USD). Absent: the venue
   * profile's funds (docs/CASCADE-NOTES.md "Insurance funds").
   */
  insuranceFund?: DecimalString
  circuitBreaker: CircuitBreaker | null
  /** Extension: windows in which the venue matched nothing. */
  outages: Outage[]
  /** Extension: per-asset collateral index rules that replace `collateralPricing` for that asset. */
  collateralIndex: Record<string, CollateralIndexRule>
  crowd: ScenarioCrowd
  calibration: CalibrationTarget[]
  /** Extension: the inputs of a calibrated preset with their sources. */
  inputs: InputFigure[]
  /** Extension of a date's market file: the share a venue without a preset gets. */
  venueShares?: Record<string, VenueShare>
  /** Extension: how assets the preset does not name move, by class (docs/MODEL.md §1.1). */
  classes?: Partial<Record<AssetClass, ClassSpec>>
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/
const DURATION = /^([1-9][0-9]{0,8})(ms|s|m|h)$/
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const

/** Milliseconds since the epoch of a UTC ISO time, or null when it is not one (or not a real date). */
export function isoTimeMs(text: string): number | null {
  const m = ISO_TIME.exec(text)
  if (!m) return null
  const [, y, mo, d, h, mi, s, frac = ''] = m
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Number(frac.padEnd(3, '0')))
  const back = new Date(ms)
  // Date.UTC rolls "02-30" over to March; a round trip catches it.
  if (back.getUTCDate() !== +d || back.getUTCMonth() !== +mo - 1 || back.getUTCHours() !== +h || back.getUTCMinutes() !== +mi || back.getUTCSeconds() !== +s) return null
  return ms
}

/** Milliseconds of a duration such as `"1s"` or `"500ms"`, or null. */
export function durationMs(text: string): number | null {
  const m = DURATION.exec(text)
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : null
}

/** Defaults of the optional extensions; the validator fills them in. */
export const SCENARIO_DEFAULTS = {
  resilienceHalfLife: '120s',
  farBookDensity: '0.25',
  maintenanceMarginRate: '0.005',
  maxAccountShare: '0.02',
  leverage: { median: '10', sigma: '0.8', min: '1', max: '100' },
  size: { distribution: 'pareto', alpha: '1.5', maxRatio: '100000' },
  entry: { spread: '0.03', drift: '0' },
} as const satisfies {
  resilienceHalfLife: DurationString
  farBookDensity: DecimalString
  maintenanceMarginRate: DecimalString
  maxAccountShare: DecimalString
  leverage: LeverageDistribution
  size: SizeDistribution
  entry: EntryDistribution
}

/**
 * The name of a date's market run on a venue the date has no preset for (the main side's
 * scenario resolution): the data's own English, which the renderer recognises to show it in the
 * app's language (`unCalibratedParts`).
 */
export const unCalibratedName = (name: string, venueWord: string): string => `${name} on ${venueWord} (not calibrated)`

/** The date's name and the venue's word of an `unCalibratedName`, or null for any other name. */
export function unCalibratedParts(name: string): { name: string; venue: string } | null {
  const m = / on (\S+) \(not calibrated\)$/.exec(name)
  return m ? { name: name.slice(0, m.index), venue: m[1] } : null
}
