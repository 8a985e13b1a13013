// What every part of a run shares: the market, the crowd, the ledger, the fund, the event log, the
// user's account, the rules and the running tallies. One object, passed by reference; no globals.
import type { Market } from '../market'
import type { TimeGrid } from '../market/time-grid'
import type { Scenario } from '../../model/scenario'
import type { AdlQueues } from './adl-queue'
import type { CrowdBook } from './crowd-book'
import type { EventLog } from './event-log'
import type { InsuranceFund } from './insurance'
import type { Ledger } from './ledger'
import type { MarketEvents } from './market-events'
import type { RunRules } from './rules'
import type { UserAccount } from './user-account'
import type { Waterfall } from './waterfall'

/** Running tallies for the summary and the calibration metrics. */
export interface RunStats {
  /** Crowd perpetual liquidations: qty x liquidation (trigger) price, USD (the public tallies' measure). */
  liquidatedNotional: number
  liquidatedLongNotional: number
  /** Crowd positions closed by ADL (each counted once per ADL match). */
  crowdAdlCount: number
  /** Crowd losses beyond margin, by who absorbed them. */
  absorbedFund: number
  absorbedAdl: number
  absorbedUnrecovered: number
  /** Lowest mark per asset over the run. */
  minMark: Float64Array
  /** Long notional liquidated per asset during the current re-entry window (shorts into the crash). */
  windowLongLiquidated: Float64Array
}

export interface RunContext {
  scenario: Scenario
  grid: TimeGrid
  market: Market
  rules: RunRules
  ledger: Ledger
  crowd: CrowdBook
  log: EventLog
  drivers: MarketEvents
  fund: InsuranceFund
  adl: AdlQueues
  user: UserAccount
  waterfall: Waterfall
  stats: RunStats
  /** Marks at the start, per asset. */
  startMarks: Float64Array
  /** Seconds since the scenario start. */
  t: number
  step: number
  /** Orders that traded in the current round of the fixed point. */
  activity: number
  /** Called before the user's first event of a step: the series keeps the state just before it. */
  beforeUserEvent: () => void
  /** Id of the latest `insurance` event that sent deficits to ADL (0 = none yet). */
  fundTriggerEvent: number
}

/** Event-log key of the crowd's perpetual liquidations on an asset and side. */
export const liquidationKey = (asset: number, side: number): string => `liq:${asset}:${side > 0 ? 'long' : 'short'}`
/** Event-log key of the crowd's positions deleveraged on an asset and side. */
export const adlKey = (asset: number, side: number): string => `adl:${asset}:${side > 0 ? 'long' : 'short'}`
export const INSURANCE_KEY = 'insurance'
