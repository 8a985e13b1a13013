// Venue profile (`cascade.venue/1`, docs/FORMATS.md §3): every venue parameter is data, never code.
// Two kinds share one format: an `exchange` (perpetual brackets, collateral tiers, ADL, liquidation
// rules) and a `lending` protocol (Aave-style reserves). The decision and its reasons are in
// docs/ENGINE-NOTES.md ("Venue profiles").
import type { AssetClass } from './asset-class'
import type { DecimalString } from './portfolio'

export const VENUE_FORMAT = 'cascade.venue/1' as const
export const VENUE_KINDS = ['exchange', 'lending'] as const
export type VenueKind = (typeof VENUE_KINDS)[number]
export const ADL_METHODS = ['binance', 'bitmex', 'hyperliquid'] as const
export type AdlMethod = (typeof ADL_METHODS)[number]
/** Where ADL'd positions are closed: the bankrupt order's price (Binance, Bybit) or mark (OKX, Hyperliquid). */
export const ADL_CLOSE_AT = ['bankruptcy', 'mark'] as const
export type AdlCloseAt = (typeof ADL_CLOSE_AT)[number]
/**
 * How a bracket's maintenance margin rate is given: `table` (each bracket states `mmr`) or
 * `half-initial` (Hyperliquid: mmr = half the initial margin rate at the bracket's max leverage).
 */
export const MAINTENANCE_RULES = ['table', 'half-initial'] as const
export type MaintenanceRule = (typeof MAINTENANCE_RULES)[number]
/** The pseudo-asset a dollar peg points at. */
export const USD = 'USD' as const

/** Where a figure came from: a URL from docs/VENUE-RULES.md (absent for a citation without one) and what it supports. */
export interface VenueSource {
  url?: string
  about: string
}

/** A figure not confirmed by a source (marked [U] in docs/VENUE-RULES.md): `path` points into this profile. */
export interface UnconfirmedFigure {
  path: string
  note: string
}

export interface VenueProfileHeader {
  format: typeof VENUE_FORMAT
  id: string
  name: string
  kind: VenueKind
  /** Date of the rule snapshot, e.g. "2025-10". */
  snapshot: string
  sources: VenueSource[]
  unconfirmed: UnconfirmedFigure[]
  /** Asset pegs used when `prices` has no entry: `USDT -> USD x 1`, `WBETH -> ETH x 1.07`. */
  pegs: Record<string, Peg>
}

export interface Peg {
  /** An asset ticker, or "USD". */
  to: string
  ratio: DecimalString
}

/** One maintenance bracket as written in a file: the floor is the previous cap; `cum` is derived. */
export interface VenueBracketInput {
  /** Absent on the last bracket only: it is open-ended. */
  notionalCap?: DecimalString
  maxLeverage: DecimalString
  /** Required under the `table` rule; absent under `half-initial`. */
  mmr?: DecimalString
}

/** A linear perpetual: PnL and notional in `quote`, marked at the price of `base`. */
export interface ContractSpec {
  base: string
  quote: string
  brackets: VenueBracketInput[]
}

/** A marginal collateral tier: the part of a positive balance up to this bound counts at `ratio`. */
export interface CollateralTier {
  /** Bound in USD value (Binance PM, docs/FORMATS.md §3.1); mutually exclusive with `upToQty`. */
  upToValue?: DecimalString
  /** Bound in asset units (Bybit UTA, OKX discount tiers). */
  upToQty?: DecimalString
  ratio: DecimalString
}

/** An exact ratio such as Hyperliquid's 2/3 that has no finite decimal form. */
export interface Fraction {
  numerator: DecimalString
  denominator: DecimalString
}

export type AdlTrigger =
  /** Classic: the insurance fund cannot cover a bankrupt position's deficit (Binance, BitMEX). */
  | { kind: 'insurance-shortfall' }
  /** Bybit: contract PnL against the pool's peak over the window falls below `startBelow`; ADL stops above `stopAbove`. */
  | { kind: 'pnl-drawdown'; windowSeconds: number; startBelow: DecimalString; stopAbove: DecimalString }
  /** OKX: fund falls below its window average minus max(dropShare x average, minDrop). */
  | { kind: 'fund-threshold'; windowSeconds: number; dropShare: DecimalString; minDrop: DecimalString }
  /** Hyperliquid: an account's (or isolated position's) value becomes negative after the backstop. */
  | { kind: 'negative-equity' }

