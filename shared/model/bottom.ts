// The book at the bottom of a scenario's exogenous paths (docs/WHATIF.md): exact account metrics
// at the prices the shock and depeg paths reach, without the crowd, the books' impact, ADL or the
// insurance fund, so the what-if editor can answer while a slider moves. A full run adds the rest.
import type { MetricsReport } from './metrics'
import type { CollateralIndexRule, CollateralPricing, DepegScope, IsoTime } from './scenario'

/** How the run moves an asset the book holds along the exogenous paths. */
export type BottomAssetPath =
  /** Its own shock path in the scenario (or none: it stays at its start price). */
  | { kind: 'shock' }
  /** Not named by the scenario: it follows another asset's path through its class (docs/MODEL.md §1.1). */
  | { kind: 'like'; asset: string; assetClass: string }
  /** Pegged: target x ratio x (1 - depeg); `scope` says whether the oracle follows the depeg. */
  | { kind: 'peg'; to: string; ratio: string; scope: DepegScope | null }

export interface BottomAsset {
  asset: string
  /** The price the run starts from (the book's mark, or the scenario's with historical pricing). */
  start: string
  /** The price at the bottom as the account values it (collateral pricing applied). */
  bottom: string
  /** bottom / start - 1. */
  move: string
  path: BottomAssetPath
}

/** An asset a depeg can be applied to: the scenario's pegs and the book's assets priced by a peg. */
export interface PeggedAsset {
  asset: string
  to: string
  ratio: string
  /** Already in the scenario's `pegs` (otherwise a depeg adds it there with this target and ratio). */
  inScenario: boolean
  inBook: boolean
}

/**
 * One line the venue liquidates on: the account (cross or portfolio margin), an isolated position,
 * a DeFi position. `risk` is its margin ratio normalised so 1 is the liquidation line (cross:
 * maintenance / margin balance; portfolio: liquidationRatio / uniMMR; isolated: maintenance /
 * (isolated margin + uPnL); DeFi: 1 / health factor), capped at RISK_CAP when nothing is left.
 */
export interface BottomLine {
  kind: 'account' | 'position' | 'defi'
  /** The position or DeFi id; null for the account. */
  id: string | null
  risk: number
  marginCall: boolean
  /** Decided on the exact figures: the venue would start liquidating here. */
  liquidated: boolean
}

export const RISK_CAP = 10

export type BottomState = 'safe' | 'margin-call' | 'liquidated'

export interface BottomMetrics {
  /** The scenario the figures are for: the one a run would use (a date resolved to the book's venue's preset or market). */
  scenario: { id: string; name: string }
  /** When the book is closest to liquidation along the paths (a path point; the start if nothing moves). */
  at: IsoTime
  start: IsoTime
  end: IsoTime
  pricing: 'book' | 'historical'
  collateralPricing: CollateralPricing
  /** The book at the run's start prices and at the bottom (no explanations). */
  atStart: MetricsReport
  atBottom: MetricsReport
  lines: BottomLine[]
  /** The highest `risk` of the lines at the start and at the bottom; null when nothing can be liquidated. */
  risk: { start: number | null; bottom: number | null }
  state: BottomState
  /** Positions the venue would close at the bottom: every open one when the account is liquidated, in the venue's order. */
  liquidatedPositions: string[]
  liquidatedDefi: string[]
  /** The book's assets, start and bottom prices. */
  assets: BottomAsset[]
  /** The highest risk at each point of the paths, for a small curve. */
  curve: { t: IsoTime; risk: number | null }[]
  pegged: PeggedAsset[]
  /** Portfolio margin's lines on uniMMR (the venue's): liquidation, and the margin call (reduce-only) line. */
  unified: { liquidationRatio: string; callRatio: string } | null
  /** The venue profile's insurance funds together (a scenario's `insuranceFund` what-if scales them to its total in a run). */
  venueInsuranceFund: string | null
  /** The venue's conversion-rate collateral index for the scenario's pegged assets (Binance since 2025-10-14), when it has one. */
  conversionIndex: { since: string; assets: Record<string, CollateralIndexRule> } | null
  /** The per-asset collateral rules the figures used (the scenario's, and the venue's when the run option asks for them). */
  collateralIndex: Record<string, CollateralIndexRule>
}
