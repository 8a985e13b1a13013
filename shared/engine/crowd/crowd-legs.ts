// The crowd's storage (docs/MODEL.md §4): one row per "leg" (a perpetual position, a collateral-backed
// loan, a lending loop, a unified account's collateral holding) in columnar typed arrays. Legs of
// one account are contiguous; `accountOffsets` (CSR layout) says where each account starts.
// float64 for amounts and prices: the crowd is a statistical model (docs/CONVENTIONS.md §1).

/** What a leg is. */
export const LEG_KIND = {
  /** A perpetual position, isolated margin; triggered by the mark. */
  perp: 0,
  /** Spot collateral pledged for a stablecoin loan; triggered by the collateral price. */
  loan: 1,
  /** A supply/borrow loop (docs/VENUE-RULES.md §4.3); triggered by the collateral price. */
  loop: 2,
  /** One asset of a unified account's collateral; triggered by the collateral price. */
  unified: 3,
} as const
export type LegKind = (typeof LEG_KIND)[keyof typeof LEG_KIND]

/** Who holds it (docs/MODEL.md §4 cohorts). */
export const COHORT = { trader: 0, looper: 1, whale: 2, marketMaker: 3 } as const
export type Cohort = (typeof COHORT)[keyof typeof COHORT]
export const COHORT_NAMES = ['trader', 'looper', 'whale', 'marketMaker'] as const

/** Lifecycle flag the run loop writes. */
export const LEG_STATUS = { open: 0, liquidated: 1, deleveraged: 2, closed: 3 } as const

/** Which price triggers a leg: perps liquidate on the mark, collateral on the venue's collateral price. */
export type Driver = 'mark' | 'collateral'

export function driverOf(kind: number): Driver {
  return kind === LEG_KIND.perp ? 'mark' : 'collateral'
}

export interface CrowdLegs {
  /** Owner account id (0-based, dense). */
  account: Int32Array
  cohort: Uint8Array
  kind: Uint8Array
  /** Index in the market's asset list (`assetUniverse`): the traded or pledged asset. */
  asset: Uint16Array
  /** Contract index for perps, -1 otherwise. */
  contract: Int16Array
  /** +1 gains when the price rises (long, collateral), -1 short. */
  side: Int8Array
  /** Base units: the position size, or the collateral that is sold when the leg is liquidated. */
  qty: Float64Array
  /** Entry price (perps) or the price at origination. */
  entry: Float64Array
  /** USD of the holder's own money behind the leg (isolated margin, capital, equity share). */
  margin: Float64Array
  /** USD borrowed against the leg (loans, loops, unified liability share); 0 for perps. */
  debt: Float64Array
  /** Maintenance margin rate (perps), liquidation threshold (loans, loops) or liquidation ratio (unified). */
  maintenance: Float64Array
  /** Collateral ratio a unified account counts the leg at (haircut); 1 for other kinds. */
  haircut: Float64Array
  /** Price of the leg's asset at which it is liquidated (others held at start). */
  liqPrice: Float64Array
  /** Price at which the leg's equity reaches zero (others held at start). */
  bankruptcyPrice: Float64Array
  /** 1: a trigger liquidates the whole account (unified / margin call), 0: only this leg. */
  forcesAccount: Uint8Array
  /** Cross-margin pool of a perpetual (cross-pools.ts), or -1: isolated. */
  pool: Int32Array
  /** `LEG_STATUS`; all open after generation. */
  status: Uint8Array
}

export function allocateLegs(n: number): CrowdLegs {
  return {
    account: new Int32Array(n),
    cohort: new Uint8Array(n),
    kind: new Uint8Array(n),
    asset: new Uint16Array(n),
    contract: new Int16Array(n).fill(-1),
    side: new Int8Array(n),
    qty: new Float64Array(n),
    entry: new Float64Array(n),
    margin: new Float64Array(n),
    debt: new Float64Array(n),
    maintenance: new Float64Array(n),
    haircut: new Float64Array(n).fill(1),
    liqPrice: new Float64Array(n),
    bankruptcyPrice: new Float64Array(n),
    forcesAccount: new Uint8Array(n),
    pool: new Int32Array(n).fill(-1),
    status: new Uint8Array(n),
  }
}

/** A cursor that appends legs and accounts in order; generators write through it. */
export class LegWriter {
  private leg = 0
  private accountId = -1
  readonly accountOffsets: Int32Array
  /**
   * Per account: how many accounts of the venue it stands for (1 unless a generator says so; see
   * perp-traders.ts, "the body's weight"). The venue's absolute-USD rules apply to one of them.
   */
  readonly accountWeight: Float64Array

  constructor(
    readonly legs: CrowdLegs,
    accountCount: number,
  ) {
    this.accountOffsets = new Int32Array(accountCount + 1)
    this.accountWeight = new Float64Array(accountCount).fill(1)
  }

  /** Starts a new account; following legs belong to it. */
  openAccount(): number {
    this.accountId++
    this.accountOffsets[this.accountId] = this.leg
    this.accountOffsets[this.accountId + 1] = this.leg
    return this.accountId
  }

  /** Reserves the next leg of the current account and returns its row. */
  nextLeg(cohort: Cohort, kind: LegKind, asset: number, side: 1 | -1): number {
    const i = this.leg++
    const l = this.legs
    l.account[i] = this.accountId
    l.cohort[i] = cohort
    l.kind[i] = kind
    l.asset[i] = asset
    l.side[i] = side
    this.accountOffsets[this.accountId + 1] = this.leg
    return i
  }

  get legCount(): number {
    return this.leg
  }

  get accountCount(): number {
    return this.accountId + 1
  }
}
