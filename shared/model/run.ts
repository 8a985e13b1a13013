// Results of a cascade run (docs/MODEL.md §6): typed events with causal links, per-step series,
// and a summary with the loss breakdown. Money crosses boundaries as decimal strings.
import type { DecimalString, Side } from './portfolio'

export const EVENT_KINDS = [
  'shock',
  'depth',
  'depeg',
  'margin-call',
  'liquidation',
  'insurance',
  'adl',
  'circuit-breaker',
  'bankrupt',
  'defi-liquidation',
  'loop-unwind',
] as const
export type EventKind = (typeof EVENT_KINDS)[number]

/** The user's own book is always this account id; crowd accounts have their own ids. */
export const USER_ACCOUNT = 'user'

export interface CascadeEvent {
  /** Sequential within a run, starting at 1. */
  id: number
  /** ISO time of the step. */
  t: string
  kind: EventKind
  /** `user`, a crowd account id such as `c000123`, `market` or `insurance-fund`. */
  account: string
  /** The position id in the user's book, or the contract symbol for crowd positions. */
  position?: string
  symbol?: string
  asset?: string
  side?: Side
  qty?: DecimalString
  price?: DecimalString
  /** Relative distance of the fill from the mark before the order, e.g. "0.0123". */
  slippage?: DecimalString
  /** Named amounts in USD: notional, fee, surplus, shortfall, fundBalance, realizedPnl, profitLost, ... */
  amounts?: Record<string, DecimalString>
  /** Ids of the events that caused this one; the liquidation path follows these links. */
  causes: number[]
  note?: string
}

/** Per-step series, columnar: `t[i]` is the time of every other column's entry i. */
export interface RunSeries {
  t: string[]
  prices: Record<string, number[]>
  depth: Record<string, number[]>
  insuranceFund: number[]
  openInterest: number[]
  user: {
    equity: number[]
    marginRatio: number[]
    effectiveLeverage: number[]
    /** ADL lights (0-5) per user position id over time; 0 when the position is closed or not in profit. */
    adlLights: Record<string, number[]>
  }
}

export interface LossBreakdown {
  price: DecimalString
  slippage: DecimalString
  fees: DecimalString
  profitLostToAdl: DecimalString
  total: DecimalString
}

/** How a run's scenario was chosen for the book's venue (docs/FORMATS.md §4.5): the summary's `calibrated` and note. */
export interface ScenarioBasis {
  /** The id the user asked for (`2025-10-10`), when it differs from the scenario run. */
  requested?: string
  calibrated: boolean
  note: string
}

export interface RunSummary {
  /** The venue profile the book ran on. */
  venue: string
  /** `book`: the scenario's moves applied to the book's own marks; `historical`: the book re-priced at the scenario's start prices. */
  pricing: 'book' | 'historical'
  /** `market`: collateral priced as the scenario prices it; `conversion`: by the venue's conversion-rate index (Binance since 2025-10-14). */
  collateralPricing: 'market' | 'conversion'
  /** True when the run replays a preset on the venue it is calibrated for (resources/scenarios/README.md). */
  calibrated: boolean
  /** Why the run is, or is not, calibrated: the preset and its venue, or the date's market sized to this venue. */
  calibrationNote: string
  /** The scenario id asked for when it was a date resolved to another scenario (`2025-10-10` -> `2025-10-10-binance`). */
  scenarioRequested?: string
  /** The crowd's size setting (`crowd.accounts`, `--crowd`): its perpetual traders; the cohorts come on top (`crowd.accounts` below counts all). */
  crowdSize: number
  survived: boolean
  firstMarginCall: string | null
  firstLiquidation: string | null
  startEquity: DecimalString
  finalEquity: DecimalString
  loss: LossBreakdown
  /** When the first ADL closed one of the user's positions. */
  firstAdlAt: string | null
  /** ADL events that closed the user's positions. */
  userAdl: Array<{ eventId: number; t: string; position: string; qty: DecimalString; price: DecimalString; profitLost: DecimalString }>
  crowd: {
    accounts: number
    liquidatedAccounts: number
    liquidatedNotional: DecimalString
    liquidatedLongShare: DecimalString
    adlCount: number
    /** Crowd accounts that lost a position to ADL, and the notional ADL closed. */
    adlAccounts: number
    adlNotional: DecimalString
    /** Liquidation orders of the crowd (one per position or slice). */
    liquidations: number
    /** Positions re-opened by traders (and the unmodelled counterparty) after ADL closed theirs (docs/CASCADE-NOTES.md "Re-hedging"). */
    rehedges: number
    /** The crowd traders' open interest at mark, (long + short) / 2, USD: at the start and at the end. */
    openInterest: { start: DecimalString; end: DecimalString }
    /** Who absorbed the crowd's losses beyond margin. */
    absorbedBy: { insuranceFund: DecimalString; adl: DecimalString; unrecovered: DecimalString }
  }
  /** The venue's insurance funds together (equity: cash plus what they hold at mark). */
  insuranceFund: { start: DecimalString; end: DecimalString; min: DecimalString }
  /** Every insurance fund of the run, in the venue profile's order (the profile's `insuranceFund` first). */
  insuranceFunds: Array<{ id: string; start: DecimalString; min: DecimalString; end: DecimalString }>
  /** `venue`: the funds' sizes are the venue profile's; `scenario`: a what-if, scaled to the scenario's `insuranceFund`. */
  insuranceFundSource: 'venue' | 'scenario'
  /** Every priced asset: its mark at the start, its lowest mark and when, its mark at the end. */
  assets: Record<string, { start: DecimalString; low: DecimalString; lowAt: string; end: DecimalString }>
  steps: number
  elapsedMs: number
  /** The what-if axes applied to the book and scenario (`--set`, docs/DECISIONS.md §1); absent when none. */
  set?: Record<string, string>
}

export interface RunResult {
  portfolioName: string
  scenarioId: string
  seed: number
  summary: RunSummary
  series: RunSeries
  events: CascadeEvent[]
}

/** Progress of a run, reported while it works. */
export interface RunProgress {
  runId: string
  fraction: number
  step: number
  steps: number
  t: string
}
