// What `computeMetrics` returns (docs/FORMATS.md `cascade metrics`): every figure as a decimal string,
// `null` where a price or ratio does not exist. Plain types, shared by the engine that computes
// them, the IPC contract that carries them and the renderer that shows them.
import type { ExplainMap } from './explain'
import type { FieldIssue } from './issues'
import type { MarginMode, Side } from './portfolio'
import type { AdlMethod } from './venue'

export interface AccountMetrics {
  marginMode: MarginMode
  walletBalance: string
  unrealizedPnl: string
  marginBalance: string
  maintenanceMargin: string
  marginRatio: string | null
  uniMMR: string | null
  effectiveLeverage: string | null
  /** Net value of the DeFi positions and loops (sum of `defi[].netValue`; 0 without any), USD. */
  defiNetValue: string
  /** What the book is worth: margin balance plus the DeFi net value (a replay's start equity), USD. */
  equity: string
}

export interface PositionMetrics {
  id: string
  symbol: string
  side: Side
  qty: string
  notional: string
  unrealizedPnl: string
  mmr: string
  maintenanceMargin: string
  liquidationPrice: string | null
  bankruptcyPrice: string | null
  adl: { score: string | null; lights: number }
}

export interface DefiMetrics {
  id: string
  /** Supplies less borrows at the book's prices, USD. */
  netValue: string
  healthFactor: string | null
  triggerPrices: Record<string, string | null>
}

/** What the ADL lights were ranked against: never the venue's real queue. */
export interface AdlQueueInfo {
  source: 'profile default crowd' | 'your positions only'
  method: AdlMethod | null
  /** Synthetic positions per contract. */
  size: number
  seed: number | null
}

export interface MetricsReport {
  account: AccountMetrics
  positions: PositionMetrics[]
  defi: DefiMetrics[]
  adlQueue: AdlQueueInfo
  explain?: ExplainMap
}

export type MetricsResult = { ok: true; value: MetricsReport } | { ok: false; issues: FieldIssue[] }