/** Parameters of the seeded synthetic queue that metrics rank the user's positions against. */
export interface AdlCrowdSpec {
  /** Synthetic positions per contract. */
  size: number
  seed: number
  longShare: DecimalString
  minLeverage: DecimalString
  maxLeverage: DecimalString
  /** Entries spread uniformly within mark x (1 +- entrySpread). */
  entrySpread: DecimalString
  /** Median position notional (quote); sizes are Pareto(alpha = 2), capped at `maxNotional`. */
  medianNotional: DecimalString
  maxNotional: DecimalString
}

export interface AdlRules {
  method: AdlMethod
  closeAt: AdlCloseAt
  trigger: AdlTrigger
  defaultCrowd?: AdlCrowdSpec
}

/** Large positions are liquidated in slices (Hyperliquid: 20% above 100k, 30 s cooldown). */
export interface PartialLiquidation {
  aboveNotional: DecimalString
  fraction: DecimalString
  cooldownSeconds: number
}

/** A backstop vault takes accounts whose equity falls below a fraction of maintenance (Hyperliquid 2/3). */
export interface BackstopLiquidation {
  equityBelowMaintenance: Fraction
  maintenanceReturned: boolean
}

/** Who receives an amount of a liquidation: the insurance fund that serves the contract, the venue, or the trader. */
export const FEE_RECIPIENTS = ['insurance-fund', 'venue'] as const
export type FeeRecipient = (typeof FEE_RECIPIENTS)[number]
export const REMAINDER_RECIPIENTS = ['insurance-fund', 'trader'] as const
export type RemainderRecipient = (typeof REMAINDER_RECIPIENTS)[number]

/**
 * A mark anchored to the index (docs/VENUE-RULES.md §5.2).
 * - `median-ema-basis` (Hyperliquid) and `median-ma-basis` (Binance, Bybit): the median of the
 *   index plus the venue's basis (mid - index) averaged by an EMA of time constant `emaSeconds` or
 *   over the last `windowSeconds`, the venue's own mid, and the index (Binance, Bybit: the index
 *   with its funding term; Hyperliquid: the other venues' perp mids).
 * - `index` (BitMEX's fair price): the index with its funding basis, which is not modelled.
 */
export type MarkPriceRule = { method: 'median-ema-basis'; emaSeconds: number } | { method: 'median-ma-basis'; windowSeconds: number } | { method: 'index' }

export interface LiquidationRules {
  /** Liquidation (clearance) fee on the liquidated amount. */
  feeRate: DecimalString
  /**
   * Where the fee goes (default `venue`). Binance: the insurance fund "will collect liquidation fees
   * from clients that do not result in client bankruptcy" (docs/VENUE-RULES.md §1.4).
   */
  feeTo?: FeeRecipient
  /**
   * What is left of a fully liquidated isolated margin after the fee (the fill was better than the
   * bankruptcy price): to the fund (Bybit, OKX: the position settles at bankruptcy) or to the trader
   * (Binance after its fee, Hyperliquid's market liquidations). Default `insurance-fund`.
   */
  remainderTo?: RemainderRecipient
  partial?: PartialLiquidation
  backstop?: BackstopLiquidation
}

/** A fund of its own for some contracts (Binance: BTC/ETH/BNB; Bybit, OKX: per contract). */
export interface InsuranceFundSpec {
  id: string
  /** Contract symbols it serves; a contract no fund lists is served by the profile's `insuranceFund`. */
  contracts: string[]
  /** USD. */
  balance: DecimalString
}

/**
 * How much the fund may hold of what it takes over (docs/VENUE-RULES.md §1.4, §2.5):
 * `net-notional`: its net position at mark at most `share` x its equity (Binance: "by default, this
 * is 100% the size of the insurance fund"); `maintenance`: the fund is an account under the venue's
 * margin rules, its equity must cover the maintenance margin of what it holds, and when it no
 * longer does, its positions are deleveraged (Hyperliquid's liquidator vault).
 */
export type TakeoverLimit = { kind: 'net-notional'; share: DecimalString } | { kind: 'maintenance' }

/**
 * How the fund sells what it took over, every `intervalSeconds` (docs/CASCADE-NOTES.md "Insurance
 * funds"). `exit: "taker"` (default): it hits the book for at most `depthShare` of the depth within 1%
 * of mid. `exit: "passive"`: it quotes, so it sells only as the price moves its way, `depthShare` of
 * the depth the move crossed (a market-making exit such as Hyperliquid's liquidator's).
 */
export interface OffloadRule {
  depthShare: DecimalString
  intervalSeconds: number
  exit?: 'taker' | 'passive'
}

export interface InsuranceRules {
  /** Id of the fund given by `insuranceFund` (default `insurance`). */
  defaultFundId?: string
  funds?: InsuranceFundSpec[]
  takeoverLimit?: TakeoverLimit
  offload?: OffloadRule
}

