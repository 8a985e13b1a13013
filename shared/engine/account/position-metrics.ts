// One perpetual position at a mark: notional, unrealized PnL and bracket maintenance margin
// (docs/MODEL.md §1-2). Figures are in the contract's quote currency; the account converts to USD.
import type { Side } from '../../model/portfolio'
import { bracketFor, maintenanceMarginOfRounded, type BracketRow } from './brackets'
import type { Dec } from '../../decimal'
import { mul, sub } from './exact-ops'

export type Sign = 1 | -1

export const signOf = (side: Side): Sign => (side === 'long' ? 1 : -1)

export interface PositionInput {
  side: Side
  /** Absolute size in base units. */
  qty: Dec
  entryPrice: Dec
  /**
   * `Q x EP`, exact: the given notional when the position was entered by notional (then Q =
   * notional / EP may not terminate, and Q x EP would not come back exactly).
   */
  entryNotional: Dec
  rows: readonly BracketRow[]
}

export interface PositionFiguresDec {
  notional: Dec
  unrealizedPnl: Dec
  bracket: BracketRow
  maintenanceMargin: Dec
  /** The three figures as printed, filled in by the first report that prints them (metrics-report.ts). */
  printed?: { notional: string; unrealizedPnl: string; maintenanceMargin: string }
  /** `approxNumber` of MM and uPnL, filled in by the first sign test that reads them (metrics-report.ts). */
  approx?: { maintenanceMargin: number; unrealizedPnl: number }
  /** What an ADL score reads of the position at this mark, built by the first ranking that scores it (adl-ranking.ts). */
  adlPosition?: { sign: Sign; notional: Dec; entryNotional: Dec; unrealizedPnl: Dec }
}

/** `notional = Q x mark`, `uPnL = side x (Q x mark - Q x EP)`, `MM = notional x mmr - cum` (docs/VENUE-RULES.md §1.2). */
export function positionAtMark(p: PositionInput, mark: Dec): PositionFiguresDec {
  const notional = mul(p.qty, mark)
  const bracket = bracketFor(p.rows, notional)
  return {
    notional,
    unrealizedPnl: p.side === 'long' ? sub(notional, p.entryNotional) : sub(p.entryNotional, notional),
    bracket,
    // notional is a product, already at the configured precision.
    maintenanceMargin: maintenanceMarginOfRounded(bracket, notional),
    // The caches filled in later, declared now: every figures object keeps one shape.
    printed: undefined,
    approx: undefined,
    adlPosition: undefined,
  }
}
