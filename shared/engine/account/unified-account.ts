// The unified (portfolio-margin) account as unified.ts and unified-surplus.ts read it: net units and
// tier tables per asset, positions with their bracket rows, loans. Plain data, below both.
import type { Dec } from '../../decimal'
import type { BracketRow } from './brackets'
import type { TierTable } from './collateral'
import type { Sign } from './position-metrics'

export interface UnifiedAsset {
  /** Net units: wallet - loans + unrealized PnL of the positions quoted in this asset. */
  units: Dec
  /** USD price. */
  price: Dec
  table: TierTable
}

export interface UnifiedPosition {
  base: string
  quote: string
  sign: Sign
  qty: Dec
  rows: readonly BracketRow[]
  /** USD price of the quote asset. */
  quotePrice: Dec
  /** 1 / qty, computed cheaply by the caller (see PerpState.inverseQty). */
  inverseQty: Dec
  /** Its maintenance margin now, in USD. */
  mmNow: Dec
}

export interface UnifiedAccount {
  assets: ReadonlyMap<string, UnifiedAsset>
  positions: readonly UnifiedPosition[]
  /** Loan units per asset (already netted into `assets[].units`), for `MarginMM = loan x MMR`. */
  loans: ReadonlyMap<string, Dec>
  loanMmr: Dec
  /** USD price of each base asset now. */
  basePrices: ReadonlyMap<string, Dec>
  /** Total MM (USD) now: positions and loans; each solve subtracts what moves with its base. */
  maintenanceMargin: Dec
  /**
   * Assets pegged to a priced asset by the venue profile (`pegs`: BNSOL to SOL, WBETH to ETH),
   * followed to the end of the chain: a solve on that base moves them with it, in proportion.
   */
  movesWith: ReadonlyMap<string, string>
}