/** Unified / portfolio margin: uniMMR = sum(adjusted equity) / sum(MM) and its thresholds. */
export interface UnifiedRules {
  liquidationRatio: DecimalString
  reduceOnlyRatio?: DecimalString
  reminderRatio?: DecimalString
  /** Collateral ratio of assets with no tiers (Binance PM: 0.1). Absent: such assets are refused. */
  defaultCollateralRatio?: DecimalString
  /** Maintenance rate on margin loans (`MarginMM = loan x MMR`). Absent: loans add no MM. */
  loanMmr?: DecimalString
  /** How the venue names and prints the account's ratio on its own screen (display only; the engine's figure is uniMMR). */
  ratioDisplay?: AccountRatioDisplay
}

/**
 * The venue's own term for the account-level ratio and the form it prints it in: `ratio`
 * (Binance uniMMR 1.85), `percent` (OKX margin ratio 185%: the same quotient), `inverse-percent`
 * (Bybit Account MM Rate 54%: MM / adjusted equity, liquidation at 100%). docs/FORMATS.md §3.
 */
export interface AccountRatioDisplay {
  name: string
  form: 'ratio' | 'percent' | 'inverse-percent'
}

export interface LendingReserve {
  ltv: DecimalString
  liquidationThreshold: DecimalString
  /** As a multiplier: 1.05 = 5% bonus. */
  liquidationBonus: DecimalString
  /** Share of the bonus that goes to the protocol. */
  protocolFee: DecimalString
}

/** An efficiency-mode category: its collateral assets use the category's LTV, LT and bonus. */
export interface LendingEMode {
  id: number
  label: string
  collateral: string[]
  borrowable: string[]
  ltv: DecimalString
  liquidationThreshold: DecimalString
  liquidationBonus: DecimalString
}

/** Aave v3.3 liquidation rules and reserve parameters. */
export interface LendingParams {
  /** Close factor above `fullCloseHealthFactor` (0.5). */
  closeFactor: DecimalString
  /** At or below this health factor the whole debt is liquidatable (0.95). */
  fullCloseHealthFactor: DecimalString
  /** Below this USD value of the reserve's collateral or debt the close factor is 100% (2,000). */
  fullCloseBelowValue: DecimalString
  /** A partial liquidation must leave at least this much USD of debt and of collateral (1,000). */
  minLeftoverValue: DecimalString
  reserves: Record<string, LendingReserve>
  eModes: LendingEMode[]
}

/** How one collateral asset is priced under a conversion-pricing rule (docs/VENUE-RULES.md §3.1). */
export type ConversionIndexRule = { method: 'conversion' } | { method: 'floor'; floor: DecimalString }

/**
 * A venue's later collateral-index rule, offered per run (`--collateral-pricing conversion`): Binance
 * since 2025-10-14 prices WBETH and BNSOL by their conversion rate and USDe with a floor.
 */
export interface ConversionPricing {
  /** The date the venue applied the rule, e.g. "2025-10-14". */
  since: string
  about: string
  assets: Record<string, ConversionIndexRule>
}

export interface ExchangeProfile extends VenueProfileHeader {
  /** The class of each listed asset, for crash presets that do not name it (docs/MODEL.md §1.1). */
  assetClasses?: Record<string, AssetClass>
  kind: 'exchange'
  maintenanceRule: MaintenanceRule
  contracts: Record<string, ContractSpec>
  collateral: Record<string, CollateralTier[]>
  /**
   * The assets a cross or isolated account's wallet takes as margin (Hyperliquid's perpetuals: USDC
   * only); absent: every asset at its price. A wallet row of another asset is refused.
   */
  marginAssets?: string[]
  unified?: UnifiedRules
  adl: AdlRules
  liquidation: LiquidationRules
  /** How the venue's mark (margining, liquidation triggers) is made; absent: its book's mid. */
  markPrice?: MarkPriceRule
  /** USD: the fund serving every contract that `insurance.funds` does not list. */
  insuranceFund: DecimalString
  /** Several funds, the fund's limits and how it offloads (docs/VENUE-RULES.md §1.4). */
  insurance?: InsuranceRules
  /** The venue's conversion-rate collateral index, when it has one (a run option, not the default). */
  conversionPricing?: ConversionPricing
  /**
   * Lending protocols reachable from this account, by protocol id. The catalog attaches every
   * shipped `lending` profile here; a file may also give its own.
   */
  defi: Record<string, LendingParams>
}

export interface LendingProfile extends VenueProfileHeader {
  kind: 'lending'
  lending: LendingParams
}

export type VenueProfile = ExchangeProfile | LendingProfile
