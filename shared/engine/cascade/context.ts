// What the parts of a run share besides one another: the run's clock and round counters
// (`RunState`), the running tallies (`RunStats`) and the event-log keys. A leaf: every part may
// import it, it imports none of them. The run itself (every part, built in dependency order) is
// `RunContext` in run-cascade.ts.

/** Running tallies for the summary and the calibration metrics. */
export interface RunStats {
  /** Crowd perpetual liquidations: qty x liquidation (trigger) price, USD (the public tallies' measure). */
  liquidatedNotional: number
  liquidatedLongNotional: number
  /** Crowd positions closed by ADL (each counted once per ADL match). */
  crowdAdlCount: number
  /** Crowd accounts with at least one position closed by ADL, and the notional ADL closed (at the ADL price). */
  crowdAdlAccounts: Set<number>
  crowdAdlNotional: number
  /** The same per asset (index in the market's assets). */
  crowdAdlNotionalByAsset: Float64Array
  /**
   * What ADL closed of the unmodelled counterparty (the market's other holders, ranked as 1x
   * positions), in total and per asset: the published ADL tallies count every deleveraged account,
   * so the calibration's `adlNotionalUsd` is the crowd's plus this (summary.ts).
   */
  counterpartyAdlNotional: number
  counterpartyAdlNotionalByAsset: Float64Array
  /** Liquidation orders of the crowd: one per position (or slice of one) sent through the waterfall. */
  crowdLiquidationOrders: number
  /** Crowd losses beyond margin, by who absorbed them. */
  absorbedFund: number
  absorbedAdl: number
  absorbedUnrecovered: number
  /** Lowest mark per asset over the run, and the step it was first reached at. */
  minMark: Float64Array
  minMarkStep: Float64Array
  /** Positions re-opened by deleveraged traders (and the counterparty's re-hedges), rehedge.ts. */
  rehedges: number
}

/** The run's clock and the counters of the current round, written by the loop and the parts. */
export class RunState {
  /** Seconds since the scenario start. */
  t = 0
  step = 0
  /** Orders that traded in the current round of the fixed point. */
  activity = 0
  /** Id of the latest `insurance` event that sent deficits to ADL (0 = none yet). */
  fundTriggerEvent = 0
}

/** Event-log key of the crowd's perpetual liquidations on an asset and side. */
export const liquidationKey = (asset: number, side: number): string => `liq:${asset}:${side > 0 ? 'long' : 'short'}`
/** Event-log key of the crowd's positions deleveraged on an asset and side. */
export const adlKey = (asset: number, side: number): string => `adl:${asset}:${side > 0 ? 'long' : 'short'}`
export const INSURANCE_KEY = 'insurance'
